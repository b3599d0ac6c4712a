import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import {
  exportFileName,
  exportHistoryJson,
  importHistoryJson,
  importReportWords,
  IMPORT_LIMITS,
} from '../../lib/insights/history-json';
import { loadHistorySettings } from '../../lib/insights/history-settings';
import { addEntries, allEntries, pruneEntries } from '../../lib/insights/history-store';
import { StatusLine } from '../ui/status-line';
import { useHistoryPage } from './history-page-store';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own copy once started; the next task is late enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export, Import and Delete all (with its confirmation). */
export function HistoryTransfer() {
  const total = useHistoryPage((s) => s.total);
  const shown = useHistoryPage((s) => s.entries.length);
  const reload = useHistoryPage((s) => s.reload);
  const confirming = useHistoryPage((s) => s.confirmingDeleteAll);
  const askDeleteAll = useHistoryPage((s) => s.askDeleteAll);
  const deleteAll = useHistoryPage((s) => s.deleteAll);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' | 'busy' }>({
    text: '',
    tone: 'ok',
  });
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  async function exportAll() {
    // Read afresh: the page may not hold every entry yet, and the file must.
    let entries;
    try {
      entries = await allEntries();
    } catch (error) {
      setStatus({
        text: `The history could not be read: ${error instanceof Error ? error.message : String(error)}`,
        tone: 'error',
      });
      return;
    }
    download(exportHistoryJson(entries), exportFileName());
    setStatus({
      text: `Exported ${entries.length.toLocaleString('en')} ${entries.length === 1 ? 'entry' : 'entries'}.`,
      tone: 'ok',
    });
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file may be chosen again later.
    input.value = '';
    if (!file) return;
    if (file.size > IMPORT_LIMITS.fileChars) {
      setStatus({ text: 'This file is too large to be a Prompt Relay history.', tone: 'error' });
      return;
    }
    setStatus({ text: `Importing ${file.name}…`, tone: 'busy' });
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus({ text: 'This file could not be read.', tone: 'error' });
      return;
    }
    const report = await importHistoryJson(text, addEntries);
    let words = importReportWords(report);
    if (report.ok && report.added > 0) {
      // The limits apply to imported entries too: said now, rather than have them vanish at the
      // background's next prune.
      try {
        const settings = await loadHistorySettings();
        const pruned = await pruneEntries({
          maxEntries: settings.keepEntries,
          maxAgeDays: settings.keepDays,
        });
        if (pruned > 0) {
          words += ` To fit your history settings (${settings.keepDays} days, ${settings.keepEntries.toLocaleString('en')} entries), ${pruned === 1 ? 'the oldest entry was' : `the ${pruned.toLocaleString('en')} oldest entries were`} then deleted; raise the limits below and import again to keep them.`;
        }
      } catch {
        // The import itself succeeded; the background prunes later.
      }
    }
    setStatus({ text: words, tone: report.ok ? 'ok' : 'error' });
    if (report.ok) await reload();
  }

  return (
    <div className="history-transfer">
      <div className="transfer-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void exportAll()}
          disabled={shown === 0}
        >
          Export all (JSON)
        </button>
        <label className="button button-secondary file-button">
          Import from a file…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={(event) => void importFile(event)}
          />
        </label>
        <button
          type="button"
          className="button button-danger"
          onClick={() => askDeleteAll(true)}
          disabled={shown === 0 || total === null || confirming}
        >
          Delete all…
        </button>
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete-all">
          <p id="confirm-delete-all">
            Delete all {(total ?? shown).toLocaleString('en')} {total === 1 ? 'entry' : 'entries'}{' '}
            from this browser? This cannot be undone; export them first to keep a copy.
          </p>
          <div className="transfer-row">
            <button type="button" className="button button-danger" onClick={() => void deleteAll()}>
              Yes, delete all
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button-secondary"
              onClick={() => askDeleteAll(false)}
            >
              Keep them
            </button>
          </div>
        </div>
      )}
      <StatusLine text={status.text} tone={status.tone} />
    </div>
  );
}
