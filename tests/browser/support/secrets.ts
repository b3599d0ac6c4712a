// The extension's IndexedDB (DB `prompt-relay` v1: stores `secrets` and `result-cache`), read and
// written from inside the service worker with plain indexedDB calls, as test set-up.
import type { Worker } from '@playwright/test';

export type StageName = 'draft' | 'refinement';

export interface TestSecret {
  apiKey: string;
  /** The base URL origin the key is bound to, e.g. `http://127.0.0.1:4321`. */
  origin: string;
}

export type SecretsSetup = Partial<Record<StageName, TestSecret | null>>;

/**
 * Empties the secrets, the result cache and the sites used before, then saves the given keys. Runs in the worker, whose
 * own kept connection stays valid (same database version).
 */
export async function resetSecrets(worker: Worker, secrets: SecretsSetup = {}): Promise<void> {
  await worker.evaluate(async (secrets) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('prompt-relay', 2);
      request.onupgradeneeded = () => {
        for (const name of ['secrets', 'result-cache', 'used-sites']) {
          if (!request.result.objectStoreNames.contains(name)) {
            request.result.createObjectStore(name);
          }
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    try {
      const tx = db.transaction(['secrets', 'result-cache', 'used-sites'], 'readwrite');
      tx.objectStore('secrets').clear();
      tx.objectStore('result-cache').clear();
      tx.objectStore('used-sites').clear();
      for (const [stage, secret] of Object.entries(secrets)) {
        if (secret) tx.objectStore('secrets').put({ ...secret, savedAt: Date.now() }, stage);
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
      });
    } finally {
      db.close();
    }
  }, secrets);
}

/** The stored secrets, as the worker sees them. */
export async function readSecrets(
  worker: Worker,
): Promise<Record<string, { apiKey: string; origin: string } | undefined>> {
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('prompt-relay', 2);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    try {
      const store = db.transaction('secrets').objectStore('secrets');
      const read = (stage: string) =>
        new Promise<{ apiKey: string; origin: string } | undefined>((resolve, reject) => {
          const request = store.get(stage);
          request.onsuccess = () => resolve(request.result as never);
          request.onerror = () => reject(request.error ?? new Error('get failed'));
        });
      return { draft: await read('draft'), refinement: await read('refinement') };
    } finally {
      db.close();
    }
  });
}
