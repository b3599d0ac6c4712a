// newestEntries, which the History page reads its first rows from (the store's other behaviours
// have their own tests).
import { afterEach, describe, expect, it } from 'vitest';
import {
  addEntries,
  allEntries,
  closeHistoryDb,
  deleteAllEntries,
  newestEntries,
} from '../../lib/insights/history-store';
import { makeHistoryEntry, SEED_TIME } from '../browser/support/history-seed';

afterEach(async () => {
  await deleteAllEntries();
  await closeHistoryDb();
});

describe('newestEntries', () => {
  it('reads the newest entries only, newest first, in the order allEntries gives', async () => {
    // Stored out of order, two of them in the same millisecond.
    const entries = [3, 0, 4, 1, 2, 2].map((minutes, i) =>
      makeHistoryEntry({ id: `e${i}`, at: SEED_TIME - minutes * 60_000 }),
    );
    await addEntries(entries);
    const all = await allEntries();
    expect(all.map((e) => e.id)).toEqual(['e1', 'e3', 'e5', 'e4', 'e0', 'e2']);
    for (const limit of [1, 3, 6, 10]) {
      expect(await newestEntries(limit)).toEqual(all.slice(0, limit));
    }
  });

  it('is empty for an empty store or no room', async () => {
    expect(await newestEntries(100)).toEqual([]);
    await addEntries([makeHistoryEntry()]);
    expect(await newestEntries(0)).toEqual([]);
  });
});
