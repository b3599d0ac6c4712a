// Firefox's own page context menu (`#contentAreaContextMenu` in browser.xhtml), opened and used
// from the parent process as a user does it. Measured in Firefox ESR 153, headless:
// - EventUtils.synthesizeMouse on the tab's <browser> with `{ type: 'contextmenu', button: 2 }`
//   reaches the page as a trusted `contextmenu` at those coordinates, and Firefox builds and opens
//   its real menu (extension items included). A synthesized `mousedown` with button 2 alone opens
//   nothing: on Linux the widget layer, which synthesized events bypass, makes the contextmenu.
//   The same goes for Shift+F10 synthesized as keys (nothing opens).
// - A right-click away from a textarea's selection leaves that selection as it was; the tests
//   aim at the selected text anyway.
// - EventUtils.synthesizeMouseAtCenter on an open menu's <menuitem> activates it (mouse down and
//   up over the item, as a user's click), and the menu closes.
// The extension's item is `<menuitem label="Optimize prompt">` directly in the menu when it is the
// extension's only item.
import type { Browser } from 'puppeteer-core';
import { evaluateInChrome } from './chrome-keys';

const LOAD_EVENT_UTILS = `
  const utils = { window, parent: window, _EU_Ci: Ci, _EU_Cc: Cc };
  Services.scriptloader.loadSubScript('chrome://remote/content/external/EventUtils.js', utils);
`;

/**
 * Right-clicks at (`x`, `y`), CSS pixels in the page's viewport, in the tab showing `pageUrl` (it
 * must be the selected tab: bring it to front first). Resolves with the labels of the menu's
 * visible items once it is open.
 */
export async function openContextMenuAt(
  browser: Browser,
  pageUrl: string,
  x: number,
  y: number,
): Promise<string[]> {
  const labels = (await evaluateInChrome(
    browser,
    `new Promise((resolve, reject) => {
      ${LOAD_EVENT_UTILS}
      const target = gBrowser.selectedBrowser;
      if (target.currentURI.spec !== ${JSON.stringify(pageUrl)}) {
        return reject(new Error('the selected tab shows ' + target.currentURI.spec));
      }
      const menu = document.getElementById('contentAreaContextMenu');
      const timer = setTimeout(() => reject(new Error('no context menu opened')), 15000);
      menu.addEventListener('popupshown', () => {
        clearTimeout(timer);
        resolve(JSON.stringify(
          [...menu.children].filter((item) => !item.hidden && item.label).map((item) => item.label),
        ));
      }, { once: true });
      // A right button press as Linux delivers it: mousedown, the contextmenu, then mouseup
      // (sent before the menu shows, so the release cannot land on one of its items).
      for (const type of ['mousedown', 'contextmenu', 'mouseup']) {
        utils.synthesizeMouse(target, ${x}, ${y}, { type, button: 2 }, window);
      }
    })`,
  )) as string;
  return JSON.parse(labels) as string[];
}

/** Clicks the open context menu's item labelled `label`, and waits for the menu to close. */
export async function chooseContextMenuItem(browser: Browser, label: string): Promise<void> {
  await evaluateInChrome(
    browser,
    `new Promise((resolve, reject) => {
      ${LOAD_EVENT_UTILS}
      const menu = document.getElementById('contentAreaContextMenu');
      if (menu.state !== 'open') return reject(new Error('the context menu is ' + menu.state));
      const item = [...menu.querySelectorAll('menuitem')].find(
        (el) => !el.hidden && el.label === ${JSON.stringify(label)},
      );
      if (!item) return reject(new Error('no menu item labelled ' + ${JSON.stringify(label)}));
      const timer = setTimeout(() => reject(new Error('the context menu did not close')), 15000);
      menu.addEventListener('popuphidden', () => {
        clearTimeout(timer);
        resolve(true);
      }, { once: true });
      utils.synthesizeMouseAtCenter(item, {}, window);
    })`,
  );
}

/** Closes the context menu if it is open (Escape, as a user would). */
export async function closeContextMenu(browser: Browser): Promise<void> {
  await evaluateInChrome(
    browser,
    `(() => {
      const menu = document.getElementById('contentAreaContextMenu');
      if (menu.state === 'open' || menu.state === 'showing') menu.hidePopup();
      return true;
    })()`,
  );
}
