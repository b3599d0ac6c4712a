import { browser } from 'wxt/browser';
import { activePageTab } from '../../lib/messaging/active-page-tab';

/** The active tab's selected text, through activeTab; empty where the page can't be scripted. */
export async function readSelectedText(): Promise<string> {
  try {
    const tab = await activePageTab();
    if (tab?.id === undefined || !/^https?:|^file:/.test(tab.url ?? '')) return '';
    const [result] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => window.getSelection()?.toString() ?? '',
    });
    return typeof result?.result === 'string' ? result.result.trim() : '';
  } catch {
    return '';
  }
}
