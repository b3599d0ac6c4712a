import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addEntries,
  allEntries,
  closeHistoryDb,
  countEntries,
  deleteAllEntries,
  deleteEntries,
  getEntry,
  HISTORY_DB_NAME,
  HISTORY_DB_VERSION,
  pruneEntries,
  putEntry,
  recordAction,
  recordFeedback,
  watchHistory,
  type HistoryChange,
} from '../../lib/insights/history-store';
import { entryId, historyEntry } from './support/history-entries';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

beforeEach(async () => {
  await closeHistoryDb();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => closeHistoryDb());

describe('history store', () => {
  it('creates schema v1: store `entries` keyed by id, indexed by time and origin', async () => {
    await countEntries();
    await closeHistoryDb();
    const db = await openDB(HISTORY_DB_NAME);
    expect(db.version).toBe(HISTORY_DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(['entries']);
    const store = db.transaction('entries').store;
    expect(store.keyPath).toBe('id');
    expect([...store.indexNames].sort()).toEqual(['at', 'origin']);
    db.close();
  });

  it('lists entries newest first, whatever order they were written in', async () => {
    await putEntry(historyEntry({ id: entryId(1), at: NOW - 2 * DAY }));
    await putEntry(historyEntry({ id: entryId(3), at: NOW }));
    await putEntry(historyEntry({ id: entryId(2), at: NOW - DAY }));
    expect((await allEntries()).map((e) => e.id)).toEqual([entryId(3), entryId(2), entryId(1)]);
    expect(await countEntries()).toBe(3);
  });

  it('an action is recorded until it is final; then it stays', async () => {
    await putEntry(historyEntry({ id: entryId(1) }));
    expect(await recordAction(entryId(1), 'edited', false)).toBe(true);
    expect((await getEntry(entryId(1)))?.action).toBe('edited');
    await recordAction(entryId(1), 'applied', true);
    await recordAction(entryId(1), 'restored', true);
    expect(await getEntry(entryId(1))).toMatchObject({ action: 'applied', actionFinal: true });
    // `pending` only finalizes what is there.
    await putEntry(historyEntry({ id: entryId(2), action: 'kept' }));
    await recordAction(entryId(2), 'pending', true);
    expect(await getEntry(entryId(2))).toMatchObject({ action: 'kept', actionFinal: true });
    expect(await recordAction(entryId(9), 'kept', true)).toBe(false);
  });

  it('feedback per stage can be given, changed and taken back', async () => {
    await putEntry(historyEntry({ id: entryId(1) }));
    await recordFeedback(entryId(1), 'draft', 'down');
    await recordFeedback(entryId(1), 'refinement', 'up');
    expect((await getEntry(entryId(1)))?.feedback).toEqual({ draft: 'down', refinement: 'up' });
    await recordFeedback(entryId(1), 'draft', null);
    expect((await getEntry(entryId(1)))?.feedback).toEqual({ draft: null, refinement: 'up' });
  });

  it.each([
    // [entries' ages in days, keep days, keep entries, ids left]
    [[0, 1, 2, 3], 30, 1000, [1, 2, 3, 4]],
    [[0, 1, 31, 40], 30, 1000, [1, 2]],
    [[0, 1, 2, 3], 30, 2, [1, 2]],
    [[0, 5, 31, 40], 30, 1, [1]],
  ])('ages %j kept %i days / %i entries leave %j', async (ages, days, count, left) => {
    for (const [i, age] of ages.entries()) {
      await putEntry(historyEntry({ id: entryId(i + 1), at: NOW - age * DAY - 1 }));
    }
    const removed = await pruneEntries({ maxAgeDays: days, maxEntries: count }, NOW);
    expect(removed).toBe(ages.length - left.length);
    expect((await allEntries()).map((e) => e.id)).toEqual(left.map(entryId));
  });

  it('deletes one, then all', async () => {
    await putEntry(historyEntry({ id: entryId(1) }));
    await putEntry(historyEntry({ id: entryId(2), at: NOW + 1 }));
    await deleteEntries([entryId(2)]);
    expect((await allEntries()).map((e) => e.id)).toEqual([entryId(1)]);
    await deleteAllEntries();
    expect(await allEntries()).toEqual([]);
  });

  it('an import adds new entries and leaves those already there as they are', async () => {
    await putEntry(historyEntry({ id: entryId(1), original: 'mine' }));
    const added = await addEntries([
      historyEntry({ id: entryId(1), original: 'imported' }),
      historyEntry({ id: entryId(2) }),
    ]);
    expect(added).toBe(1);
    expect((await getEntry(entryId(1)))?.original).toBe('mine');
    expect(await countEntries()).toBe(2);
  });

  it('every write is announced to other contexts', async () => {
    const changes: HistoryChange[] = [];
    const stop = watchHistory((change) => changes.push(change));
    await putEntry(historyEntry({ id: entryId(1) }));
    await recordAction(entryId(1), 'kept', true);
    await deleteAllEntries();
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(changes).toEqual([
      { type: 'put', id: entryId(1) },
      { type: 'put', id: entryId(1) },
      { type: 'cleared' },
    ]);
  });
});
