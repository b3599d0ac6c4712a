import { describe, expect, it } from 'vitest';
import type { PromptContext } from '../../lib/messaging/protocol';
import { contextToSend, type PageContextPolicy } from '../../lib/settings/page-context-policy';
import { isHostListed, parseSiteLines, siteHost } from '../../lib/settings/site-hosts';

const CONTEXT: PromptContext = {
  pageTitle: 'Inbox - Secret Project',
  pageUrl: 'https://mail.example.com/inbox',
  fieldHint: 'Reply',
};

describe('siteHost: one typed entry as a host', () => {
  it.each([
    ['mail.example.com', 'mail.example.com'],
    ['  Mail.Example.COM  ', 'mail.example.com'],
    ['https://mail.example.com/inbox?x=1#top', 'mail.example.com'],
    ['http://Mail.Example.com:8443', 'mail.example.com'],
    ['mail.example.com/inbox', 'mail.example.com'],
    ['mail.example.com:8080', 'mail.example.com'],
    ['*.example.com', 'example.com'],
    ['https://*.example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.example.com/', 'example.com'],
    ['www.com', 'www.com'],
    ['example.com.', 'example.com'],
    ['localhost', 'localhost'],
    ['intranet', 'intranet'],
    ['127.0.0.1', '127.0.0.1'],
    ['http://127.0.0.1:5173/page', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['my_host.corp', 'my_host.corp'],
  ])('%j → %j', (entry, host) => {
    expect(siteHost(entry)).toBe(host);
  });

  it.each([
    '',
    '   ',
    'mail example com',
    'ex*ample.com',
    '*',
    'example.*',
    'me@mail.example.com',
    'https://user:pass@example.com',
    'http://',
    'file:///home/me/notes.html',
    'example..com',
    'exa$mple.com',
    `${'a'.repeat(64)}.com`,
  ])('%j names no host', (entry) => {
    expect(siteHost(entry)).toBeNull();
  });
});

describe('parseSiteLines: the textarea', () => {
  it('normalizes, drops duplicates and blank lines, and keeps the invalid lines as typed', () => {
    expect(
      parseSiteLines(
        'Mail.Example.com\n\nhttps://mail.example.com/x\r\n not a host \n*.docs.example.org\n',
      ),
    ).toEqual({ hosts: ['mail.example.com', 'docs.example.org'], invalid: ['not a host'] });
  });
});

describe('isHostListed: an entry covers its host and subdomains', () => {
  it.each<[string, string[], boolean]>([
    ['mail.example.com', ['mail.example.com'], true],
    ['mail.example.com', ['example.com'], true],
    ['a.b.mail.example.com', ['example.com'], true],
    ['example.com', ['example.com'], true],
    ['EXAMPLE.com.', ['example.com'], true],
    ['example.com', ['mail.example.com'], false],
    ['notexample.com', ['example.com'], false],
    ['example.com.evil.net', ['example.com'], false],
    ['example.org', ['example.com'], false],
    ['127.0.0.1', ['127.0.0.1'], true],
    ['127.0.0.1', ['0.0.1'], false],
    ['10.127.0.0.1', ['127.0.0.1'], false],
    ['[::1]', ['[::1]'], true],
    ['localhost', ['localhost'], true],
    ['', ['example.com'], false],
    ['mail.example.com', [], false],
  ])('%j with %j → %s', (host, hosts, listed) => {
    expect(isHostListed(host, hosts)).toBe(listed);
  });
});

describe('contextToSend: decided in the background from the vouched origin', () => {
  const on: PageContextPolicy = { sendPageContext: true, noContextSites: [] };
  const off: PageContextPolicy = { sendPageContext: false, noContextSites: [] };
  const listed: PageContextPolicy = { sendPageContext: true, noContextSites: ['example.com'] };

  it.each<[string, PromptContext | undefined, string | null, PageContextPolicy, boolean]>([
    ['default: a page sends it', CONTEXT, 'https://mail.example.com', on, true],
    ['turned off', CONTEXT, 'https://mail.example.com', off, false],
    ['a listed site', CONTEXT, 'https://example.com', listed, false],
    ['a subdomain of a listed site', CONTEXT, 'https://mail.example.com', listed, false],
    ['a listed site on another port', CONTEXT, 'http://example.com:8080', listed, false],
    ['a site the list does not cover', CONTEXT, 'https://example.org', listed, true],
    // The page's own claim of where it is does not count: the origin decides.
    [
      'a listed origin whose context claims another site',
      { ...CONTEXT, pageUrl: 'https://example.org/' },
      'https://mail.example.com',
      listed,
      false,
    ],
    ['an opaque origin (sandboxed frame)', CONTEXT, 'null', on, false],
    ['a local file', CONTEXT, 'file://', on, false],
    ['the popup, even with page context off', { fieldHint: 'Prompt Relay popup' }, null, off, true],
  ])('%s', (_name, context, origin, policy, kept) => {
    expect(contextToSend(context, origin, policy)).toEqual(kept ? context : undefined);
  });

  it('has nothing to drop when the page sent nothing', () => {
    expect(contextToSend(undefined, 'https://example.org', on)).toBeUndefined();
  });
});
