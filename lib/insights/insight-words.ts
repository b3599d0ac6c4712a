/**
 * The dashboard's figures as words: durations, shares, dollars, days and the summaries a screen
 * reader reads in place of each chart. Null figures read as "—", never as a made-up 0.
 */
import type { ErrorCode } from '../errors/error-codes';
import type { CostSum, Percentiles, Rate, Votes } from './aggregate';

export const NO_FIGURE = '—';

/** "420 ms" under a second, "1.70 s" from there on. */
export function msText(ms: number | null): string {
  if (ms === null) return NO_FIGURE;
  const whole = Math.round(ms);
  return whole < 1000 ? `${whole} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** "12.5%"; "—" for a share of nothing. */
export function percentText(share: number | null): string {
  return share === null ? NO_FIGURE : PERCENT.format(share);
}

/** "12.5% (1 of 8)" */
export function rateText(rate: Rate): string {
  return rate.rate === null
    ? `${NO_FIGURE} (none yet)`
    : `${percentText(rate.rate)} (${rate.count} of ${rate.of})`;
}

const DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const CENTS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const SMALL_DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});

/** "$0.00554" for the fractions of a cent requests cost, "$0.0105", "$12.40". */
export function usdText(usd: number): string {
  if (usd === 0) return '$0';
  const size = Math.abs(usd);
  return (size >= 1 ? DOLLARS : size >= 0.01 ? CENTS : SMALL_DOLLARS).format(usd);
}

/** "$0.00554", plus how many requests are not in it. */
export function costText(cost: CostSum): string {
  if (cost.known === 0 && cost.unknown > 0) return `${NO_FIGURE} (no known cost)`;
  const sum = usdText(cost.usd);
  return cost.unknown === 0 ? sum : `${sum} (${requestsText(cost.unknown)} without a known cost)`;
}

export function requestsText(count: number): string {
  return count === 1 ? '1 request' : `${count} requests`;
}

/** "p50 420 ms · p95 900 ms (7 requests)" */
export function percentilesText(stats: Percentiles): string {
  if (stats.count === 0) return 'No measurements';
  return `p50 ${msText(stats.p50)} · p95 ${msText(stats.p95)} (${requestsText(stats.count)})`;
}

/** "2 up · 1 down (67% up)" */
export function votesText(votes: Votes): string {
  if (votes.up + votes.down === 0) return 'No votes';
  return `${votes.up} up · ${votes.down} down (${percentText(votes.upShare)} up)`;
}

const SHORT_DAY = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Nov 3" for the day key "2026-11-03" (the key is already the user's calendar day). */
export function dayText(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : SHORT_DAY.format(at);
}

/** Short names for error codes, as a chart axis can hold them. */
export const ERROR_CODE_LABELS: Record<ErrorCode, string> = {
  'no-keys': 'No API key',
  'invalid-key': 'Key rejected',
  'rate-limited': 'Rate limited',
  'tab-budget': 'Tab limit',
  'model-refused': 'Model refused',
  timeout: 'Timed out',
  network: 'Network',
  'breaker-open': 'Provider paused',
  'provider-error': 'Provider error',
  'bad-response': 'Bad response',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  'empty-prompt': 'Empty prompt',
  'too-long': 'Too long',
  'insecure-url': 'Insecure URL',
  internal: 'Internal error',
};
