import { browser, type Browser } from 'wxt/browser';

/** The overlay and editor adapters, built as a runtime-registered content script. */
const FIELD_UI_FILE = '/field-ui.js';

/** Injects the field UI into the one frame that asked, on its first use there. */
export async function loadFieldUi(sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return false;
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [sender.frameId ?? 0] },
    files: [FIELD_UI_FILE],
  });
  return true;
}
