import { useId, useMemo, useState } from 'react';
import { aggregateHistory } from '../../lib/insights/aggregate';
import { PRIVATE_WINDOW_WORDS } from '../../lib/insights/history-store';
import { saveHistorySettings, type HistorySettings } from '../../lib/insights/history-settings';
import {
  AcceptanceSections,
  FeedbackSections,
  Overview,
  ReliabilitySection,
  TimingSections,
  VolumeSections,
} from './dashboard-sections';
import { useHistoryEntries, useHistorySettings, useNow } from './use-history';
import './dashboard.css';

const PERIODS = [
  { days: 7, label: 'Last 7 days', words: 'in the last 7 days' },
  { days: 30, label: 'Last 30 days', words: 'in the last 30 days' },
  { days: null, label: 'All kept history', words: 'in the kept history' },
] as const;
type Period = (typeof PERIODS)[number];

/** Unsettled results settle as they age (see ACTION_SETTLE_MS): refresh the figures this often. */
const TICK_MS = 60_000;

function HistoryOff({
  settings,
  nothingRecorded,
}: {
  settings: HistorySettings;
  nothingRecorded: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const turnOn = () => {
    saveHistorySettings({ ...settings, enabled: true }).then(
      () => setFailed(false),
      () => setFailed(true),
    );
  };
  return (
    <div className="notice" role="status">
      <p>
        {nothingRecorded
          ? 'History is off, so no optimizations are recorded and there is nothing to show here.'
          : 'History is off: new optimizations are not recorded, so these figures no longer change.'}{' '}
        Turn it on here; it keeps entries for {settings.keepDays} days in this browser only.
      </p>
      <button type="button" className="primary" onClick={turnOn}>
        Turn history on
      </button>
      {failed && <p role="alert">Couldn’t turn history on. Try again.</p>}
    </div>
  );
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const name = useId();
  return (
    <fieldset className="period">
      <legend>Period</legend>
      {PERIODS.map((option) => (
        <label key={option.label}>
          <input
            type="radio"
            name={name}
            checked={option === period}
            onChange={() => onChange(option)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function Figures({ period, onPeriod }: { period: Period; onPeriod: (p: Period) => void }) {
  const read = useHistoryEntries();
  const settings = useHistorySettings();
  const tick = useNow(TICK_MS);
  const entries = read.phase === 'ready' ? read.entries : null;
  const now = read.phase === 'ready' ? Math.max(read.readAt, tick) : tick;
  const insights = useMemo(
    () =>
      entries &&
      aggregateHistory(entries, {
        now,
        ...(period.days !== null ? { periodDays: period.days } : {}),
      }),
    [entries, now, period],
  );

  if (read.phase === 'loading' || settings === null) {
    return (
      <p className="loading" aria-busy="true">
        Reading the history…
      </p>
    );
  }
  if (read.phase === 'error') {
    return (
      <p className="notice error" role="alert">
        {read.message === PRIVATE_WINDOW_WORDS
          ? read.message
          : `Couldn’t read the history (${read.message}). Reload the page to try again.`}
      </p>
    );
  }
  const off = !settings.enabled && (
    <HistoryOff settings={settings} nothingRecorded={read.entries.length === 0} />
  );
  if (read.entries.length === 0) {
    return (
      off || (
        <div className="empty">
          <p>No optimizations recorded yet — optimize a prompt and its timings appear here.</p>
          <p className="hint">
            Use the toolbar popup, the right-click menu or the shortcut in any text field; this page
            updates as each optimization finishes.
          </p>
        </div>
      )
    );
  }
  return (
    <>
      {off}
      <PeriodPicker period={period} onChange={onPeriod} />
      {insights && insights.requests > 0 ? (
        <div className="sections">
          <Overview insights={insights} periodWords={period.words} />
          <TimingSections insights={insights} periodWords={period.words} />
          <VolumeSections insights={insights} periodWords={period.words} />
          <ReliabilitySection insights={insights} periodWords={period.words} />
          <AcceptanceSections insights={insights} periodWords={period.words} />
          <FeedbackSections insights={insights} periodWords={period.words} />
        </div>
      ) : (
        <div className="empty">
          <p>No optimizations {period.words}. Choose a longer period to see older ones.</p>
        </div>
      )}
    </>
  );
}

export function DashboardApp() {
  const [period, setPeriod] = useState<Period>(PERIODS[1]);
  return (
    <div className="page">
      <header className="page-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            PR
          </span>
          <h1>Prompt Relay dashboard</h1>
        </div>
        <nav aria-label="Other pages" className="page-links">
          <a href="/options.html">Settings</a>
        </nav>
        <p className="page-note">
          Figures from your optimization history, kept in this browser only. They update as new
          optimizations are recorded.
        </p>
      </header>
      <main>
        <Figures period={period} onPeriod={setPeriod} />
      </main>
    </div>
  );
}
