import { browser, type Browser } from 'wxt/browser';

/**
 * The tab the user was on: the active tab of the last focused browser window, else of any browser
 * window. The action popup is not a tab, and a detached popup window is not a browser window.
 */
export async function activePageTab(): Promise<Browser.tabs.Tab | undefined> {
  const [focused] = await browser.tabs.query({
    active: true,
    lastFocusedWindow: true,
    windowType: 'normal',
  });
  return focused ?? (await browser.tabs.query({ active: true, windowType: 'normal' }))[0];
}
