/** Reading and saving the History's settings (the storage item is in settings-items.ts). */
import { historySettings } from '../settings/settings-items';
import { normalizeHistorySettings, type HistorySettings } from './history-policy';

export {
  DEFAULT_HISTORY_SETTINGS,
  KEEP_DAYS_RANGE,
  KEEP_ENTRIES_RANGE,
  mayRecordFrom,
  normalizeHistorySettings,
  type HistorySettings,
} from './history-policy';

export async function loadHistorySettings(): Promise<HistorySettings> {
  return normalizeHistorySettings(await historySettings.getValue());
}

export async function saveHistorySettings(settings: HistorySettings): Promise<void> {
  await historySettings.setValue(normalizeHistorySettings(settings));
}
