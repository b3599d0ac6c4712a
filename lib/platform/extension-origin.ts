import { browser } from 'wxt/browser';
import { originFromRootUrl } from './local-server-words';

/**
 * This install's own origin, `chrome-extension://<id>` or `moz-extension://<uuid>`: what a local
 * server must allow. Firefox's UUID is random per install, so it is read, never built.
 */
export function extensionOrigin(): string {
  return originFromRootUrl(browser.runtime.getURL('/'));
}
