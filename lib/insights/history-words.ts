/**
 * What the History page says about one entry, in words: outcome, action, cost, time, site. Pure,
 * so the words are tested once and the page only lays them out.
 */
import type { ErrorCode } from '../errors/error-codes';
import type { HistoryEntry, UserAction } from './history-entry';

/** A short reason per error code, for the list ("Failed: rate limited"); the entry keeps the full message. */
const REASONS: Record<ErrorCode, string> = {
  'no-keys': 'no API key',
  'invalid-key': 'API key refused',
  'rate-limited': 'rate limited',
  'tab-budget': 'too many requests from this tab',
  'model-refused': 'the model refused',
  timeout: 'timed out',
  network: 'network error',
  'breaker-open': 'provider paused after repeated failures',
  'provider-error': 'provider error',
  'bad-response': 'unreadable answer',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  'empty-prompt': 'empty prompt',
  'too-long': 'prompt too long',
  'insecure-url': 'insecure address',
  internal: 'internal error',
};

export function reasonWords(code: ErrorCode): string {
  return REASONS[code];
}

export function outcomeWords(entry: Pick<HistoryEntry, 'outcome' | 'error'>): string {
  switch (entry.outcome) {
    case 'refined':
      return 'Refined';
    case 'single-stage':
      return 'Single stage';
    case 'draft-only':
      // No error: the refinement was off (no refinement key), not broken.
      return `Draft only: ${entry.error ? reasonWords(entry.error.code) : 'refinement off'}`;
    case 'failed':
      return `Failed: ${entry.error ? reasonWords(entry.error.code) : 'unknown reason'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

const ACTION_WORDS: Record<UserAction, string> = {
  pending: 'Not final yet',
  kept: 'Kept',
  edited: 'Edited (refinement offered)',
  applied: 'Applied',
  dismissed: 'Dismissed',
  restored: 'Restored original',
  undid: 'Undone',
  copied: 'Copied',
  inserted: 'Inserted',
};

export function actionWords(entry: Pick<HistoryEntry, 'action' | 'actionFinal'>): string {
  // Final without any action seen (the popup closed untouched): say so rather than guess.
  if (entry.action === 'pending' && entry.actionFinal) return 'No action seen';
  return ACTION_WORDS[entry.action];
}

const SMALL_DOLLARS = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });
const DOLLARS = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Dollars with two significant digits below $1 ("$0.0004", "$0.0012"), cents above; no exponent. */
export function dollars(usd: number): string {
  if (usd === 0) return '$0';
  return `$${(usd >= 1 ? DOLLARS : SMALL_DOLLARS).format(usd)}`;
}

/** "≈ $0.0004"; "Cached · $0" for a cache hit; "—" when no usage or no price was known. */
export function costWords(entry: Pick<HistoryEntry, 'costUsd' | 'fromCache'>): string {
  if (entry.fromCache) return 'Cached · $0';
  if (entry.costUsd === null) return '—';
  return `≈ ${dollars(entry.costUsd)}`;
}

/** "850 ms", "2.4 s", "1 min 5 s". */
export function durationWords(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 60) return `${tenths.toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The page's host, or "Popup" for a request from the popup. */
export function siteWords(origin: string | null): string {
  if (origin === null) return 'Popup';
  try {
    const { host } = new URL(origin);
    return host || origin;
  } catch {
    return origin;
  }
}

/** "llama-3.1-8b-instant → gpt-4o-mini", one model alone, or "—". */
export function modelsWords(entry: Pick<HistoryEntry, 'providers'>): string {
  const names = [entry.providers.draft?.model, entry.providers.refinement?.model].filter(
    (name): name is string => Boolean(name),
  );
  return names.length > 0 ? names.join(' → ') : '—';
}
