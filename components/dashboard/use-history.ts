import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import {
  loadHistorySettings,
  normalizeHistorySettings,
  type HistorySettings,
} from '../../lib/insights/history-settings';
import { allEntries, watchHistory } from '../../lib/insights/history-store';
import { historySettings } from '../../lib/settings/settings-items';

export type HistoryRead =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  /** `readAt`: when they were read, the moment the figures are for. */
  | { phase: 'ready'; entries: HistoryEntry[]; readAt: number };

/** Coalesces a burst of writes (an entry, then its action and vote) into one read. */
const REREAD_DELAY_MS = 100;

/** Every history entry, read again whenever any context writes to the history. */
export function useHistoryEntries(): HistoryRead {
  const [read, setRead] = useState<HistoryRead>({ phase: 'loading' });
  useEffect(() => {
    let active = true;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      const request = ++latest;
      allEntries().then(
        // An older read may finish after a newer one; only the newest describes the store.
        (entries) =>
          active && request === latest && setRead({ phase: 'ready', entries, readAt: Date.now() }),
        (error: unknown) =>
          active &&
          request === latest &&
          setRead({
            phase: 'error',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    };
    load();
    const unwatch = watchHistory(() => {
      clearTimeout(timer);
      timer = setTimeout(load, REREAD_DELAY_MS);
    });
    return () => {
      active = false;
      clearTimeout(timer);
      unwatch();
    };
  }, []);
  return read;
}

/** The history settings as stored, followed live; null until read. */
export function useHistorySettings(): HistorySettings | null {
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  useEffect(() => {
    let active = true;
    loadHistorySettings().then(
      (value) => active && setSettings(value),
      () => active && setSettings(normalizeHistorySettings(undefined)),
    );
    const unwatch = historySettings.watch((value) => setSettings(normalizeHistorySettings(value)));
    return () => {
      active = false;
      unwatch();
    };
  }, []);
  return settings;
}

/** The current time, advanced every `everyMs`: acceptance settles as entries age. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
