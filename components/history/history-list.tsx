import { memo, useEffect } from 'react';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import {
  actionWords,
  costWords,
  durationWords,
  modelsWords,
  outcomeWords,
  siteWords,
} from '../../lib/insights/history-words';
import { MODE_LABELS } from '../../lib/prompts/modes';
import { PAGE_SIZE, useHistoryPage } from './history-page-store';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function whenWords(at: number): string {
  return dateTime.format(at);
}

/** The first words of a prompt, on one line. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line || '(empty prompt)';
}

const OUTCOME_CLASS: Record<HistoryEntry['outcome'], string> = {
  refined: 'ok',
  'single-stage': 'ok',
  'draft-only': 'warn',
  failed: 'error',
  cancelled: 'muted',
};

const Row = memo(function Row({ entry, selected }: { entry: HistoryEntry; selected: boolean }) {
  const select = useHistoryPage((s) => s.select);
  return (
    <li className="history-row">
      <button
        type="button"
        className="history-row-button"
        aria-current={selected ? 'true' : undefined}
        onClick={() => select(entry.id)}
      >
        <span className="row-prompt">{snippet(entry.original)}</span>
        <span className="row-meta">
          <time dateTime={new Date(entry.at).toISOString()}>{whenWords(entry.at)}</time>
          <span>{siteWords(entry.origin)}</span>
          <span>{MODE_LABELS[entry.mode]}</span>
          <span className={`outcome outcome-${OUTCOME_CLASS[entry.outcome]}`}>
            {outcomeWords(entry)}
          </span>
          <span>{actionWords(entry)}</span>
          <span>{modelsWords(entry)}</span>
          <span>{durationWords(entry.timings.totalMs)}</span>
          <span>{costWords(entry)}</span>
        </span>
      </button>
    </li>
  );
});

/** Marks the moment the first rows are on screen, for the "opens in under 1 s" bench. */
function useFirstRowsMark(hasRows: boolean): void {
  useEffect(() => {
    if (!hasRows || performance.getEntriesByName('history-first-rows').length > 0) return;
    requestAnimationFrame(() => setTimeout(() => performance.mark('history-first-rows'), 0));
  }, [hasRows]);
}

/** A window of the matching entries (PAGE_SIZE more at a time), newest first. */
export function HistoryList({ matches }: { matches: HistoryEntry[] }) {
  const shown = useHistoryPage((s) => s.shown);
  const selectedId = useHistoryPage((s) => s.selectedId);
  const showMore = useHistoryPage((s) => s.showMore);
  const complete = useHistoryPage((s) => s.complete);
  const visible = matches.slice(0, shown);
  useFirstRowsMark(visible.length > 0);
  const rest = matches.length - visible.length;
  return (
    <>
      <ol className="history-list" aria-label="Optimizations, newest first">
        {visible.map((entry) => (
          <Row key={entry.id} entry={entry} selected={entry.id === selectedId} />
        ))}
      </ol>
      {complete && rest > 0 && (
        <button type="button" className="button button-secondary show-more" onClick={showMore}>
          Show {Math.min(rest, PAGE_SIZE).toLocaleString('en')} more ({rest.toLocaleString('en')}{' '}
          not shown)
        </button>
      )}
    </>
  );
}
