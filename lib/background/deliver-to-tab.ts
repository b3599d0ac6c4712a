import { browser } from 'wxt/browser';
import type { ContentMessage } from '../messaging/protocol';

/** The always-on trigger script, as the manifest declares it for every frame. */
const TRIGGER_SCRIPT = '/field-triggers.js';

/**
 * Sends a trigger to a tab's content scripts. When the user set the extension's site access to
 * "On click", the always-on script was never injected; the command or menu click that got us
 * here granted activeTab, which lets us inject it now into the top frame and its same-origin
 * frames, and send again. Pages we may not script (the Web Store, chrome://) stay quiet.
 */
export async function deliverToTab(
  tabId: number,
  message: ContentMessage,
  frameId?: number,
): Promise<void> {
  const options = frameId !== undefined ? { frameId } : undefined;
  try {
    await browser.tabs.sendMessage(tabId, message, options);
    return;
  } catch {
    // No receiver: the trigger script is not in this tab (site access withheld), or not yet.
  }
  try {
    await browser.scripting.executeScript({
      target: frameId !== undefined ? { tabId, frameIds: [frameId] } : { tabId, allFrames: true },
      files: [TRIGGER_SCRIPT],
    });
    await browser.tabs.sendMessage(tabId, message, options);
  } catch {
    // Not scriptable, even with activeTab.
  }
}
