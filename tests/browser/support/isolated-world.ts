// Runs a function in a page's ISOLATED world (the content scripts' world: executeScript's
// default), from the extension's worker: what a content script of Prompt Relay could do there.
import type { Worker } from '@playwright/test';

interface ChromeGlobal {
  chrome: {
    tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
    scripting: {
      executeScript(injection: {
        target: { tabId: number };
        func: () => unknown;
      }): Promise<{ result?: unknown }[]>;
    };
  };
}

/**
 * Runs `func` in the isolated world of the tab at `pageUrl` and resolves with its result. The
 * function travels as source text inside the evaluated expression (the worker's CSP forbids
 * building it with `new Function`), so it must not close over anything.
 */
export async function inIsolatedWorld(
  worker: Worker,
  pageUrl: string,
  func: () => unknown,
): Promise<unknown> {
  const run = async (pageUrl: string, func: () => unknown) => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    const [frame] = await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, func });
    return frame?.result;
  };
  return worker.evaluate(`(${run.toString()})(${JSON.stringify(pageUrl)}, ${func.toString()})`);
}
