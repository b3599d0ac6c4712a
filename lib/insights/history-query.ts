/**
 * Search and filters over the history, in memory: the History page reads every entry once and
 * narrows them here on each keystroke, which stays fast at 10 000 entries (the retention cap)
 * because each entry's searchable text is lower-cased once and then reused.
 */
import type { Outcome } from '../messaging/protocol';
import type { Mode } from '../prompts/modes';
import type { HistoryEntry, UserAction } from './history-entry';
import { siteWords } from './history-words';

/** The site filter's value for requests from the popup (an origin always holds "://" or is "null"). */
export const POPUP_SITE = 'popup';
export const ANY = 'all';

export interface HistoryQuery {
  /** Words that must each appear in the original, the draft or the refinement (any case). */
  text: string;
  mode: Mode | typeof ANY;
  /** A page origin, POPUP_SITE, or ANY. */
  site: string;
  outcome: Outcome | typeof ANY;
  action: UserAction | typeof ANY;
}

export const EMPTY_QUERY: HistoryQuery = {
  text: '',
  mode: ANY,
  site: ANY,
  outcome: ANY,
  action: ANY,
};

export function isEmptyQuery(query: HistoryQuery): boolean {
  return (
    searchWords(query.text).length === 0 &&
    query.mode === ANY &&
    query.site === ANY &&
    query.outcome === ANY &&
    query.action === ANY
  );
}

export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

const haystacks = new WeakMap<HistoryEntry, string>();

function haystack(entry: HistoryEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    text = [entry.original, entry.draft ?? '', entry.refinement ?? ''].join('\n').toLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

export function siteKey(entry: Pick<HistoryEntry, 'origin'>): string {
  return entry.origin ?? POPUP_SITE;
}

export function matchesQuery(entry: HistoryEntry, query: HistoryQuery, words: string[]): boolean {
  if (query.mode !== ANY && entry.mode !== query.mode) return false;
  if (query.outcome !== ANY && entry.outcome !== query.outcome) return false;
  if (query.action !== ANY && entry.action !== query.action) return false;
  if (query.site !== ANY && siteKey(entry) !== query.site) return false;
  if (words.length === 0) return true;
  const text = haystack(entry);
  return words.every((word) => text.includes(word));
}

function isNewestFirst(entries: readonly HistoryEntry[]): boolean {
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i - 1]!.at < entries[i]!.at) return false;
  }
  return true;
}

/** Newest first; entries of the same millisecond in id order, so the list never reshuffles. */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  if (isNewestFirst(entries)) return [...entries];
  return [...entries].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The entries that match every filter and every search word, newest first. */
export function queryHistory(
  entries: readonly HistoryEntry[],
  query: HistoryQuery,
): HistoryEntry[] {
  const words = searchWords(query.text);
  const ordered = isNewestFirst(entries) ? entries : newestFirst(entries);
  if (isEmptyQuery(query)) return [...ordered];
  return ordered.filter((entry) => matchesQuery(entry, query, words));
}

export interface SiteOption {
  value: string;
  label: string;
  count: number;
}

/** The sites in the history for the site filter: most entries first, then by name. */
export function siteOptions(entries: readonly HistoryEntry[]): SiteOption[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = siteKey(entry);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({
      value,
      label: value === POPUP_SITE ? siteWords(null) : siteWords(value),
      count,
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en'));
}
