import { describe, expect, it } from 'vitest';
import {
  ACTION_SETTLE_MS,
  addDays,
  aggregateHistory,
  dayKeyer,
  nearestRank,
  percentiles,
  type Insights,
} from '../../lib/insights/aggregate';
import { seededEntries } from '../fixtures/history/seeded-entries';

const NOW = Date.parse('2026-11-03T12:00:00Z');
const entries = seededEntries(NOW);
const week = aggregateHistory(entries, { now: NOW, periodDays: 7, timeZone: 'UTC' });
const all = aggregateHistory(entries, { now: NOW, timeZone: 'UTC' });

const ROUTE_GROQ_OPENAI =
  'https://api.groq.com|llama-3.1-8b-instant→https://api.openai.com|gpt-4o-mini';

describe('nearest-rank percentiles', () => {
  it.each([
    { samples: [], p50: null, p95: null },
    { samples: [5], p50: 5, p95: 5 },
    { samples: [2, 1], p50: 1, p95: 2 },
    { samples: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p50: 5, p95: 10 },
    { samples: Array.from({ length: 20 }, (_, i) => i + 1), p50: 10, p95: 19 },
    { samples: Array.from({ length: 100 }, (_, i) => 100 - i), p50: 50, p95: 95 },
    { samples: [420, 420, 420, 9000], p50: 420, p95: 9000 },
  ])('$samples.length samples → p50 $p50, p95 $p95', ({ samples, p50, p95 }) => {
    expect(percentiles(samples)).toEqual({ count: samples.length, p50, p95 });
  });

  it('is always one of the samples (no interpolation), and p0 is the smallest', () => {
    expect(nearestRank([100, 200], 75)).toBe(200);
    expect(nearestRank([100, 200], 0)).toBe(100);
    expect(nearestRank([100, 200], 100)).toBe(200);
  });
});

describe('calendar days', () => {
  it('names a day in the given time zone and counts days on the calendar', () => {
    const at = Date.parse('2026-11-03T23:30:00Z');
    expect(dayKeyer('UTC')(at)).toBe('2026-11-03');
    expect(dayKeyer('Asia/Tokyo')(at)).toBe('2026-11-04');
    expect(dayKeyer('America/Los_Angeles')(at)).toBe('2026-11-03');
    expect(addDays('2026-11-03', -6)).toBe('2026-10-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('the seeded week (now 2026-11-03 12:00 UTC, 7 days)', () => {
  it('counts requests and sums costs per day, days without requests included', () => {
    expect(week.requests).toBe(10);
    expect(week.days.map((d) => [d.day, d.requests, d.cost.usd, d.cost.unknown])).toEqual([
      ['2026-10-28', 0, 0, 0],
      ['2026-10-29', 0, 0, 0],
      ['2026-10-30', 0, 0, 0],
      ['2026-10-31', 0, 0, 0],
      ['2026-11-01', 2, 0.00232, 0],
      ['2026-11-02', 3, 0.00206, 0],
      ['2026-11-03', 5, 0.00116, 3],
    ]);
  });

  it('sums known costs exactly and says how many were unknown', () => {
    expect(week.cost).toEqual({ usd: 0.00554, known: 7, unknown: 3 });
    expect(all.cost).toEqual({ usd: 0.01054, known: 8, unknown: 3 });
  });

  it('takes p50/p95 of each timing, without cache hits; end-to-end only for results', () => {
    expect(week.timings).toEqual({
      draftFirstToken: { count: 7, p50: 200, p95: 420 },
      draft: { count: 6, p50: 400, p95: 900 },
      refinement: { count: 6, p50: 1200, p95: 2000 },
      endToEnd: { count: 7, p50: 1700, p95: 5000 },
    });
    expect(week.days.find((d) => d.day === '2026-11-01')?.timings).toEqual({
      draftFirstToken: { count: 2, p50: 100, p95: 200 },
      draft: { count: 2, p50: 300, p95: 400 },
      refinement: { count: 2, p50: 1000, p95: 1200 },
      endToEnd: { count: 2, p50: 1400, p95: 1500 },
    });
    expect(week.days[0]?.timings.draft).toEqual({ count: 0, p50: null, p95: null });
  });

  it('rates: cache hits among settled requests, fallbacks and errors among provider runs', () => {
    expect(week.rates.cacheHit).toEqual({ count: 1, of: 9, rate: 1 / 9 });
    expect(week.rates.fallback).toEqual({ count: 1, of: 8, rate: 0.125 });
    expect(week.rates.error).toEqual({ count: 2, of: 8, rate: 0.25 });
    expect(week.rates.errorsByCode).toEqual([
      { code: 'network', rate: { count: 1, of: 8, rate: 0.125 } },
      { code: 'rate-limited', rate: { count: 1, of: 8, rate: 0.125 } },
    ]);
  });

  it('counts requests and cost per draft → refinement provider/model', () => {
    expect(
      week.byRoute.map((r) => [r.label, r.requests, r.cost.usd, r.cost.known, r.cost.unknown]),
    ).toEqual([
      ['llama-3.1-8b-instant (api.groq.com) → gpt-4o-mini (api.openai.com)', 7, 0.00364, 5, 2],
      ['llama-3.1-8b-instant (api.groq.com) → no refinement', 1, 0, 0, 1],
      ['llama3.2 (127.0.0.1:11434) → gpt-4o-mini (api.openai.com)', 1, 0.001, 1, 0],
      ['No draft → gpt-4o-mini (api.openai.com)', 1, 0.0009, 1, 0],
    ]);
    expect(week.byRoute[0]?.key).toBe(ROUTE_GROQ_OPENAI);
  });

  it('acceptance: settled results only; restored, undid and a stale pending are not accepted', () => {
    expect(week.acceptance.overall).toEqual({ count: 4, of: 7, rate: 4 / 7 });
    expect(week.acceptance.undecided).toBe(1);
    expect(week.acceptance.byMode.map((g) => [g.label, g.value.count, g.value.of])).toEqual([
      ['General', 3, 4],
      ['Image generation', 0, 1],
      ['Reasoning', 1, 2],
    ]);
    expect(week.acceptance.byDraftModel.map((g) => [g.label, g.value.count, g.value.of])).toEqual([
      ['llama-3.1-8b-instant (api.groq.com)', 3, 5],
      ['llama3.2 (127.0.0.1:11434)', 0, 1],
      ['No draft (single stage)', 1, 1],
    ]);
  });

  it('explicit feedback per draft model, per mode, and on refinements', () => {
    expect(week.feedback.draft).toEqual({ up: 2, down: 2, upShare: 0.5 });
    expect(week.feedback.refinement).toEqual({ up: 1, down: 0, upShare: 1 });
    const rows = (groups: Insights['feedback']['draftByModel']) =>
      groups.map((g) => [g.label, g.value.up, g.value.down, g.value.upShare]);
    expect(rows(week.feedback.draftByModel)).toEqual([
      ['llama-3.1-8b-instant (api.groq.com)', 2, 1, 2 / 3],
      ['llama3.2 (127.0.0.1:11434)', 0, 1, 0],
    ]);
    expect(rows(week.feedback.draftByMode)).toEqual([
      ['General', 1, 1, 0.5],
      ['Image generation', 1, 0, 1],
      ['Reasoning', 0, 1, 0],
    ]);
    expect(rows(week.feedback.refinementByModel)).toEqual([
      ['gpt-4o-mini (api.openai.com)', 1, 0, 1],
    ]);
  });
});

describe('every entry (no period)', () => {
  it('spans the first to the last day with entries', () => {
    expect(all.requests).toBe(11);
    expect(all.days).toHaveLength(15);
    expect(all.days[0]?.day).toBe('2026-10-20');
    expect(all.days.at(-1)?.day).toBe('2026-11-03');
  });

  it('includes the older entry in every figure', () => {
    expect(all.timings).toEqual({
      draftFirstToken: { count: 8, p50: 180, p95: 420 },
      draft: { count: 7, p50: 400, p95: 900 },
      refinement: { count: 7, p50: 1300, p95: 2000 },
      endToEnd: { count: 8, p50: 1700, p95: 5000 },
    });
    expect(all.acceptance.overall).toEqual({ count: 5, of: 8, rate: 5 / 8 });
    expect(all.rates.cacheHit).toEqual({ count: 1, of: 10, rate: 0.1 });
    expect(all.rates.error).toEqual({ count: 2, of: 9, rate: 2 / 9 });
  });
});

describe('acceptance cut-off', () => {
  it('counts a pending result once it is ACTION_SETTLE_MS old, as not accepted', () => {
    const later = aggregateHistory(entries, {
      now: NOW + ACTION_SETTLE_MS,
      periodDays: 7,
      timeZone: 'UTC',
    });
    expect(later.acceptance.undecided).toBe(0);
    expect(later.acceptance.overall).toEqual({ count: 4, of: 8, rate: 0.5 });
  });
});

describe('no entries', () => {
  it('gives zero counts and null rates and percentiles, never made-up figures', () => {
    const empty = aggregateHistory([], { now: NOW, timeZone: 'UTC' });
    expect(empty).toEqual({
      requests: 0,
      days: [],
      timings: {
        draftFirstToken: { count: 0, p50: null, p95: null },
        draft: { count: 0, p50: null, p95: null },
        refinement: { count: 0, p50: null, p95: null },
        endToEnd: { count: 0, p50: null, p95: null },
      },
      cost: { usd: 0, known: 0, unknown: 0 },
      rates: {
        cacheHit: { count: 0, of: 0, rate: null },
        fallback: { count: 0, of: 0, rate: null },
        error: { count: 0, of: 0, rate: null },
        errorsByCode: [],
      },
      byRoute: [],
      acceptance: {
        overall: { count: 0, of: 0, rate: null },
        byMode: [],
        byDraftModel: [],
        undecided: 0,
      },
      feedback: {
        draft: { up: 0, down: 0, upShare: null },
        refinement: { up: 0, down: 0, upShare: null },
        draftByModel: [],
        draftByMode: [],
        refinementByModel: [],
      },
    });
  });

  it('still lists the days of a period, each with nothing in it', () => {
    const empty = aggregateHistory([], { now: NOW, periodDays: 7, timeZone: 'UTC' });
    expect(empty.days.map((d) => d.day)).toEqual([
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(empty.days.every((d) => d.requests === 0 && d.cost.usd === 0)).toBe(true);
  });
});
