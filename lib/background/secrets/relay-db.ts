import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CachedResult } from '../pipeline/result-cache';
import type { StageName } from '../../settings/normalize-settings';

/**
 * The extension origin's IndexedDB: no content script can open it, in Chrome or Firefox (unlike
 * chrome.storage.local, which content scripts read by default). Only the background opens it.
 */
export const DB_NAME = 'prompt-relay';
/** v2 added `used-sites`. */
export const DB_VERSION = 2;

/** A stage's API key and the base URL origin it was saved for (`https://api.groq.com`). */
export interface StoredSecret {
  apiKey: string;
  origin: string;
  savedAt: number;
}

export interface RelayDbSchema extends DBSchema {
  /** Out-of-line key: the stage name. */
  secrets: { key: StageName; value: StoredSecret };
  /** Out-of-line key: the cache hash. */
  'result-cache': { key: string; value: CachedResult };
  /**
   * Out-of-line key: a page origin where the user started an optimization; the value is when
   * they last did. Read only to decide whether focus in a field there warms the connection.
   */
  'used-sites': { key: string; value: number };
}

export type RelayDb = IDBPDatabase<RelayDbSchema>;

let connection: Promise<RelayDb> | null = null;

/**
 * One connection per worker life, opened on first use and kept: reopening per request would cost
 * milliseconds on the path to the first token. Reads still go to the database every time.
 */
export function relayDb(): Promise<RelayDb> {
  connection ??= openDB<RelayDbSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('secrets')) db.createObjectStore('secrets');
      if (!db.objectStoreNames.contains('result-cache')) db.createObjectStore('result-cache');
      if (!db.objectStoreNames.contains('used-sites')) db.createObjectStore('used-sites');
    },
    // Another context wants a newer version, or the browser closed the database: reopen next time.
    blocking() {
      void connection?.then((db) => db.close()).catch(() => undefined);
      connection = null;
    },
    terminated() {
      connection = null;
    },
  }).catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

/** For tests: drop the kept connection, as a worker restart would. */
export async function closeRelayDb(): Promise<void> {
  const open = connection;
  connection = null;
  if (open) (await open.catch(() => null))?.close();
}
