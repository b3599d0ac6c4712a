import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import {
  EMPTY_QUERY,
  isEmptyQuery,
  newestFirst,
  POPUP_SITE,
  queryHistory,
  siteOptions,
  type HistoryQuery,
} from '../../lib/insights/history-query';
import { makeHistoryEntry, SEED_TIME } from '../browser/support/history-seed';

const HOUR = 60 * 60 * 1000;

/** Three entries, given oldest first so the tests see the ordering done. */
const tides = makeHistoryEntry({
  id: 'tides',
  at: SEED_TIME - 3 * HOUR,
  origin: 'https://chatgpt.com',
  source: 'shortcut',
  mode: 'research',
  original: 'Explain TIDES to a child',
  draft: 'Explain how ocean tides work.',
  refinement: null,
  outcome: 'draft-only',
  error: { code: 'timeout', message: 'The refinement took too long.' },
  action: 'kept',
});
const haiku = makeHistoryEntry({
  id: 'haiku',
  at: SEED_TIME - 2 * HOUR,
  origin: null,
  mode: 'general',
  original: 'haiku about autumn leaves',
  draft: 'Write a haiku about autumn.',
  refinement: 'You are a poet. Write a 5-7-5 haiku about maple leaves falling.',
  outcome: 'refined',
  action: 'copied',
});
const video = makeHistoryEntry({
  id: 'video',
  at: SEED_TIME - 1 * HOUR,
  origin: 'https://claude.ai',
  source: 'context-menu',
  mode: 'video',
  original: 'a drone shot over a city',
  draft: null,
  refinement: null,
  outcome: 'failed',
  error: { code: 'rate-limited', message: 'Slow down.' },
  action: 'pending',
  actionFinal: false,
});
const entries: HistoryEntry[] = [tides, haiku, video];
const ids = (list: HistoryEntry[]) => list.map((e) => e.id);
const q = (change: Partial<HistoryQuery>): HistoryQuery => ({ ...EMPTY_QUERY, ...change });

describe('queryHistory', () => {
  it.each<[string, Partial<HistoryQuery>, string[]]>([
    ['nothing asked: every entry, newest first', {}, ['video', 'haiku', 'tides']],
    ['a word of the original, any case', { text: 'tides' }, ['tides']],
    ['a word typed in capitals', { text: 'HAIKU' }, ['haiku']],
    ['a word only in the draft', { text: 'ocean' }, ['tides']],
    ['a word only in the refinement', { text: 'maple' }, ['haiku']],
    ['part of a word', { text: 'autum' }, ['haiku']],
    ['every word must match, anywhere', { text: 'poet  autumn' }, ['haiku']],
    ['words that match no single entry', { text: 'drone maple' }, []],
    ['spaces only: no search', { text: '   ' }, ['video', 'haiku', 'tides']],
    ['a word in no entry', { text: 'submarine' }, []],
    ['mode', { mode: 'video' }, ['video']],
    ['site: one origin', { site: 'https://chatgpt.com' }, ['tides']],
    ['site: the popup', { site: POPUP_SITE }, ['haiku']],
    ['outcome', { outcome: 'failed' }, ['video']],
    ['outcome with none', { outcome: 'cancelled' }, []],
    ['action', { action: 'copied' }, ['haiku']],
    ['action not final yet', { action: 'pending' }, ['video']],
    ['filters together', { mode: 'research', outcome: 'draft-only', text: 'child' }, ['tides']],
    ['filters that exclude each other', { mode: 'video', site: POPUP_SITE }, []],
  ])('%s', (_name, change, expected) => {
    expect(ids(queryHistory(entries, q(change)))).toEqual(expected);
  });

  it('does not search the error message, the site or the models', () => {
    expect(queryHistory(entries, q({ text: 'slow' }))).toEqual([]);
    expect(queryHistory(entries, q({ text: 'claude' }))).toEqual([]);
    expect(queryHistory(entries, q({ text: 'gpt-4o-mini' }))).toEqual([]);
  });

  it('keeps entries of the same time in one stable order, and leaves its input alone', () => {
    const a = makeHistoryEntry({ id: 'a', at: SEED_TIME });
    const b = makeHistoryEntry({ id: 'b', at: SEED_TIME });
    const input = [b, tides, a];
    expect(ids(newestFirst(input))).toEqual(['a', 'b', 'tides']);
    expect(ids(input)).toEqual(['b', 'tides', 'a']);
  });

  it('filters 10 000 entries in well under a frame once their text is known', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      makeHistoryEntry({ id: `e${i}`, at: SEED_TIME - i, original: `prompt ${i} about tides` }),
    );
    queryHistory(many, q({ text: 'warm up' }));
    const started = performance.now();
    const found = queryHistory(many, q({ text: 'prompt 9999 tides' }));
    const elapsed = performance.now() - started;
    expect(ids(found)).toEqual(['e9999']);
    // ≈ 2 ms here; the bound leaves room for a loaded machine.
    expect(elapsed).toBeLessThan(100);
  });
});

describe('isEmptyQuery', () => {
  it('is true for no words and no filters only', () => {
    expect(isEmptyQuery(EMPTY_QUERY)).toBe(true);
    expect(isEmptyQuery(q({ text: ' \n' }))).toBe(true);
    expect(isEmptyQuery(q({ text: 'x' }))).toBe(false);
    expect(isEmptyQuery(q({ action: 'kept' }))).toBe(false);
  });
});

describe('siteOptions', () => {
  it('lists each site once with its count, most used first, the popup by name', () => {
    const more = makeHistoryEntry({ origin: 'https://claude.ai' });
    expect(siteOptions([...entries, more])).toEqual([
      { value: 'https://claude.ai', label: 'claude.ai', count: 2 },
      { value: 'https://chatgpt.com', label: 'chatgpt.com', count: 1 },
      { value: POPUP_SITE, label: 'Popup', count: 1 },
    ]);
  });
});
