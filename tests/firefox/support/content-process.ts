// Privileged script in a tab's content process, where no page script and no WebDriver BiDi realm
// can go: from the parent process (chrome scope, see chrome-keys.ts), a one-shot frame script is
// loaded into the tab's <browser> through its message manager. It runs with the system principal
// in the tab's content process, beside the page: `content` is the page's window (seen without
// Xray restrictions that matter here), and `Cu`/`ChromeUtils` are available. Measured in Firefox
// ESR 153: `loadFrameScript('data:,…')` runs at once in the current top document, and
// `Element.openOrClosedShadowRoot` (chrome-only) returns closed shadow roots there.
//
// Through it, tests read the in-page panel's closed shadow root (overlay.ts) and run code in the
// extension's own content-script sandbox (content-script.ts).
import type { Browser } from 'puppeteer-core';
import { evaluateInChrome } from './chrome-keys';

let calls = 0;

/**
 * Runs `fn` in the content process of the tab showing `pageUrl` (exact URL), awaits it, and
 * returns its result (structured-cloned: plain data only). `fn` is sent as source text, so it
 * must be self-contained; it receives `content` (the page's window), `Cu`, `ChromeUtils` and
 * `arg`.
 */
export async function inTabContentProcess<T, A>(
  browser: Browser,
  pageUrl: string,
  fn: (scope: PrivilegedScope, arg: A) => T | Promise<T>,
  arg: A,
): Promise<T> {
  const reply = `test:frame-script-reply:${process.pid}:${(calls += 1)}`;
  // tsx/esbuild (keepNames) may wrap inner functions in `__name(...)`: define it there.
  const frameScript = `(async () => {
    const __name = (f) => f;
    try {
      const value = await (${fn.toString()})({ content, Cu, ChromeUtils }, ${JSON.stringify(arg)});
      sendAsyncMessage(${JSON.stringify(reply)}, { ok: true, value });
    } catch (error) {
      sendAsyncMessage(${JSON.stringify(reply)}, { ok: false, error: String(error) });
    }
  })();`;
  const result = (await evaluateInChrome(
    browser,
    `new Promise((resolve) => {
      const url = ${JSON.stringify(pageUrl)};
      let target = null;
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        target ??= win.gBrowser.browsers.find((b) => b.currentURI.spec === url) ?? null;
      }
      if (!target) return resolve(JSON.stringify({ ok: false, error: 'no tab shows ' + url }));
      const mm = target.messageManager;
      const timer = setTimeout(() => {
        mm.removeMessageListener(${JSON.stringify(reply)}, listener);
        resolve(JSON.stringify({ ok: false, error: 'the frame script did not answer in 10 s' }));
      }, 10000);
      const listener = (message) => {
        clearTimeout(timer);
        mm.removeMessageListener(${JSON.stringify(reply)}, listener);
        resolve(JSON.stringify(message.data));
      };
      mm.addMessageListener(${JSON.stringify(reply)}, listener);
      mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(frameScript)}), false);
    })`,
  )) as string;
  const parsed = JSON.parse(result) as { ok: boolean; value?: T; error?: string };
  if (!parsed.ok) throw new Error(`content-process script failed: ${parsed.error}`);
  return parsed.value as T;
}

/** What a frame script sees: typed loosely, it is Firefox-internal API. */
export interface PrivilegedScope {
  content: Window & typeof globalThis;
  Cu: {
    evalInSandbox(source: string, sandbox: object): unknown;
  };
  ChromeUtils: { importESModule(url: string): Record<string, unknown> };
}
