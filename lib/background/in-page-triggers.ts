import { browser, type Browser } from 'wxt/browser';
import type { ContentMessage } from '../messaging/protocol';
import { deliverToTab } from './deliver-to-tab';
import { OPTIMIZE_COMMAND } from './shortcut-sync';

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

function send(tabId: number, message: ContentMessage, frameId?: number): void {
  void deliverToTab(tabId, message, frameId);
}

/** The keyboard command reaches every frame; the one the user is typing in acts. */
export function onCommand(command: string, tab: Browser.tabs.Tab | undefined): void {
  if (command !== OPTIMIZE_COMMAND || tab?.id === undefined) return;
  send(tab.id, { type: 'trigger', source: 'command' });
}

export function onContextMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): void {
  if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
  send(
    tab.id,
    {
      type: 'trigger',
      source: 'context-menu',
      ...(info.selectionText ? { selectionText: info.selectionText } : {}),
    },
    info.frameId,
  );
}
