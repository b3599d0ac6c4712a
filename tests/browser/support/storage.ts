// Reads and writes chrome.storage from inside the service worker, so tests configure settings
// in a few ms instead of driving the options UI. Keys are the raw chrome.storage keys: wxt's
// `local:draft.apiKey` is stored as `draft.apiKey` in chrome.storage.local.
// A stopped worker makes these calls wait until it is restarted (see service-worker.ts).
import type { Worker } from '@playwright/test';

export type StorageAreaName = 'local' | 'sync';

interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}

/** The slice of the extension `chrome` global these helpers use; the project has no @types/chrome. */
export interface ChromeStorageGlobal {
  chrome: { storage: Record<StorageAreaName, StorageArea> };
}

/** Values must survive structured cloning into the worker (plain JSON-like data). */
export async function setStorage(
  serviceWorker: Worker,
  area: StorageAreaName,
  items: Record<string, unknown>,
): Promise<void> {
  await serviceWorker.evaluate(
    ({ area, items }) =>
      (globalThis as unknown as ChromeStorageGlobal).chrome.storage[area].set(items),
    { area, items },
  );
}

export async function getStorage(
  serviceWorker: Worker,
  area: StorageAreaName,
  keys?: string | string[],
): Promise<Record<string, unknown>> {
  return serviceWorker.evaluate(
    ({ area, keys }) =>
      (globalThis as unknown as ChromeStorageGlobal).chrome.storage[area].get(keys ?? null),
    { area, keys },
  );
}

/** Clears the given areas (both by default), so each test starts from default settings. */
export async function clearStorage(
  serviceWorker: Worker,
  areas: StorageAreaName[] = ['local', 'sync'],
): Promise<void> {
  await serviceWorker.evaluate(
    (areas) =>
      Promise.all(
        areas.map((area) =>
          (globalThis as unknown as ChromeStorageGlobal).chrome.storage[area].clear(),
        ),
      ).then(() => undefined),
    areas,
  );
}
