/** The background's one history recorder, writing to the history store. */
import { loadHistorySettings } from '../insights/history-settings';
import { pruneEntries, putEntry, recordAction, recordFeedback } from '../insights/history-store';
import { createHistoryRecorder } from './history-recorder';

export const historyRecorder = createHistoryRecorder({
  store: { put: putEntry, recordAction, recordFeedback, prune: pruneEntries },
  loadSettings: loadHistorySettings,
  onError: (error) => console.warn('Prompt Relay: the history could not be written', error),
});
