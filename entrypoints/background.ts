import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { loadFieldUi } from '../lib/background/field-ui-loader';
import {
  createContextMenu,
  onCommand,
  onContextMenuClick,
} from '../lib/background/in-page-triggers';
import { insertIntoPage } from '../lib/background/insert-into-page';
import { serveOptimizePort } from '../lib/messaging/port-server';
import type { RuntimeRequest } from '../lib/messaging/protocol';
import { testConnection } from '../lib/providers/test-connection';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(createContextMenu);

  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));

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
        return testConnection(request.stage);
      case 'load-field-ui':
        return loadFieldUi(sender);
      case 'open-options':
        return browser.runtime.openOptionsPage();
      case 'insert-into-page':
        return insertIntoPage(request.text);
      default:
        return undefined;
    }
  };
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(answer);
});
