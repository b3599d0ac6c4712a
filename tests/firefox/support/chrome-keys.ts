// Keys pressed in Firefox's parent process, where `commands` shortcuts are handled. Key input sent
// by the driver is dispatched in the content process and reaches pages and content scripts, never
// `commands`. In the parent process, BiDi can evaluate script in the browser window
// (browser.xhtml, `moz:scope: 'chrome'`, allowed by --remote-allow-system-access), and there the
// remote agent's own copy of EventUtils synthesizes the key as a real key press of the window:
// Firefox's shortcut handling sees it exactly as it sees the user's keys.
import type { Browser } from 'puppeteer-core';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text?: string };
}

function bidi(browser: Browser): BidiConnection {
  // puppeteer-core's BidiBrowser exposes its WebDriver BiDi connection; Browser's type does not.
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('not a WebDriver BiDi browser');
  return connection;
}

/** Evaluates `expression` in the browser window's chrome context; returns its value. */
export async function evaluateInChrome(browser: Browser, expression: string): Promise<unknown> {
  const connection = bidi(browser);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' }))
    .result as { contexts: { context: string; url: string }[] };
  const chromeWindow = tree.contexts.find(
    (c) => c.url === 'chrome://browser/content/browser.xhtml',
  );
  if (!chromeWindow) throw new Error('no browser.xhtml chrome context');
  const reply = (
    await connection.send('script.evaluate', {
      expression,
      target: { context: chromeWindow.context },
      awaitPromise: true,
    })
  ).result as EvaluateResult;
  if (reply.type !== 'success') {
    throw new Error(`chrome-scope script failed: ${reply.exceptionDetails?.text ?? 'unknown'}`);
  }
  return reply.result?.value;
}

export interface ChromeKeyModifiers {
  altKey?: boolean;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/**
 * Presses `key` (a KeyboardEvent.key such as 'O', with its `code`) with modifiers in the focused
 * browser window, as the parent process sees a user's key press.
 */
export async function pressInChrome(
  browser: Browser,
  key: string,
  code: string,
  modifiers: ChromeKeyModifiers,
): Promise<void> {
  const event = JSON.stringify({ ...modifiers, code });
  await evaluateInChrome(
    browser,
    `(() => {
      const utils = { window, parent: window, _EU_Ci: Ci, _EU_Cc: Cc };
      Services.scriptloader.loadSubScript('chrome://remote/content/external/EventUtils.js', utils);
      utils.synthesizeKey(${JSON.stringify(key)}, ${event}, window);
      return true;
    })()`,
  );
}

/** The extension's shortcut, Alt+Shift+O (lib/manifest-constants.ts OPTIMIZE_SHORTCUT). */
export function pressOptimizeShortcut(browser: Browser): Promise<void> {
  return pressInChrome(browser, 'O', 'KeyO', { altKey: true, shiftKey: true });
}
