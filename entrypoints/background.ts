import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { loadFieldUi } from '../lib/background/field-ui-loader';
import {
  createContextMenu,
  onCommand,
  onContextMenuClick,
} from '../lib/background/in-page-triggers';
import { insertIntoPage } from '../lib/background/insert-into-page';
import {
  clearResultCache,
  forgetKey,
  isExtensionPage,
  isStageName,
  keyStatus,
  rebindKey,
  saveKey,
} from '../lib/background/options-requests';
import { closeStorageToContentScripts } from '../lib/background/storage-access';
import { syncShortcut } from '../lib/background/shortcut-sync';
import { serveOptimizePort } from '../lib/messaging/port-server';
import type { RuntimeRequest } from '../lib/messaging/protocol';
import { testConnection } from '../lib/providers/test-connection';
import { startLegacyMigration } from '../lib/secrets/secret-store';
import { loadStoredSettings } from '../lib/settings/stage-settings';

export default defineBackground(() => {
  // First, before any listener: content scripts may read no setting at all (Chrome).
  closeStorageToContentScripts();
  // Keys from earlier versions move out of chrome.storage.local into the secret store.
  void startLegacyMigration(async (stage) => (await loadStoredSettings()).values[stage].baseUrl);
  browser.runtime.onInstalled.addListener(createContextMenu);
  // Every worker start: the user may have rebound the shortcut meanwhile.
  void syncShortcut().catch(() => undefined);

  browser.commands.onCommand.addListener(onCommand);
  browser.contextMenus.onClicked.addListener(onContextMenuClick);

  browser.runtime.onConnect.addListener((port) =>
    serveOptimizePort(port, { extensionId: browser.runtime.id }),
  );

  // Returning a Promise answers the message (webextension-polyfill semantics).
  const answer = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
  ): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const request = message as RuntimeRequest;
    switch (request?.type) {
      case 'test-connection':
        // Options page only: a content script must not make the background call a provider.
        return isExtensionPage(sender) && isStageName(request.stage)
          ? testConnection(request.stage)
          : undefined;
      case 'load-field-ui':
        return loadFieldUi(sender);
      case 'open-options':
        return browser.runtime.openOptionsPage();
      case 'insert-into-page':
        return insertIntoPage(request.text);
      case 'key-status':
        return isExtensionPage(sender) ? keyStatus() : undefined;
      case 'save-key':
        return isExtensionPage(sender) ? saveKey(request.stage, request.key) : undefined;
      case 'rebind-key':
        return isExtensionPage(sender) ? rebindKey(request.stage, request.fromOrigin) : undefined;
      case 'forget-key':
        return isExtensionPage(sender) ? forgetKey(request.stage) : undefined;
      case 'clear-cache':
        return isExtensionPage(sender) ? clearResultCache() : undefined;
      default:
        return undefined;
    }
  };
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(answer);
});
