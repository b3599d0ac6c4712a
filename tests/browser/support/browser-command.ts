// The keyboard shortcut as the browser delivers it: `chrome.commands.onCommand` in the worker.
// Key presses sent over CDP (Playwright's keyboard) never reach chrome.commands, and the product
// has no page key listener for the shortcut any more; `onCommand.dispatch` runs the worker's real
// listener with the tab, as Chrome does when the user presses the keys.
import type { Page, Worker } from '@playwright/test';

/** The slice of the worker's `chrome` used here; the project has no @types/chrome. */
interface WorkerChrome {
  chrome: {
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
    commands: { onCommand: { dispatch(command: string, tab: object): void } };
  };
}

export function extensionWorker(page: Page): Worker {
  const worker = page
    .context()
    .serviceWorkers()
    .find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('the extension has no service worker in this context');
  return worker;
}

/**
 * Fires the `optimize-prompt` command for the tab showing `page`. Like the real command it reaches
 * every frame, and only the frame that has focus acts: click into the field first. The page's URL
 * must identify its tab (FixturePage.open gives each tab a unique `#tab-…` fragment).
 */
export async function dispatchOptimizeCommand(page: Page, worker = extensionWorker(page)) {
  await worker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as WorkerChrome;
    const tabs = (await chrome.tabs.query({})).filter((t) => t.url === pageUrl);
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${pageUrl}, expected one`);
    chrome.commands.onCommand.dispatch('optimize-prompt', tabs[0]!);
  }, page.url());
}
