// Opens the extension's own pages. Headless Chromium cannot show the action popup as a popup,
// so popup.html is opened in a normal tab; the page code is the same.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Browser } from 'webextension-polyfill';

export function extensionUrl(extensionId: string, path: string): string {
  return `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
}

async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  path: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl(extensionId, path));
  return page;
}

/** Opens popup.html in a tab; `query` (with or without a leading `?`) is appended as-is. */
export async function openPopup(
  context: BrowserContext,
  extensionId: string,
  query?: string,
): Promise<Page> {
  const search = query ? `?${query.replace(/^\?/, '')}` : '';
  return openExtensionPage(context, extensionId, `popup.html${search}`);
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  return openExtensionPage(context, extensionId, 'options.html');
}

/**
 * Opens popup.html in an unfocused popup window: the action popup cannot be clicked open
 * headless, and an unfocused window keeps the page's tab the active one, as the real popup does.
 */
export async function openPopupWindow(context: BrowserContext, worker: Worker): Promise<Page> {
  const opened = context.waitForEvent('page');
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: Browser }).chrome;
    await api.windows.create({ url: 'popup.html', focused: false, type: 'popup' });
  });
  return opened;
}
