/** Shared by the bench's sections: medians, the budget report, extension set-up over plain CDP. */
import { providerStorage, type ProviderSetup } from '../tests/browser/support/configure-providers';
import type { CdpBrowser } from './cdp-chromium';

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');

/** Labels of figures over their budget; main() exits non-zero when any is. */
export const overBudget: string[] = [];

export function report(label: string, value: number, budget: number, unit: string): void {
  const ok = value <= budget;
  if (!ok) overBudget.push(label);
  const figure = value.toFixed(1).padStart(8);
  console.log(
    `  ${ok ? 'ok  ' : 'OVER'} ${label.padEnd(54)} ${figure} ${unit}  (budget ${budget} ${unit})`,
  );
}

/** Records a figure against its budget without printing it (for table rows); true when within. */
export function within(label: string, value: number, budget: number): boolean {
  const ok = value <= budget;
  if (!ok) overBudget.push(label);
  return ok;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens one of the extension's pages, runs `expression` there (chrome.* available), closes it. */
async function inExtensionPage(browser: CdpBrowser, expression: string): Promise<void> {
  const extensionId = await browser.extensionId();
  const page = await browser.openPage(`chrome-extension://${extensionId}/options.html`);
  try {
    await browser.evaluate(page, expression);
  } finally {
    await browser.closePage(page);
  }
}

/**
 * Writes what the options page stores for `setup` (chrome.storage and the keys in the extension
 * origin's IndexedDB, which its pages share with the worker) from an extension page: this client
 * never attaches to the worker (see cdp-chromium.ts).
 */
export async function configureOverCdp(
  browser: CdpBrowser,
  setup: ProviderSetup,
  extraSync: Record<string, unknown> = {},
): Promise<void> {
  const { local, sync, secrets } = providerStorage(setup);
  await inExtensionPage(
    browser,
    `new Promise((resolve) => {
      // The extension's APIs appear in its pages a moment after the worker registers.
      const write = () =>
        globalThis.chrome?.storage
          ? Promise.all([
              chrome.storage.local.set(${JSON.stringify(local)}),
              chrome.storage.sync.set(${JSON.stringify({ ...sync, ...extraSync })}),
            ]).then(resolve)
          : setTimeout(write, 50);
      write();
    }).then(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('prompt-relay', 2);
      open.onupgradeneeded = () => {
        for (const name of ['secrets', 'result-cache', 'used-sites']) {
          if (!open.result.objectStoreNames.contains(name)) open.result.createObjectStore(name);
        }
      };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('secrets', 'readwrite');
        for (const [stage, secret] of Object.entries(${JSON.stringify(secrets)})) {
          tx.objectStore('secrets').put({ ...secret, savedAt: Date.now() }, stage);
        }
        tx.oncomplete = () => { db.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
      };
    }))`,
  );
}

/** Sets sync settings the way configure-providers.ts does (e.g. `{ warmConnection: false }`). */
export async function setSyncSettings(
  browser: CdpBrowser,
  values: Record<string, unknown>,
): Promise<void> {
  await inExtensionPage(
    browser,
    `new Promise((resolve) => {
      const write = () =>
        globalThis.chrome?.storage
          ? chrome.storage.sync.set(${JSON.stringify(values)}).then(resolve)
          : setTimeout(write, 50);
      write();
    })`,
  );
}
