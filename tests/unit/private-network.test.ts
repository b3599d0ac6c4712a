import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PipelineError } from '../../lib/errors/error-codes';
import {
  forgetPipelineSettings,
  loadPipelineSettings,
} from '../../lib/background/pipeline/pipeline-settings';
import { saveStageSecret } from '../../lib/background/secrets/secret-store';
import {
  checkBaseUrl,
  httpOriginNeedingConfirmation,
  isInsecureBaseUrl,
  normalizeConfirmedOrigins,
} from '../../lib/settings/base-url-rules';
import { normalizeSettings } from '../../lib/settings/normalize-settings';
import { isPrivateNetworkHost } from '../../lib/settings/private-network';
import { insecureStoredBaseUrl, loadStoredSettings } from '../../lib/settings/settings-store';
import { formFromValues, validateSettings } from '../../lib/settings/validate-settings';
import { resetIndexedDb } from './support/pipeline-harness';

beforeEach(async () => {
  fakeBrowser.reset();
  await resetIndexedDb();
  forgetPipelineSettings();
});

/** The host part as `new URL` gives it, the way every caller passes it. */
const hostOf = (host: string) => new URL(`http://${host}/`).hostname;

describe('isPrivateNetworkHost', () => {
  it.each([
    ['10.0.0.5', true],
    ['10.255.255.255', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['172.15.0.1', false],
    ['172.32.0.1', false],
    ['192.168.1.20', true],
    ['192.169.1.20', false],
    ['11.0.0.1', false],
    ['8.8.8.8', false],
    ['127.0.0.1', false],
    ['0xC0A80114', true], // 192.168.1.20 written as a number: the URL parser normalizes it
    ['[fd12:3456::1]', true],
    ['[fc00::1]', true],
    ['[fe80::1]', false],
    ['[2001:db8::1]', false],
    ['[fc::1]', false],
    ['[::ffff:192.168.1.20]', false],
    ['nas.local', true],
    ['box.lan', true],
    ['ollama.internal', true],
    ['pi.home.arpa', true],
    ['local', false],
    ['example.com', false],
    ['evil.local.example.com', false],
    ['lan.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isPrivateNetworkHost(hostOf(host))).toBe(expected);
  });
});

describe('plain http:// to the network needs a confirmed origin', () => {
  const lan = 'http://192.168.1.20:11434/v1';
  const origin = 'http://192.168.1.20:11434';

  it('names the origin to confirm, only for a network host over http', () => {
    expect(httpOriginNeedingConfirmation(lan)).toBe(origin);
    expect(httpOriginNeedingConfirmation('https://192.168.1.20:11434/v1')).toBeNull();
    expect(httpOriginNeedingConfirmation('http://localhost:11434/v1')).toBeNull();
    expect(httpOriginNeedingConfirmation('http://example.com/v1')).toBeNull();
  });

  it('refuses it unconfirmed, takes it once confirmed; a public host stays refused', () => {
    expect(checkBaseUrl(lan)).toEqual({ ok: false, problem: 'unconfirmed' });
    expect(checkBaseUrl(lan, ['http://192.168.1.20:8080'])).toEqual({
      ok: false,
      problem: 'unconfirmed',
    });
    expect(checkBaseUrl(lan, [origin])).toEqual({ ok: true, url: lan });
    expect(checkBaseUrl('http://example.com/v1', ['http://example.com'])).toEqual({
      ok: false,
      problem: 'insecure',
    });
    expect(isInsecureBaseUrl(lan, [origin])).toBe(false);
    expect(isInsecureBaseUrl(lan)).toBe(true);
  });

  it('keeps only valid confirmations in storage', () => {
    expect(
      normalizeConfirmedOrigins([
        origin,
        origin,
        'http://example.com',
        'https://192.168.1.20',
        `${origin}/v1`,
        42,
      ]),
    ).toEqual([origin]);
    expect(normalizeConfirmedOrigins('x')).toEqual([]);
  });

  it('the options form asks for the confirmation in words', () => {
    const values = normalizeSettings({}).values;
    const form = formFromValues({
      ...values,
      draft: { ...values.draft, apiKey: '' },
      refinement: { ...values.refinement, apiKey: '' },
    });
    form.draft.baseUrl = lan;
    expect(validateSettings(form)).toEqual({
      ok: false,
      errors: {
        'draft-base-url':
          '192.168.1.20:11434 is on your network over plain http://: confirm in Prompt Relay settings that prompts may go to http://192.168.1.20:11434 unencrypted, or use https://',
      },
    });
    expect(validateSettings(form, [origin]).ok).toBe(true);
  });

  it('the normalizer resets a stored unconfirmed one and keeps a confirmed one', () => {
    const raw = { draft: { baseUrl: lan } };
    expect(normalizeSettings(raw).reset).toEqual([
      { label: 'Draft base URL', reason: 'insecure-url', stage: 'draft' },
    ]);
    const kept = normalizeSettings({ ...raw, confirmedHttpOrigins: [origin] });
    expect(kept.reset).toEqual([]);
    expect(kept.values.draft.baseUrl).toBe(lan);
  });

  it('reads the confirmations from local storage (not synced)', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': lan, confirmedHttpOrigins: [origin] });
    expect((await loadStoredSettings()).values.draft.baseUrl).not.toBe(lan);
    expect(await insecureStoredBaseUrl('draft')).toBe(lan);
    await fakeBrowser.storage.local.set({ confirmedHttpOrigins: [origin] });
    expect((await loadStoredSettings()).values.draft.baseUrl).toBe(lan);
    expect(await insecureStoredBaseUrl('draft')).toBeNull();
  });

  it('the pipeline refuses a stored unconfirmed one before any request, key or not', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.preset': 'ollama', 'draft.baseUrl': lan });
    const error = await loadPipelineSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('insecure-url');
    expect((error as PipelineError).message).toBe(
      'Nothing sent: the Draft base URL (http://192.168.1.20:11434/v1) is not confirmed. 192.168.1.20:11434 is on your network over plain http://: confirm in Prompt Relay settings that prompts may go to http://192.168.1.20:11434 unencrypted, or use https://.',
    );
  });

  it('runs a confirmed one with the key saved for it', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.preset': 'custom', 'draft.baseUrl': lan });
    await fakeBrowser.storage.local.set({ confirmedHttpOrigins: [origin] });
    await saveStageSecret('draft', 'lan-key', origin);
    const settings = await loadPipelineSettings();
    expect(settings.draft.baseUrl).toBe(lan);
    expect(settings.draft.apiKey).toBe('lan-key');
  });

  it('refuses again once the confirmation is withdrawn', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.preset': 'ollama', 'draft.baseUrl': lan });
    await fakeBrowser.storage.local.set({ confirmedHttpOrigins: [origin] });
    expect((await loadPipelineSettings()).draft.baseUrl).toBe(lan);
    await fakeBrowser.storage.local.set({ confirmedHttpOrigins: [] });
    await expect(loadPipelineSettings()).rejects.toBeInstanceOf(PipelineError);
  });
});
