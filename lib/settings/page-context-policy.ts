import type { PromptContext } from '../messaging/protocol';
import { isHostListed } from './site-hosts';

/** The user's choice about the page title, address and field label sent with a prompt. */
export interface PageContextPolicy {
  sendPageContext: boolean;
  /** Normalized hosts (see site-hosts.ts): each covers itself and its subdomains. */
  noContextSites: readonly string[];
}

function hostOfOrigin(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/**
 * The context a page's request may send, decided in the background from the origin the browser
 * vouches for (the page could claim any). `pageOrigin` is null for the extension's own pages,
 * whose requests carry no page context: theirs passes unchanged. A page without a host name (a
 * sandboxed frame's opaque origin, a local file) gets none: the list could not name it, and a
 * file's path is the user's own business.
 */
export function contextToSend(
  context: PromptContext | undefined,
  pageOrigin: string | null,
  policy: PageContextPolicy,
): PromptContext | undefined {
  if (context === undefined || pageOrigin === null) return context;
  if (!policy.sendPageContext) return undefined;
  const host = hostOfOrigin(pageOrigin);
  if (host === '' || isHostListed(host, policy.noContextSites)) return undefined;
  return context;
}
