/**
 * Where a base URL may point. Keys travel in the Authorization header, so plain http:// is
 * allowed only when the request never leaves this computer (loopback).
 */

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

/** An http:// URL to a host other than this computer: refused everywhere. */
export function isInsecureBaseUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed?.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}

export type BaseUrlProblem = 'invalid' | 'insecure';

/**
 * Checks a base URL and returns it without trailing slashes (the clients append paths), or why
 * it is refused.
 */
export function checkBaseUrl(
  text: unknown,
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
  if (isInsecureBaseUrl(trimmed)) return { ok: false, problem: 'insecure' };
  return { ok: true, url: trimmed.replace(/\/+$/, '') };
}
