import { browser, type Browser } from 'wxt/browser';
import { OPTIMIZE_COMMAND } from '../manifest-constants';
import type { ContentMessage } from '../messaging/protocol';
import { isMode, type Mode } from '../prompts/modes';
import { defaultMode } from '../settings/settings-items';
import { deliverToTab } from './deliver-to-tab';
import { loadPipelineSettings } from './pipeline/pipeline-settings';

export const CONTEXT_MENU_ID = 'optimize-prompt';

export function createContextMenu(): void {
  browser.contextMenus.removeAll().then(
    () =>
      browser.contextMenus.create({
        id: CONTEXT_MENU_ID,
        title: 'Optimize prompt',
        contexts: ['selection', 'editable'],
      }),
    () => undefined,
  );
}

let modeRead: Promise<Mode> | null = null;
let watchingMode = false;

/**
 * Read here and sent with the trigger: content scripts get no access to chrome.storage. Kept
 * while the worker lives (it sits on the path to the first draft token), until the setting changes.
 */
function userDefaultMode(): Promise<Mode> {
  if (!watchingMode) {
    watchingMode = true;
    defaultMode.watch(() => {
      modeRead = null;
    });
  }
  modeRead ??= defaultMode.getValue().then(
    (mode) => (isMode(mode) ? mode : 'general'),
    () => 'general' as const,
  );
  return modeRead;
}

function send(tabId: number, message: ContentMessage, frameId?: number): void {
  void deliverToTab(tabId, message, frameId);
}

/** The keyboard command reaches every frame; the one the user is typing in acts. */
export async function onCommand(command: string, tab: Browser.tabs.Tab | undefined): Promise<void> {
  if (command !== OPTIMIZE_COMMAND || tab?.id === undefined) return;
  // The request's settings and keys are read while the trigger goes to the tab and back (a
  // worker Chrome just started reads fifteen storage items and opens its database), not after.
  void loadPipelineSettings().catch(() => undefined);
  send(tab.id, { type: 'trigger', source: 'command', mode: await userDefaultMode() });
}

export async function onContextMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
  send(
    tab.id,
    {
      type: 'trigger',
      source: 'context-menu',
      mode: await userDefaultMode(),
      ...(info.selectionText ? { selectionText: info.selectionText } : {}),
    },
    info.frameId,
  );
}
