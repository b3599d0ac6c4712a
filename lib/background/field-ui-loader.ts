import { browser } from 'wxt/browser';

/** The overlay and editor adapters, built as an unlisted script. */
const FIELD_UI_FILE = '/field-ui.js';

/** Injects the field UI into the one frame that asked, on its first use there. */
export async function loadFieldUi(tabId: number, frameId: number): Promise<boolean> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [FIELD_UI_FILE],
  });
  return true;
}
