/**
 * What differs by browser in the words users read: where shortcuts are changed, which pages no
 * extension may touch. (What a local server must allow is this install's exact origin, read at
 * run time: lib/platform/extension-origin.ts and local-server-words.ts.) One table,
 * so a Chrome-only instruction never reaches a Firefox user. The browser is fixed at build time
 * (`wxt build -b firefox` sets import.meta.env.FIREFOX).
 */
export type BrowserFamily = 'chrome' | 'firefox';

export interface BrowserWords {
  /** The browser's own name, for sentences. */
  name: string;
  /** Where the user changes or sets extension shortcuts, as they would find it. */
  shortcutSettings: string;
  /** Pages where no extension may read or write, named the way users know them. */
  closedPages: string;
}

export const BROWSER_WORDS: Readonly<Record<BrowserFamily, BrowserWords>> = {
  chrome: {
    name: 'Chrome',
    shortcutSettings: 'chrome://extensions/shortcuts',
    closedPages: 'chrome:// pages and the Chrome Web Store',
  },
  firefox: {
    name: 'Firefox',
    // Firefox has no URL for this view; it is reached from the add-ons manager's gear menu.
    shortcutSettings: 'about:addons → gear menu → Manage Extension Shortcuts',
    closedPages: 'about: pages and addons.mozilla.org',
  },
};

export function browserFamily(env: { FIREFOX?: boolean } = import.meta.env): BrowserFamily {
  return env.FIREFOX ? 'firefox' : 'chrome';
}

/** The words for the browser this build is for. */
export function browserWords(family: BrowserFamily = browserFamily()): BrowserWords {
  return BROWSER_WORDS[family];
}
