/** Reading and saving the History's settings (the storage item is in settings-items.ts). */
import { applyHistoryPolicy, historyToStore } from '../settings/managed-policy';
import { historySettings } from '../settings/settings-items';
import { loadManagedPolicy } from '../settings/settings-store';
import { normalizeHistorySettings, type HistorySettings } from './history-policy';

export {
  DEFAULT_HISTORY_SETTINGS,
  KEEP_DAYS_RANGE,
  KEEP_ENTRIES_RANGE,
  mayRecordFrom,
  normalizeHistorySettings,
  type HistorySettings,
} from './history-policy';

/** The user's History settings with the organization's retention and on/off over them. */
export async function loadHistorySettings(): Promise<HistorySettings> {
  const [stored, managed] = await Promise.all([historySettings.getValue(), loadManagedPolicy()]);
  return applyHistoryPolicy(normalizeHistorySettings(stored), managed.policy);
}

/** Saves the user's History settings; those the organization sets keep the user's stored value. */
export async function saveHistorySettings(settings: HistorySettings): Promise<void> {
  const [stored, managed] = await Promise.all([historySettings.getValue(), loadManagedPolicy()]);
  await historySettings.setValue(
    normalizeHistorySettings(
      historyToStore(settings, normalizeHistorySettings(stored), managed.policy),
    ),
  );
}
