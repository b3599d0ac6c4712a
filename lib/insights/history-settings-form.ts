/**
 * The History page's settings form: what the user typed (numbers stay strings until checked, so a
 * half-typed one survives) and its check into the settings `saveHistorySettings` stores.
 */
import { invalidSitesMessage } from '../settings/validate-settings';
import { parseSiteLines, SITE_LIST_MAX_CHARS } from '../settings/site-hosts';
import { KEEP_DAYS_RANGE, KEEP_ENTRIES_RANGE, type HistorySettings } from './history-settings';

export interface HistorySettingsForm {
  enabled: boolean;
  keepDays: string;
  keepEntries: string;
  fullUrls: boolean;
  /** One host per line, as typed. */
  excludedSites: string;
}

export type HistorySettingsErrors = Partial<
  Record<'keepDays' | 'keepEntries' | 'excludedSites', string>
>;

export type CheckedHistorySettings =
  { ok: true; settings: HistorySettings } | { ok: false; errors: HistorySettingsErrors };

export function historySettingsForm(settings: HistorySettings): HistorySettingsForm {
  return {
    enabled: settings.enabled,
    keepDays: String(settings.keepDays),
    keepEntries: String(settings.keepEntries),
    fullUrls: settings.fullUrls,
    excludedSites: settings.excludedSites.join('\n'),
  };
}

function wholeNumber(text: string, range: { min: number; max: number }): number | null {
  const trimmed = text.trim().replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= range.min && value <= range.max ? value : null;
}

const fmt = (n: number) => n.toLocaleString('en');

export function checkHistorySettingsForm(form: HistorySettingsForm): CheckedHistorySettings {
  const errors: HistorySettingsErrors = {};
  const keepDays = wholeNumber(form.keepDays, KEEP_DAYS_RANGE);
  if (keepDays === null) {
    errors.keepDays = `Enter a whole number of days from ${fmt(KEEP_DAYS_RANGE.min)} to ${fmt(KEEP_DAYS_RANGE.max)}`;
  }
  const keepEntries = wholeNumber(form.keepEntries, KEEP_ENTRIES_RANGE);
  if (keepEntries === null) {
    errors.keepEntries = `Enter a whole number of entries from ${fmt(KEEP_ENTRIES_RANGE.min)} to ${fmt(KEEP_ENTRIES_RANGE.max)}`;
  }
  const sites = parseSiteLines(form.excludedSites);
  if (sites.invalid.length > 0) {
    errors.excludedSites = invalidSitesMessage(sites.invalid);
  } else if (JSON.stringify(sites.hosts).length > SITE_LIST_MAX_CHARS) {
    errors.excludedSites = `This list is too long to sync with your browser: remove some sites (it holds about ${fmt(SITE_LIST_MAX_CHARS)} characters)`;
  }
  if (keepDays === null || keepEntries === null || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    settings: {
      enabled: form.enabled,
      keepDays,
      keepEntries,
      fullUrls: form.fullUrls,
      excludedSites: sites.hosts,
    },
  };
}
