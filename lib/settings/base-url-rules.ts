/**
 * Where a base URL may point. Keys travel in the Authorization header, so plain http:// is
 * allowed when the request never leaves this computer (loopback), and to a host on the user's own
 * network only for an origin the user confirmed (lib/settings/private-network.ts); public hosts
 * never.
 */
import { isPrivateNetworkHost } from './private-network';

export const INSECURE_URL_WORDS =
  'Use https:// — plain http:// is allowed only for this computer (localhost)';

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** localhost, 127.0.0.0/8 and [::1]; the URL parser has already normalized IPv4 forms. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `https://host[:port]` of an http(s) URL, or null. */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  return parsed.origin;
}

/** `host[:port]` of a URL for words shown to the user, or the text itself. */
export function hostOf(url: string): string {
  return parse(url)?.host || url;
}

/** The host part of an origin such as `https://api.groq.com`, for words. */
export function hostOfOrigin(origin: string): string {
  return hostOf(origin);
}

/**
 * The origin (`http://192.168.1.20:11434`) of an http:// URL to a host on the user's network,
 * which may be used once the user confirms it; null for anything else.
 */
export function httpOriginNeedingConfirmation(url: string): string | null {
  const parsed = parse(url);
  if (parsed?.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return null;
  return isPrivateNetworkHost(parsed.hostname) ? parsed.origin : null;
}

/**
 * An http:// URL to a host other than this computer, unless it is on the user's network and its
 * origin is among `confirmedOrigins`: refused everywhere.
 */
export function isInsecureBaseUrl(url: string, confirmedOrigins: readonly string[] = []): boolean {
  const parsed = parse(url);
  if (parsed?.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return false;
  const lan = httpOriginNeedingConfirmation(url);
  return lan === null || !confirmedOrigins.includes(lan);
}

/** Words for a refused http:// URL: a network host can be confirmed, a public one never. */
export function insecureUrlWords(url: string): string {
  const lan = httpOriginNeedingConfirmation(url);
  return lan === null ? INSECURE_URL_WORDS : unconfirmedUrlWords(lan);
}

export function unconfirmedUrlWords(origin: string): string {
  return (
    `${hostOf(origin)} is on your network over plain http://: confirm in Prompt Relay ` +
    `settings that prompts may go to ${origin} unencrypted, or use https://`
  );
}

/**
 * `insecure`: plain http:// to a public host. `unconfirmed`: plain http:// to a host on the
 * user's network whose origin the user has not confirmed.
 */
export type BaseUrlProblem = 'invalid' | 'insecure' | 'unconfirmed';

/**
 * Checks a base URL and returns it without trailing slashes (the clients append paths), or why
 * it is refused.
 */
export function checkBaseUrl(
  text: unknown,
  confirmedOrigins: readonly string[] = [],
): { ok: true; url: string } | { ok: false; problem: BaseUrlProblem } {
  if (typeof text !== 'string') return { ok: false, problem: 'invalid' };
  const trimmed = text.trim();
  // `new URL('https:example.com')` parses, so insist on the `//` of an absolute URL.
  if (!/^https?:\/\//i.test(trimmed)) return { ok: false, problem: 'invalid' };
  const parsed = parse(trimmed);
  if (!parsed || parsed.hostname === '') return { ok: false, problem: 'invalid' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, problem: 'invalid' };
  }
  if (isInsecureBaseUrl(trimmed, confirmedOrigins)) {
    const lan = httpOriginNeedingConfirmation(trimmed) !== null;
    return { ok: false, problem: lan ? 'unconfirmed' : 'insecure' };
  }
  return { ok: true, url: trimmed.replace(/\/+$/, '') };
}

/** Most network origins kept confirmed: a handful of boxes at home, not a scan of a subnet. */
export const CONFIRMED_ORIGINS_MAX = 20;

/**
 * The stored confirmations, checked: only origins that need one (`http://` to a network host,
 * no path), each once. Anything else in storage confirms nothing.
 */
export function normalizeConfirmedOrigins(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const origins = new Set<string>();
  for (const entry of raw) {
    if (typeof entry !== 'string') continue;
    const origin = httpOriginNeedingConfirmation(entry);
    if (origin !== null && origin === entry) origins.add(origin);
  }
  return [...origins].slice(0, CONFIRMED_ORIGINS_MAX);
}
