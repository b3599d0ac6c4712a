import type { DBSchema, IDBPDatabase } from 'idb';
import { keptConnection } from '../../idb/kept-connection';
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

const kept = keptConnection<RelayDbSchema>(DB_NAME, DB_VERSION, (db) => {
  if (!db.objectStoreNames.contains('secrets')) db.createObjectStore('secrets');
  if (!db.objectStoreNames.contains('result-cache')) db.createObjectStore('result-cache');
  if (!db.objectStoreNames.contains('used-sites')) db.createObjectStore('used-sites');
});

/** The kept connection (lib/idb/kept-connection.ts). */
export function relayDb(): Promise<RelayDb> {
  return kept.get();
}

/** For tests: drop the kept connection, as a worker restart would. */
export function closeRelayDb(): Promise<void> {
  return kept.close();
}
