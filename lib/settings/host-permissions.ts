/**
 * Host access for provider base URLs. The manifest grants a few origins up front and the
 * <all_urls> content script covers the rest, unless the user restricted site access; then the
 * options page asks for the origins on Save (components/options/request-host-access.ts).
 */

import { MANIFEST_HOST_PATTERNS } from '../manifest-constants';

function parseHttpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** The match pattern for a URL's origin (`https://host:port/*`), or null if it is not http(s). */
export function originPattern(url: string): string | null {
  const parsed = parseHttpUrl(url);
  return parsed ? `${parsed.origin}/*` : null;
}

function hostMatches(patternHost: string, hostname: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === patternHost;
}

/**
 * Whether one of the given patterns (the manifest's by default) covers the URL. A pattern without
 * a port matches every port, as browsers do, so `http://localhost/*` covers `localhost:11434`.
 */
export function isCoveredByManifest(
  url: string,
  patterns: readonly string[] = MANIFEST_HOST_PATTERNS,
): boolean {
  const parsed = parseHttpUrl(url);
  if (!parsed) return false;
  const scheme = parsed.protocol.slice(0, -1);
  return patterns.some((pattern) => {
    const match = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
    if (!match) return false;
    const [, patternScheme, patternHost] = match as unknown as [string, string, string];
    if (patternScheme !== '*' && patternScheme !== scheme) return false;
    return hostMatches(patternHost.toLowerCase(), parsed.hostname.toLowerCase());
  });
}

/** The distinct origin patterns among the URLs that the manifest does not already cover. */
export function originsNeedingPermission(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    const pattern = originPattern(url);
    if (pattern && !isCoveredByManifest(url)) origins.add(pattern);
  }
  return [...origins];
}
