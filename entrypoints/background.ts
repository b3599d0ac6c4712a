import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { serveOptimizePort } from '../lib/messaging/port-server';
import type { RuntimeRequest } from '../lib/messaging/protocol';
import { testConnection } from '../lib/providers/test-connection';

export default defineBackground(() => {
  browser.runtime.onConnect.addListener((port) =>
    serveOptimizePort(port, { extensionId: browser.runtime.id }),
  );

  // Returning a Promise answers the message (webextension-polyfill semantics).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const request = message as RuntimeRequest;
    if (request?.type === 'test-connection') return testConnection(request.stage);
    return undefined;
  });
});
