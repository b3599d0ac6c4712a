import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { loadHistorySettings } from '../../lib/insights/history-settings';
import { isEmptyQuery, queryHistory } from '../../lib/insights/history-query';
import { PRIVATE_WINDOW_WORDS, watchHistory } from '../../lib/insights/history-store';
import { historySettings } from '../../lib/settings/settings-items';
import { StatusLine } from '../ui/status-line';
import { HistoryDetail } from './history-detail';
import { HistoryList } from './history-list';
import { useHistoryPage } from './history-page-store';
import { HistorySettingsSection } from './history-settings-section';
import { HistoryToolbar } from './history-toolbar';
import { HistoryTransfer } from './history-transfer';
import '../options/options.css';
import './history.css';

/** Coalesces a burst of changes (an import, a prune) into one re-read. */
const RELOAD_DELAY_MS = 100;

function useLiveHistory(): void {
  useEffect(() => {
    const { reload } = useHistoryPage.getState();
    void reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = watchHistory(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);
}

/** Whether recording is on, kept current when the settings change here or elsewhere. */
function useRecordingOn(): [boolean | null, (on: boolean) => void] {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    let active = true;
    void loadHistorySettings().then((settings) => active && setOn(settings.enabled));
    const unwatch = historySettings.watch(() => {
      void loadHistorySettings().then((settings) => active && setOn(settings.enabled));
    });
    return () => {
      active = false;
      unwatch();
    };
  }, []);
  return [on, setOn];
}

function EmptyState({ recording }: { recording: boolean | null }) {
  if (recording === false) {
    return (
      <div className="empty-state">
        <h2>History is off</h2>
        <p>
          Nothing is recorded while “Keep a history” is off. Turn it on in History settings below to
          keep your optimizations here.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No optimizations yet</h2>
      <p>
        Each prompt you optimize — from the toolbar popup, the keyboard shortcut or the right-click
        menu — appears here with its draft and refinement. Nothing is recorded from private windows
        or from the sites you list below.
      </p>
    </div>
  );
}

function NoMatches() {
  const clearQuery = useHistoryPage((s) => s.clearQuery);
  return (
    <div className="empty-state">
      <h2>No entries match</h2>
      <p>No optimization matches this search and these filters.</p>
      <button type="button" className="button button-secondary" onClick={clearQuery}>
        Clear search and filters
      </button>
    </div>
  );
}

function Notice() {
  const notice = useHistoryPage((s) => s.notice);
  const undo = useHistoryPage((s) => s.undoDelete);
  return (
    <div className="history-notice">
      <StatusLine text={notice?.text ?? ''} tone={notice?.tone ?? 'ok'} />
      {notice?.undo && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void undo()}
        >
          Undo
        </button>
      )}
    </div>
  );
}

function HistoryBrowser({ recording }: { recording: boolean | null }) {
  const phase = useHistoryPage((s) => s.phase);
  const loadError = useHistoryPage((s) => s.loadError);
  const entries = useHistoryPage((s) => s.entries);
  const complete = useHistoryPage((s) => s.complete);
  const total = useHistoryPage((s) => s.total);
  const query = useHistoryPage((s) => s.query);
  const selectedId = useHistoryPage((s) => s.selectedId);
  // Typing stays responsive: the list follows the search a moment later when it is long.
  const deferredQuery = useDeferredValue(query);
  const matches = useMemo(() => queryHistory(entries, deferredQuery), [entries, deferredQuery]);
  const selected = selectedId ? entries.find((e) => e.id === selectedId) : undefined;

  if (phase === 'loading') {
    return (
      <p className="loading" aria-busy="true">
        Loading your history…
      </p>
    );
  }
  if (phase === 'error') {
    return (
      <p className="load-notice" role="alert">
        {loadError === PRIVATE_WINDOW_WORDS
          ? loadError
          : `Your history could not be read in this browser: ${loadError}`}
      </p>
    );
  }
  if (total === 0) return <EmptyState recording={recording} />;

  const searching = !isEmptyQuery(deferredQuery);
  // Until every entry is read, a search would miss some: it waits (a fraction of a second).
  const waiting = searching && !complete;
  const countWords =
    total === null
      ? searching
        ? 'Searching all optimizations…'
        : `The newest ${entries.length.toLocaleString('en')} optimizations; reading the rest…`
      : !searching
        ? `${total.toLocaleString('en')} ${total === 1 ? 'optimization' : 'optimizations'}, newest first`
        : `${matches.length.toLocaleString('en')} of ${total.toLocaleString('en')} match`;
  return (
    <>
      {recording === false && (
        <p className="load-notice">
          History is off: new optimizations are not recorded. The entries below stay until you
          delete them.
        </p>
      )}
      <HistoryToolbar />
      <p className="history-count" role="status" aria-live="polite">
        {countWords}
      </p>
      <div className="history-panes">
        <div className="history-list-pane">
          {waiting ? null : matches.length === 0 ? (
            <NoMatches />
          ) : (
            <HistoryList matches={matches} />
          )}
        </div>
        <div className="history-detail-pane">
          {selected ? (
            <HistoryDetail key={selected.id} entry={selected} />
          ) : (
            <p className="detail-placeholder">
              Choose an entry to see its original, draft and refinement side by side.
            </p>
          )}
        </div>
      </div>
    </>
  );
}

export function HistoryApp() {
  useLiveHistory();
  const [recording, setRecording] = useRecordingOn();
  return (
    <div className="page history-page">
      <header className="page-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            PR
          </span>
          <h1>Prompt Relay history</h1>
        </div>
        <nav className="page-links" aria-label="Prompt Relay pages">
          <button
            type="button"
            className="link-button"
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            Settings
          </button>
        </nav>
      </header>
      <main>
        <p className="privacy-note">
          Kept in this browser only, on this device: for each optimization its time, the site (not
          the page’s address unless you allow it below), the mode, your original text, the draft and
          the refinement, how it ended, what you did with it, the models, timings, tokens and
          estimated cost. Nothing here is sent anywhere, and API keys are never part of it.
        </p>
        <Notice />
        <HistoryBrowser recording={recording} />
        <section className="card history-tools" aria-labelledby="history-tools-title">
          <h2 id="history-tools-title" className="card-title">
            Your data
          </h2>
          <p className="card-intro">
            Export saves every entry to a JSON file; Import adds the entries of such a file (those
            already here are skipped).
          </p>
          <HistoryTransfer />
        </section>
        <section className="card" aria-labelledby="history-settings-title">
          <h2 id="history-settings-title" className="card-title">
            History settings
          </h2>
          <p className="card-intro">
            These settings sync with your browser account like Prompt Relay’s other settings; the
            entries themselves never leave this browser.
          </p>
          <HistorySettingsSection
            onSaved={(settings) => {
              setRecording(settings.enabled);
              void useHistoryPage.getState().reload();
            }}
          />
        </section>
      </main>
    </div>
  );
}
