// Code run in the extension's REAL content-script context in Firefox: the sandbox in which the
// always-on trigger script (field-triggers.js) runs in that page, with its `chrome`/`browser`
// objects, its principal and its sender identity. From a privileged frame script
// (content-process.ts), Firefox's own ExtensionContent module hands out the extension's
// content-script context for a window (`getContextByExtensionId(id, window)`, the way DevTools
// reaches it), and `Cu.evalInSandbox` evaluates in its sandbox. Measured in Firefox ESR 153: that
// sandbox holds the trigger script's `Symbol.for('prompt-relay')` global, so it is the very
// context the product runs in, and messages sent from it carry the page tab's sender.
import type { Browser } from 'puppeteer-core';
import { inTabContentProcess } from './content-process';

/**
 * Evaluates `source` (an expression; a Promise is awaited) in the content-script sandbox of
 * extension `addonId` in the top frame of the tab showing `pageUrl`. The value is turned into
 * JSON inside the sandbox and returned parsed, so only plain data crosses.
 */
export async function inContentScript<T = unknown>(
  browser: Browser,
  pageUrl: string,
  addonId: string,
  source: string,
): Promise<T> {
  const json = await inTabContentProcess(
    browser,
    pageUrl,
    async ({ content, Cu, ChromeUtils }, arg: { addonId: string; source: string }) => {
      const { ExtensionContent } = ChromeUtils.importESModule(
        'resource://gre/modules/ExtensionContent.sys.mjs',
      ) as {
        ExtensionContent: {
          getContextByExtensionId(id: string, window: Window): { sandbox?: object } | undefined;
        };
      };
      const context = ExtensionContent.getContextByExtensionId(arg.addonId, content);
      if (!context?.sandbox) throw new Error(`no content-script context of ${arg.addonId} here`);
      const wrapped = `Promise.resolve().then(async () => JSON.stringify(await (${arg.source})) ?? 'null')`;
      return await (Cu.evalInSandbox(wrapped, context.sandbox) as Promise<string>);
    },
    { addonId, source },
  );
  return JSON.parse(json) as T;
}
