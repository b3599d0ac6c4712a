import { describe, expect, it } from 'vitest';
import {
  costText,
  dayText,
  msText,
  percentText,
  percentilesText,
  rateText,
  usdText,
  votesText,
} from '../../lib/insights/insight-words';

describe('dashboard words', () => {
  it.each([
    [null, '—'],
    [0, '0 ms'],
    [420, '420 ms'],
    [999.4, '999 ms'],
    [999.6, '1.00 s'],
    [1000, '1.00 s'],
    [1700, '1.70 s'],
    [12345, '12.35 s'],
  ])('msText(%s) → %s', (ms, text) => expect(msText(ms)).toBe(text));

  it.each([
    [0, '$0'],
    [0.00016, '$0.00016'],
    [0.00116, '$0.00116'],
    [0.00554, '$0.00554'],
    [0.01054, '$0.0105'],
    [0.5, '$0.50'],
    [12.4, '$12.40'],
  ])('usdText(%s) → %s', (usd, text) => expect(usdText(usd)).toBe(text));

  it('shares, rates and sums say what they are made of, and "—" for nothing', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(1 / 9)).toBe('11.1%');
    expect(rateText({ count: 1, of: 8, rate: 0.125 })).toBe('12.5% (1 of 8)');
    expect(rateText({ count: 0, of: 0, rate: null })).toBe('— (none yet)');
    expect(costText({ usd: 0.00554, known: 7, unknown: 3 })).toBe(
      '$0.00554 (3 requests without a known cost)',
    );
    expect(costText({ usd: 0.00116, known: 1, unknown: 1 })).toBe(
      '$0.00116 (1 request without a known cost)',
    );
    expect(costText({ usd: 0, known: 0, unknown: 2 })).toBe('— (no known cost)');
    expect(costText({ usd: 0, known: 1, unknown: 0 })).toBe('$0');
    expect(percentilesText({ count: 7, p50: 200, p95: 420 })).toBe(
      'p50 200 ms · p95 420 ms (7 requests)',
    );
    expect(percentilesText({ count: 0, p50: null, p95: null })).toBe('No measurements');
    expect(votesText({ up: 2, down: 1, upShare: 2 / 3 })).toBe('2 up · 1 down (66.7% up)');
    expect(votesText({ up: 0, down: 0, upShare: null })).toBe('No votes');
    expect(dayText('2026-11-03')).toBe('Nov 3');
  });
});
