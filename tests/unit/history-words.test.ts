import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import { compareTexts, comparedTexts, defaultComparison } from '../../lib/insights/history-diff';
import {
  actionWords,
  costWords,
  dollars,
  durationWords,
  modelsWords,
  outcomeWords,
  siteWords,
} from '../../lib/insights/history-words';
import { makeHistoryEntry } from '../browser/support/history-seed';

describe('outcomeWords', () => {
  it.each<[Pick<HistoryEntry, 'outcome' | 'error'>, string]>([
    [{ outcome: 'refined', error: null }, 'Refined'],
    [{ outcome: 'single-stage', error: null }, 'Single stage'],
    [{ outcome: 'draft-only', error: null }, 'Draft only: refinement off'],
    [
      { outcome: 'draft-only', error: { code: 'timeout', message: 'It took too long.' } },
      'Draft only: timed out',
    ],
    [{ outcome: 'failed', error: { code: 'rate-limited', message: '…' } }, 'Failed: rate limited'],
    [
      { outcome: 'failed', error: { code: 'invalid-key', message: '…' } },
      'Failed: API key refused',
    ],
    [{ outcome: 'failed', error: null }, 'Failed: unknown reason'],
    [{ outcome: 'cancelled', error: null }, 'Cancelled'],
  ])('%j → %s', (entry, words) => {
    expect(outcomeWords(entry)).toBe(words);
  });
});

describe('actionWords', () => {
  it.each<[HistoryEntry['action'], boolean, string]>([
    ['pending', false, 'Not final yet'],
    ['pending', true, 'No action seen'],
    ['kept', true, 'Kept'],
    ['kept', false, 'Kept'],
    ['edited', true, 'Edited (refinement offered)'],
    ['applied', true, 'Applied'],
    ['dismissed', true, 'Dismissed'],
    ['restored', true, 'Restored original'],
    ['undid', true, 'Undone'],
    ['copied', true, 'Copied'],
    ['inserted', true, 'Inserted'],
  ])('%s (final: %s) → %s', (action, actionFinal, words) => {
    expect(actionWords({ action, actionFinal })).toBe(words);
  });
});

describe('costWords', () => {
  it.each<[number | null, boolean, string]>([
    [0.0004, false, '≈ $0.0004'],
    [0.00116, false, '≈ $0.0012'],
    [0.000041, false, '≈ $0.000041'],
    [0.0123, false, '≈ $0.012'],
    [1.234, false, '≈ $1.23'],
    [0, false, '≈ $0'],
    [null, false, '—'],
    [0, true, 'Cached · $0'],
    [null, true, 'Cached · $0'],
  ])('%s (cached: %s) → %s', (costUsd, fromCache, words) => {
    expect(costWords({ costUsd, fromCache })).toBe(words);
  });

  it('never writes an exponent', () => {
    expect(dollars(0.00000012)).toBe('$0.00000012');
  });
});

describe('durationWords, siteWords, modelsWords', () => {
  it.each<[number | null, string]>([
    [null, '—'],
    [0, '0 ms'],
    [849.6, '850 ms'],
    [2400, '2.4 s'],
    [59_960, '1 min 0 s'],
    [65_000, '1 min 5 s'],
  ])('%s ms → %s', (ms, words) => {
    expect(durationWords(ms)).toBe(words);
  });

  it('names the site by its host, the popup by name', () => {
    expect(siteWords(null)).toBe('Popup');
    expect(siteWords('https://mail.example.com')).toBe('mail.example.com');
    expect(siteWords('http://127.0.0.1:8080')).toBe('127.0.0.1:8080');
    expect(siteWords('null')).toBe('null');
  });

  it('names the models in stage order', () => {
    expect(modelsWords(makeHistoryEntry())).toBe('llama-3.1-8b-instant → gpt-4o-mini');
    expect(
      modelsWords({
        providers: {
          draft: null,
          refinement: { origin: 'https://api.openai.com', model: 'gpt-4o' },
        },
      }),
    ).toBe('gpt-4o');
    expect(modelsWords({ providers: { draft: null, refinement: null } })).toBe('—');
  });
});

describe('compareTexts', () => {
  it('marks removed and added words and keeps the rest', () => {
    expect(compareTexts('write a haiku', 'write a short haiku')).toEqual([
      { text: 'write a ', kind: 'same' },
      { text: 'short ', kind: 'added' },
      { text: 'haiku', kind: 'same' },
    ]);
  });

  it('gives up (null) rather than freeze on a pair too slow to compare', () => {
    const words = (seed: number) =>
      Array.from({ length: 20_000 }, (_, i) => `w${(i * seed) % 9973}`).join(' ');
    expect(compareTexts(words(7), words(13), 1)).toBeNull();
  });

  it('picks the texts of a comparison, or null when one is missing', () => {
    const entry = { original: 'o', draft: 'd', refinement: null };
    expect(comparedTexts(entry, 'original-draft')).toEqual(['o', 'd']);
    expect(comparedTexts(entry, 'draft-refinement')).toBeNull();
    expect(defaultComparison(entry)).toBe('original-draft');
    expect(defaultComparison({ draft: 'd', refinement: 'r' })).toBe('original-refinement');
  });
});
