/**
 * The History's settings and who may be recorded: pure, so the background, the pages and Node
 * (tests, bench) share it. Whatever storage holds is made valid here (a synced value from another
 * version, a hand edit), falling back per field. Reading and saving: history-settings.ts.
 */
import { isHostListed, parseSiteList } from '../settings/site-hosts';

export interface HistorySettings {
  /** Record optimizations at all. */
  enabled: boolean;
  /** Entries older than this many days are deleted. */
  keepDays: number;
  /** At most this many entries are kept; the oldest go first. */
  keepEntries: number;
  /** Keep the page's full address; off: only its origin. */
  fullUrls: boolean;
  /** Hosts never recorded; each covers its subdomains. */
  excludedSites: string[];
}

export const DEFAULT_HISTORY_SETTINGS: Readonly<HistorySettings> = {
  enabled: true,
  keepDays: 30,
  keepEntries: 1000,
  fullUrls: false,
  excludedSites: [],
};

export const KEEP_DAYS_RANGE = { min: 1, max: 365 } as const;
export const KEEP_ENTRIES_RANGE = { min: 10, max: 10_000 } as const;

function whole(value: unknown, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= range.min &&
    value <= range.max
    ? value
    : fallback;
}

export function normalizeHistorySettings(raw: unknown): HistorySettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<
    Record<keyof HistorySettings, unknown>
  >;
  const d = DEFAULT_HISTORY_SETTINGS;
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : d.enabled,
    keepDays: whole(value.keepDays, KEEP_DAYS_RANGE, d.keepDays),
    keepEntries: whole(value.keepEntries, KEEP_ENTRIES_RANGE, d.keepEntries),
    fullUrls: typeof value.fullUrls === 'boolean' ? value.fullUrls : d.fullUrls,
    excludedSites: Array.isArray(value.excludedSites)
      ? parseSiteList(value.excludedSites).hosts
      : [...d.excludedSites],
  };
}

/** Whether a request from this page origin may be recorded (null: the popup). */
export function mayRecordFrom(origin: string | null, settings: HistorySettings): boolean {
  if (!settings.enabled) return false;
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return true;
  }
  return host === '' || !isHostListed(host, settings.excludedSites);
}
