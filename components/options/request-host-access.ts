import { browser } from 'wxt/browser';

/**
 * Asks for optional host access. Must be called synchronously from the Save click or submit:
 * browsers only show the prompt while the user gesture is still active.
 */
export function requestHostAccess(origins: string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  try {
    return browser.permissions.request({ origins }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
