/**
 * The history of optimizations: the extension origin's IndexedDB, database `prompt-relay-history`
 * (kept apart from `prompt-relay`, which holds the keys, so the History and Dashboard pages open a
 * database with no key in it). Written by the background; read, deleted, exported and imported by
 * the History page. Every write is announced on a BroadcastChannel so open pages stay live.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { keptConnection } from '../idb/kept-connection';
import type { HistoryEntry, UserAction, Vote } from './history-entry';

export const HISTORY_DB_NAME = 'prompt-relay-history';
/** v1: store `entries` keyed by id, with indexes on `at` and `origin`. */
export const HISTORY_DB_VERSION = 1;
export const HISTORY_CHANNEL = 'prompt-relay-history';

export interface HistoryDbSchema extends DBSchema {
  entries: {
    key: string;
    value: HistoryEntry;
    indexes: { at: number; origin: string };
  };
}

export type HistoryDb = IDBPDatabase<HistoryDbSchema>;

/**
 * Each version's step, in order: a database at version N runs steps N+1… on open. A step may
 * rewrite entries through the upgrade transaction (none has needed to yet).
 */
const MIGRATIONS: ((db: IDBPDatabase<HistoryDbSchema>) => void)[] = [
  // → v1
  (db) => {
    const entries = db.createObjectStore('entries', { keyPath: 'id' });
    entries.createIndex('at', 'at');
    entries.createIndex('origin', 'origin');
  },
];

/**
 * What the History and Dashboard say in a private window. Firefox opens extension pages there in
 * a private-browsing context, whose IndexedDB is another, in-memory one (measured in ESR 153: its
 * first write failed, "A mutation operation was attempted on a database that did not allow
 * mutations"); nothing is recorded from private windows anyway.
 */
export const PRIVATE_WINDOW_WORDS =
  'There is no history in a private window: nothing is recorded there. Open History from a normal window to see it.';

function inPrivateContext(): boolean {
  type Api = { extension?: { inIncognitoContext?: boolean } };
  const api = globalThis as { browser?: Api; chrome?: Api };
  return (api.browser ?? api.chrome)?.extension?.inIncognitoContext === true;
}

const kept = keptConnection<HistoryDbSchema>(
  HISTORY_DB_NAME,
  HISTORY_DB_VERSION,
  (db, oldVersion) => {
    for (let version = oldVersion; version < MIGRATIONS.length; version += 1) {
      MIGRATIONS[version]?.(db);
    }
  },
);

export function historyDb(): Promise<HistoryDb> {
  if (inPrivateContext()) return Promise.reject(new Error(PRIVATE_WINDOW_WORDS));
  return kept.get();
}

/** For tests: drop the kept connection. */
export function closeHistoryDb(): Promise<void> {
  return kept.close();
}

export type HistoryChange =
  | { type: 'put'; id: string }
  | { type: 'deleted'; ids: string[] }
  | { type: 'cleared' }
  | { type: 'imported'; count: number };

function announce(change: HistoryChange): void {
  // BroadcastChannel reaches the extension's other pages (and worker) of the same origin only.
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(HISTORY_CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** Calls `onChange` for every change another context makes; returns the way to stop. */
export function watchHistory(onChange: (change: HistoryChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(HISTORY_CHANNEL);
  channel.onmessage = (event: MessageEvent<HistoryChange>) => onChange(event.data);
  return () => channel.close();
}

export async function putEntry(entry: HistoryEntry): Promise<void> {
  await (await historyDb()).put('entries', entry);
  announce({ type: 'put', id: entry.id });
}

/** Changes one entry in one transaction; false when there is no such entry. */
export async function updateEntry(
  id: string,
  change: (entry: HistoryEntry) => HistoryEntry,
): Promise<boolean> {
  const db = await historyDb();
  const tx = db.transaction('entries', 'readwrite');
  const entry = await tx.store.get(id);
  if (!entry) {
    await tx.done;
    return false;
  }
  await tx.store.put(change(entry));
  await tx.done;
  announce({ type: 'put', id });
  return true;
}

/** Records what the user did; a final action is not changed again. */
export function recordAction(id: string, action: UserAction, final: boolean): Promise<boolean> {
  return updateEntry(id, (entry) =>
    entry.actionFinal
      ? entry
      : { ...entry, action: action === 'pending' ? entry.action : action, actionFinal: final },
  );
}

export function recordFeedback(
  id: string,
  stage: 'draft' | 'refinement',
  vote: Vote | null,
): Promise<boolean> {
  return updateEntry(id, (entry) => ({ ...entry, feedback: { ...entry.feedback, [stage]: vote } }));
}

export async function getEntry(id: string): Promise<HistoryEntry | undefined> {
  return (await historyDb()).get('entries', id);
}

/** Every entry, newest first. */
export async function allEntries(): Promise<HistoryEntry[]> {
  const entries = await (await historyDb()).getAllFromIndex('entries', 'at');
  return entries.reverse();
}

/**
 * The newest `limit` entries, newest first, reading only those: the History page shows its first
 * rows from these while it reads the rest (reading 10 000 entries takes most of a second).
 */
export async function newestEntries(limit: number): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  if (limit <= 0) return entries;
  const tx = (await historyDb()).transaction('entries');
  let cursor = await tx.store.index('at').openCursor(null, 'prev');
  while (cursor) {
    entries.push(cursor.value);
    if (entries.length >= limit) break;
    cursor = await cursor.continue();
  }
  await tx.done;
  return entries;
}

export async function countEntries(): Promise<number> {
  return (await historyDb()).count('entries');
}

export async function deleteEntries(ids: string[]): Promise<void> {
  const db = await historyDb();
  const tx = db.transaction('entries', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  announce({ type: 'deleted', ids });
}

export async function deleteAllEntries(): Promise<void> {
  await (await historyDb()).clear('entries');
  announce({ type: 'cleared' });
}

export interface Retention {
  maxEntries: number;
  maxAgeDays: number;
}

/**
 * Deletes entries older than `maxAgeDays` and the oldest beyond `maxEntries`; returns how many.
 * Walks the `at` index oldest first, so it reads only what it deletes plus one.
 */
export async function pruneEntries(retention: Retention, now = Date.now()): Promise<number> {
  const db = await historyDb();
  const tx = db.transaction('entries', 'readwrite');
  const total = await tx.store.count();
  let excess = Math.max(0, total - retention.maxEntries);
  const oldestKept = now - retention.maxAgeDays * 24 * 60 * 60 * 1000;
  const deleted: string[] = [];
  let cursor = await tx.store.index('at').openCursor();
  while (cursor && (excess > 0 || cursor.value.at < oldestKept)) {
    deleted.push(cursor.value.id);
    await cursor.delete();
    excess -= 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  if (deleted.length > 0) announce({ type: 'deleted', ids: deleted });
  return deleted.length;
}

/** Adds entries (an import); an entry whose id is already there is left as it is. */
export async function addEntries(entries: HistoryEntry[]): Promise<number> {
  const db = await historyDb();
  const tx = db.transaction('entries', 'readwrite');
  let added = 0;
  for (const entry of entries) {
    if (await tx.store.getKey(entry.id)) continue;
    await tx.store.add(entry);
    added += 1;
  }
  await tx.done;
  announce({ type: 'imported', count: added });
  return added;
}
