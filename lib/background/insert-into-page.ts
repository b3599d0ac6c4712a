import { browser } from 'wxt/browser';
import { activePageTab } from '../messaging/active-page-tab';
import type { ContentMessage, InsertIntoPageResult } from '../messaging/protocol';

/** The popup's "Insert into page": the field focused last, in whichever frame of the active tab. */
export async function insertIntoPage(text: string): Promise<InsertIntoPageResult> {
  const tab = await activePageTab();
  if (tab?.id === undefined) return { ok: false, reason: 'no-tab' };
  // Runs in the content scripts' isolated world, where they note the last focused field.
  const results = await browser.scripting
    .executeScript({
      target: { tabId: tab.id, allFrames: true },
      func: () => {
        const relay = (
          globalThis as unknown as Record<symbol, { lastFocused?: { at: number } } | undefined>
        )[Symbol.for('prompt-relay')];
        return relay?.lastFocused?.at ?? 0;
      },
    })
    .catch(() => []);
  let best: { frameId: number; at: number } | null = null;
  for (const result of results) {
    const at = typeof result.result === 'number' ? result.result : 0;
    if (at > 0 && (!best || at > best.at)) best = { frameId: result.frameId, at };
  }
  if (!best) return { ok: false, reason: 'no-field' };
  const message: ContentMessage = { type: 'insert-text', text };
  const inserted: unknown = await browser.tabs
    .sendMessage(tab.id, message, { frameId: best.frameId })
    .catch(() => false);
  return inserted === true ? { ok: true } : { ok: false, reason: 'no-field' };
}
