import { browser } from 'wxt/browser';

/**
 * Asks for host access to provider origins the browser does not grant now (the user set the
 * extension's site access to "On click", which withholds even the manifest's hosts). Call it
 * straight from the Save submit: the prompt needs that click's user activation, which lasts a
 * few seconds, enough for the `contains` checks before it. Returns the patterns still without
 * access; requests to those go out as cross-origin (CORS) requests.
 */
export async function requestMissingHostAccess(patterns: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const pattern of new Set(patterns)) {
    const granted = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    if (!granted) missing.push(pattern);
  }
  if (missing.length === 0) return [];
  let granted = false;
  try {
    granted = await browser.permissions.request({ origins: missing });
  } catch {
    // "Only permissions specified in the manifest may be requested": nothing to ask for.
    granted = false;
  }
  return granted ? [] : missing;
}
