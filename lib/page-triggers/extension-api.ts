import type { Browser } from 'webextension-polyfill';

/**
 * The in-page scripts use the browser's own `chrome` namespace: the polyfill alone would cost more
 * than the whole always-on script (5 KB gzipped budget). Chrome and Firefox MV3 both return
 * promises from it.
 */
export function extensionApi(): Browser {
  return (globalThis as unknown as { chrome: Browser }).chrome;
}
