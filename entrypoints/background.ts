import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  createContextMenu,
  onCommand,
  onContextMenuClick,
} from '../lib/background/in-page-triggers';
import { messageHandlers } from '../lib/background/message-handlers';
import { createMessageRouter } from '../lib/background/message-router';
import { closeStorageToContentScripts } from '../lib/background/storage-access';
import { createTabBudget } from '../lib/background/tab-budget';
import { serveOptimizePort } from '../lib/background/port-server';
import { historyRecorder } from '../lib/background/history';
import { recordUsedSite } from '../lib/background/connection-warmer';
import type { ExtensionIdentity } from '../lib/messaging/sender-role';
import { startLegacyMigration } from '../lib/background/secrets/secret-store';
import { loadStoredSettings } from '../lib/settings/settings-store';
import { loadPipelineSettings } from '../lib/background/pipeline/pipeline-settings';

export default defineBackground(() => {
  // First, before any listener: content scripts may read no setting at all (Chrome).
  closeStorageToContentScripts();
  // Keys from earlier versions move out of chrome.storage.local into the secret store.
  void startLegacyMigration(async (stage) => (await loadStoredSettings()).values[stage].baseUrl);
  // The settings and the organization's policy are read now, not on the first request: the
  // first storage.managed read after Chromium starts took 2.6–3.0 s (measured, Chromium 156;
  // later reads < 3 ms), which would otherwise sit before the first draft token.
  void loadPipelineSettings().catch(() => undefined);
  const self: ExtensionIdentity = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  const budget = createTabBudget();

  browser.runtime.onInstalled.addListener(createContextMenu);

  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));

  const recordSite = (origin: string) => void recordUsedSite(origin).catch(() => undefined);
  browser.runtime.onConnect.addListener((port) =>
    serveOptimizePort(port, { self, budget, recordSite, history: historyRecorder }),
  );
  // Returning a Promise answers the message (webextension-polyfill semantics).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(createMessageRouter(messageHandlers, self));
});
