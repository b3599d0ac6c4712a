/**
 * The dashboard's figures, computed from history entries (lib/insights/history-entry.ts): timings
 * with p50/p95, rates, requests and cost per day and per provider/model, acceptance and explicit
 * feedback. Framework-free and pure: the same entries and options always give the same figures.
 */
import type { ErrorCode } from '../errors/error-codes';
import { MODE_LABELS } from '../prompts/modes';
import { ACCEPTING_ACTIONS, type HistoryEntry, type StageRecord } from './history-entry';

/**
 * An entry whose action is not final yet counts for acceptance once it is this old. The field
 * settles its action within seconds of the field losing focus (or at the next request, or on
 * navigation); when none of those comes (the tab was closed, the popup shut), whatever was
 * recorded by then stands: a result still `pending` after 10 minutes was not used.
 */
export const ACTION_SETTLE_MS = 10 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const QUARTER_HOUR_MS = 15 * 60 * 1000;

export interface Percentiles {
  /** How many samples the percentiles were taken over. */
  count: number;
  p50: number | null;
  p95: number | null;
}

/**
 * Nearest-rank percentile: the smallest sample such that at least p % of the samples are at or
 * below it, i.e. the ⌈p/100 · n⌉-th smallest (1-based). Always one of the samples, never an
 * interpolation; null for no samples.
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sortedAscending[Math.min(rank, n) - 1] ?? null;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95) };
}

export const TIMING_METRICS = ['draftFirstToken', 'draft', 'refinement', 'endToEnd'] as const;
export type TimingMetric = (typeof TIMING_METRICS)[number];
export type TimingStats = Record<TimingMetric, Percentiles>;

/** A share: `count` of `of`; `rate` is null when `of` is 0 (no "0 %" made of nothing). */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

export interface CostSum {
  /** The sum of the known costs (USD). */
  usd: number;
  /** Entries whose cost is known (a cache hit is known: $0). */
  known: number;
  /** Entries left out of `usd`: no usage reported (failed, cancelled) or no price for the model. */
  unknown: number;
}

export interface Votes {
  up: number;
  down: number;
  /** Thumbs up among all votes; null with no votes. */
  upShare: number | null;
}

export interface Group<T> {
  /** Stable key: the mode, or `origin|model` (`''` for "no such stage"). */
  key: string;
  label: string;
  value: T;
}

export interface DayStats {
  /** The calendar day, `YYYY-MM-DD`, in the dashboard's time zone. */
  day: string;
  requests: number;
  cost: CostSum;
  timings: TimingStats;
}

export interface RouteStats {
  /** `draftKey → refinementKey`; the stages' records as the entries name them. */
  key: string;
  label: string;
  draft: StageRecord | null;
  refinement: StageRecord | null;
  requests: number;
  cost: CostSum;
}

export interface Insights {
  /** Entries in the period (all of them, whatever their outcome). */
  requests: number;
  /** Every day of the period in order, days without requests included. */
  days: DayStats[];
  timings: TimingStats;
  cost: CostSum;
  rates: {
    /** Cache hits among requests that were not cancelled. */
    cacheHit: Rate;
    /** Requests where the draft failed and the refinement answered alone, among provider runs. */
    fallback: Rate;
    /** Requests with an error (failed, or the refinement failed), among provider runs. */
    error: Rate;
    /** The same per error code, most frequent first. */
    errorsByCode: { code: ErrorCode; rate: Rate }[];
  };
  /** Requests and cost per draft → refinement provider/model pair, most requests first. */
  byRoute: RouteStats[];
  acceptance: {
    overall: Rate;
    byMode: Group<Rate>[];
    byDraftModel: Group<Rate>[];
    /** Results whose action may still change (not final, younger than ACTION_SETTLE_MS). */
    undecided: number;
  };
  feedback: {
    draft: Votes;
    refinement: Votes;
    draftByModel: Group<Votes>[];
    draftByMode: Group<Votes>[];
    refinementByModel: Group<Votes>[];
  };
}

export interface AggregateOptions {
  /** The moment the figures are for (acceptance cut-off, the period's last day). */
  now: number;
  /** Keep only the last N calendar days, today included; absent: every entry. */
  periodDays?: number;
  /** IANA time zone for calendar days; absent: the runtime's own (the user's). */
  timeZone?: string;
}

// ---------------------------------------------------------------------------------------------
// Calendar days

/** Turns a timestamp into its `YYYY-MM-DD` calendar day in one time zone. */
export function dayKeyer(timeZone?: string): (at: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  // Every time zone's midnight falls on a quarter hour (UTC+5:45 is the oddest), so one
  // formatting per quarter hour serves every entry in it: formatToParts is the costly part.
  const known = new Map<number, string>();
  return (at) => {
    const quarter = Math.floor(at / QUARTER_HOUR_MS);
    const cached = known.get(quarter);
    if (cached !== undefined) return cached;
    let year = '';
    let month = '';
    let day = '';
    for (const part of format.formatToParts(at)) {
      if (part.type === 'year') year = part.value;
      else if (part.type === 'month') month = part.value;
      else if (part.type === 'day') day = part.value;
    }
    const key = `${year}-${month}-${day}`;
    known.set(quarter, key);
    return key;
  };
}

/** Calendar arithmetic on day keys (in UTC, where every day is 24 h, so no time-zone drift). */
export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

// ---------------------------------------------------------------------------------------------
// Sums and groups

/**
 * Cost sums in whole nano-dollars: prices run to 1e-8 USD per token, and summing floats would
 * turn $0.00016 + $0.001 into 0.0011599999999999998.
 */
const NANO = 1e9;

class CostAccumulator {
  private nanos = 0;
  private known = 0;
  private unknown = 0;
  add(cost: number | null): void {
    if (cost === null || !Number.isFinite(cost)) {
      this.unknown += 1;
      return;
    }
    this.nanos += Math.round(cost * NANO);
    this.known += 1;
  }
  result(): CostSum {
    return { usd: this.nanos / NANO, known: this.known, unknown: this.unknown };
  }
}

class TimingAccumulator {
  private readonly samples: Record<TimingMetric, number[]> = {
    draftFirstToken: [],
    draft: [],
    refinement: [],
    endToEnd: [],
  };
  /**
   * Latency is the providers': a cache hit runs none and would pull every percentile down, so
   * cache hits are left out. End-to-end counts only requests that ended with a result (a failure
   * or a cancel measures how long it took to give up).
   */
  add(entry: HistoryEntry): void {
    if (entry.fromCache) return;
    const t = entry.timings;
    if (isSample(t.draftFirstTokenMs)) this.samples.draftFirstToken.push(t.draftFirstTokenMs);
    if (isSample(t.draftMs)) this.samples.draft.push(t.draftMs);
    if (isSample(t.refinementMs)) this.samples.refinement.push(t.refinementMs);
    if (hasResult(entry) && isSample(t.totalMs)) this.samples.endToEnd.push(t.totalMs);
  }
  result(): TimingStats {
    return {
      draftFirstToken: percentiles(this.samples.draftFirstToken),
      draft: percentiles(this.samples.draft),
      refinement: percentiles(this.samples.refinement),
      endToEnd: percentiles(this.samples.endToEnd),
    };
  }
}

function isSample(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value >= 0;
}

function hasResult(entry: HistoryEntry): boolean {
  return (
    entry.outcome === 'refined' ||
    entry.outcome === 'single-stage' ||
    entry.outcome === 'draft-only'
  );
}

function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of };
}

function votes(up: number, down: number): Votes {
  return { up, down, upShare: up + down === 0 ? null : up / (up + down) };
}

export function stageKey(stage: StageRecord | null): string {
  return stage ? `${stage.origin}|${stage.model}` : '';
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** "llama-3.1-8b-instant (api.groq.com)": the same model behind another origin is another row. */
export function stageLabel(stage: StageRecord | null, none = 'No draft (single stage)'): string {
  return stage ? `${stage.model} (${hostOf(stage.origin)})` : none;
}

/** Counters keyed by a string, remembering each key's label, in first-seen order. */
class Groups<T> {
  private readonly map = new Map<string, { label: string; value: T }>();
  constructor(private readonly start: () => T) {}
  /** `label` is called once per key: a label may parse an origin. */
  at(key: string, label: () => string): T {
    let group = this.map.get(key);
    if (!group) {
      group = { label: label(), value: this.start() };
      this.map.set(key, group);
    }
    return group.value;
  }
  list<R>(finish: (value: T) => R): Group<R>[] {
    return [...this.map].map(([key, { label, value }]) => ({ key, label, value: finish(value) }));
  }
}

const byLabel = <T>(a: Group<T>, b: Group<T>) => a.label.localeCompare(b.label);

// ---------------------------------------------------------------------------------------------

/** Whether the entry's action is settled enough to count for acceptance. */
export function actionSettled(entry: HistoryEntry, now: number): boolean {
  return entry.actionFinal || entry.at <= now - ACTION_SETTLE_MS;
}

export function aggregateHistory(
  allEntries: readonly HistoryEntry[],
  options: AggregateOptions,
): Insights {
  const dayOf = dayKeyer(options.timeZone);
  const today = dayOf(options.now);
  const firstDay =
    options.periodDays !== undefined ? addDays(today, 1 - options.periodDays) : undefined;

  const entries: { entry: HistoryEntry; day: string }[] = [];
  for (const entry of allEntries) {
    const day = dayOf(entry.at);
    if (firstDay === undefined || day >= firstDay) entries.push({ entry, day });
  }

  const dayAcc = new Map<
    string,
    { requests: number; cost: CostAccumulator; timings: TimingAccumulator }
  >();
  const timings = new TimingAccumulator();
  const cost = new CostAccumulator();
  let settled = 0;
  let cacheHits = 0;
  let providerRuns = 0;
  let fallbacks = 0;
  let errors = 0;
  const errorCodes = new Map<ErrorCode, number>();
  const routes = new Map<
    string,
    {
      draft: StageRecord | null;
      refinement: StageRecord | null;
      requests: number;
      cost: CostAccumulator;
    }
  >();
  let accepted = 0;
  let decided = 0;
  let undecided = 0;
  const acceptByMode = new Groups(() => ({ count: 0, of: 0 }));
  const acceptByDraft = new Groups(() => ({ count: 0, of: 0 }));
  const voteCounts = () => ({ up: 0, down: 0 });
  const draftVotes = voteCounts();
  const refinementVotes = voteCounts();
  const draftVotesByModel = new Groups(voteCounts);
  const draftVotesByMode = new Groups(voteCounts);
  const refinementVotesByModel = new Groups(voteCounts);

  for (const { entry, day } of entries) {
    let perDay = dayAcc.get(day);
    if (!perDay) {
      perDay = { requests: 0, cost: new CostAccumulator(), timings: new TimingAccumulator() };
      dayAcc.set(day, perDay);
    }
    perDay.requests += 1;
    perDay.cost.add(entry.costUsd);
    perDay.timings.add(entry);
    timings.add(entry);
    cost.add(entry.costUsd);

    // Rates: a cancelled request says nothing about the cache or the providers; a cache hit
    // says nothing about the providers.
    if (entry.outcome !== 'cancelled') {
      settled += 1;
      if (entry.fromCache) cacheHits += 1;
      else {
        providerRuns += 1;
        if (entry.fallback) fallbacks += 1;
        if (entry.error) {
          errors += 1;
          errorCodes.set(entry.error.code, (errorCodes.get(entry.error.code) ?? 0) + 1);
        }
      }
    }

    const { draft, refinement } = entry.providers;
    const routeKey = `${stageKey(draft)}→${stageKey(refinement)}`;
    let route = routes.get(routeKey);
    if (!route) {
      route = { draft, refinement, requests: 0, cost: new CostAccumulator() };
      routes.set(routeKey, route);
    }
    route.requests += 1;
    route.cost.add(entry.costUsd);

    const modeLabel = () => MODE_LABELS[entry.mode] ?? entry.mode;
    const draftLabel = () => stageLabel(draft);
    // Acceptance: only results can be accepted; restored, undid, dismissed and a result left
    // pending count as not accepted once settled.
    if (hasResult(entry)) {
      if (actionSettled(entry, options.now)) {
        const yes = ACCEPTING_ACTIONS.has(entry.action) ? 1 : 0;
        decided += 1;
        accepted += yes;
        for (const group of [
          acceptByMode.at(entry.mode, modeLabel),
          acceptByDraft.at(stageKey(draft), draftLabel),
        ]) {
          group.of += 1;
          group.count += yes;
        }
      } else {
        undecided += 1;
      }
    }

    const { draft: draftVote, refinement: refinementVote } = entry.feedback;
    if (draftVote === 'up' || draftVote === 'down') {
      draftVotes[draftVote] += 1;
      draftVotesByModel.at(stageKey(draft), draftLabel)[draftVote] += 1;
      draftVotesByMode.at(entry.mode, modeLabel)[draftVote] += 1;
    }
    if (refinementVote === 'up' || refinementVote === 'down') {
      refinementVotes[refinementVote] += 1;
      const label = () => stageLabel(refinement, 'No refinement');
      refinementVotesByModel.at(stageKey(refinement), label)[refinementVote] += 1;
    }
  }

  // The period's days, or (no period) the first to the last day with entries; an entry dated
  // after today (a clock set back since) extends the range rather than vanish from the days.
  const entryDays = [...dayAcc.keys()].sort();
  const earliest = firstDay ?? entryDays[0];
  const latest = [firstDay === undefined ? undefined : today, entryDays.at(-1)]
    .filter((day) => day !== undefined)
    .sort()
    .at(-1);
  const days: DayStats[] =
    earliest === undefined || latest === undefined
      ? []
      : daysFrom(earliest, latest).map((day) => {
          const perDay = dayAcc.get(day);
          return {
            day,
            requests: perDay?.requests ?? 0,
            cost: perDay?.cost.result() ?? { usd: 0, known: 0, unknown: 0 },
            timings: (perDay?.timings ?? new TimingAccumulator()).result(),
          };
        });

  const toRate = ({ count, of }: { count: number; of: number }) => rate(count, of);
  const toVotes = ({ up, down }: { up: number; down: number }) => votes(up, down);
  return {
    requests: entries.length,
    days,
    timings: timings.result(),
    cost: cost.result(),
    rates: {
      cacheHit: rate(cacheHits, settled),
      fallback: rate(fallbacks, providerRuns),
      error: rate(errors, providerRuns),
      errorsByCode: [...errorCodes]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([code, count]) => ({ code, rate: rate(count, providerRuns) })),
    },
    byRoute: [...routes]
      .map(([key, route]) => ({
        key,
        label: `${stageLabel(route.draft, 'No draft')} → ${stageLabel(route.refinement, 'no refinement')}`,
        draft: route.draft,
        refinement: route.refinement,
        requests: route.requests,
        cost: route.cost.result(),
      }))
      .sort((a, b) => b.requests - a.requests || a.label.localeCompare(b.label)),
    acceptance: {
      overall: rate(accepted, decided),
      byMode: acceptByMode.list(toRate).sort(byLabel),
      byDraftModel: acceptByDraft.list(toRate).sort(byLabel),
      undecided,
    },
    feedback: {
      draft: toVotes(draftVotes),
      refinement: toVotes(refinementVotes),
      draftByModel: draftVotesByModel.list(toVotes).sort(byLabel),
      draftByMode: draftVotesByMode.list(toVotes).sort(byLabel),
      refinementByModel: refinementVotesByModel.list(toVotes).sort(byLabel),
    },
  };
}
