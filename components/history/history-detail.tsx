import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry, StageRecord } from '../../lib/insights/history-entry';
import {
  COMPARISONS,
  compareTexts,
  comparedTexts,
  defaultComparison,
  type Comparison,
} from '../../lib/insights/history-diff';
import {
  actionWords,
  costWords,
  durationWords,
  outcomeWords,
  reasonWords,
  siteWords,
} from '../../lib/insights/history-words';
import { MODE_LABELS } from '../../lib/prompts/modes';
import { CopyButton } from './copy-button';
import { whenWords } from './history-list';
import { useHistoryPage } from './history-page-store';
import { OptimizeAgain, startOptimizeAgain } from './optimize-again';

const SOURCE_WORDS: Record<HistoryEntry['source'], string> = {
  popup: 'Popup',
  shortcut: 'Keyboard shortcut',
  'context-menu': 'Right-click menu',
};

function TextColumn({
  title,
  text,
  missing,
}: {
  title: string;
  text: string | null;
  missing: string;
}) {
  return (
    <article className="text-column" aria-label={title}>
      <header>
        <h3>{title}</h3>
        {text !== null && <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} />}
      </header>
      {text === null ? (
        <p className="text-missing">{missing}</p>
      ) : (
        <div className="text-body">{text}</div>
      )}
    </article>
  );
}

function missingWords(entry: HistoryEntry, stage: 'draft' | 'refinement'): string {
  if (entry.outcome === 'cancelled') return 'Cancelled before it came.';
  if (entry.outcome === 'failed') return 'None: the request failed.';
  if (stage === 'draft') return 'No draft: the refinement model answered alone.';
  return entry.error ? `None: ${reasonWords(entry.error.code)}.` : 'None: the refinement was off.';
}

/** The changes as text nodes: removed words struck through, added ones marked. Never HTML. */
function Changes({ entry }: { entry: HistoryEntry }) {
  const [comparison, setComparison] = useState<Comparison>(() => defaultComparison(entry));
  const texts = comparedTexts(entry, comparison);
  const from = texts?.[0] ?? null;
  const to = texts?.[1] ?? null;
  const parts = useMemo(
    () => (from === null || to === null ? null : compareTexts(from, to)),
    [from, to],
  );
  return (
    <div className="changes">
      <div className="field field-inline">
        <label htmlFor="history-compare" className="field-label">
          Compare
        </label>
        <select
          id="history-compare"
          value={comparison}
          onChange={(event) => {
            const chosen = COMPARISONS.find((option) => option.value === event.target.value);
            if (chosen) setComparison(chosen.value);
          }}
        >
          {COMPARISONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {texts === null ? (
        <p className="text-missing">This entry has no text to compare here.</p>
      ) : parts === null ? (
        <p className="text-missing">
          These texts are too different to compare word by word quickly; see them side by side.
        </p>
      ) : (
        <p className="diff">
          {parts.map((part, i) =>
            part.kind === 'added' ? (
              <ins key={i}>{part.text}</ins>
            ) : part.kind === 'removed' ? (
              <del key={i}>{part.text}</del>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </p>
      )}
      <p className="field-hint">
        <del>Struck through</del>: taken out. <ins>Underlined</ins>: added.
      </p>
    </div>
  );
}

function stageWords(stage: StageRecord | null): string {
  return stage ? `${stage.model} at ${siteWords(stage.origin)}` : '—';
}

function tokensWords(entry: HistoryEntry): string {
  const parts: string[] = [];
  for (const [name, usage] of [
    ['draft', entry.usage.draft],
    ['refinement', entry.usage.refinement],
  ] as const) {
    if (usage) {
      parts.push(
        `${name}: ${usage.promptTokens.toLocaleString('en')} in, ${usage.completionTokens.toLocaleString('en')} out`,
      );
    }
  }
  return parts.length > 0 ? parts.join('; ') : '—';
}

function Facts({ entry }: { entry: HistoryEntry }) {
  const t = entry.timings;
  const rows: [string, string][] = [
    ['Started from', SOURCE_WORDS[entry.source]],
    ['Site', siteWords(entry.origin)],
    ...(entry.url ? ([['Page address', entry.url]] as [string, string][]) : []),
    ['Mode', MODE_LABELS[entry.mode]],
    ['Outcome', outcomeWords(entry)],
    ...(entry.error ? ([['Why', entry.error.message]] as [string, string][]) : []),
    ...(entry.fallback
      ? ([
          [
            'Draft stage',
            `Failed (${reasonWords(entry.fallback.code)}); the refinement answered alone`,
          ],
        ] as [string, string][])
      : []),
    ['What you did', actionWords(entry)],
    ['Draft model', stageWords(entry.providers.draft)],
    ['Refinement model', stageWords(entry.providers.refinement)],
    ['First draft words after', durationWords(t.draftFirstTokenMs)],
    ['Draft took', durationWords(t.draftMs)],
    ['First refinement words after', durationWords(t.refinementFirstTokenMs)],
    ['Refinement took', durationWords(t.refinementMs)],
    ['Total time', durationWords(t.totalMs)],
    ['Tokens', tokensWords(entry)],
    ['Cost', costWords(entry)],
    ['Quality score', entry.quality === null ? '—' : `${entry.quality}%`],
    [
      'Your rating',
      [
        entry.feedback.draft ? `thumbs ${entry.feedback.draft} for the draft` : null,
        entry.feedback.refinement ? `thumbs ${entry.feedback.refinement} for the refinement` : null,
      ]
        .filter(Boolean)
        .join(', ') || '—',
    ],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One entry: its texts side by side or as changes, what happened, and what to do with it. */
export function HistoryDetail({ entry }: { entry: HistoryEntry }) {
  const [view, setView] = useState<'side' | 'changes'>('side');
  const [optimizing, setOptimizing] = useState(false);
  const deleteOne = useHistoryPage((s) => s.deleteOne);
  const heading = useRef<HTMLHeadingElement>(null);
  // Mounted per chosen entry: keyboard and screen-reader users land on what they chose (and on a
  // narrow window, where the detail is below the list, it scrolls into view).
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="history-detail card" aria-labelledby="history-detail-heading">
      <h2 id="history-detail-heading" ref={heading} tabIndex={-1}>
        <time dateTime={new Date(entry.at).toISOString()}>{whenWords(entry.at)}</time>
        {' · '}
        {siteWords(entry.origin)}
      </h2>
      <p className="detail-summary">
        {outcomeWords(entry)} · {actionWords(entry)} · {costWords(entry)}
      </p>
      <div className="detail-actions">
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => {
            startOptimizeAgain(entry);
            setOptimizing(true);
          }}
          disabled={optimizing}
        >
          Optimize again
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void deleteOne(entry.id)}
        >
          Delete
        </button>
      </div>
      {optimizing && (
        <OptimizeAgain key={entry.id} entry={entry} onClose={() => setOptimizing(false)} />
      )}
      <fieldset className="view-switch">
        <legend className="visually-hidden">Show the texts</legend>
        <label>
          <input
            type="radio"
            name="history-view"
            checked={view === 'side'}
            onChange={() => setView('side')}
          />
          Side by side
        </label>
        <label>
          <input
            type="radio"
            name="history-view"
            checked={view === 'changes'}
            onChange={() => setView('changes')}
          />
          Changes, word by word
        </label>
      </fieldset>
      {view === 'side' ? (
        <div className="text-columns">
          <TextColumn title="Original" text={entry.original} missing="" />
          <TextColumn title="Draft" text={entry.draft} missing={missingWords(entry, 'draft')} />
          <TextColumn
            title="Refinement"
            text={entry.refinement}
            missing={missingWords(entry, 'refinement')}
          />
        </div>
      ) : (
        <Changes key={entry.id} entry={entry} />
      )}
      <h3 className="facts-heading">Details</h3>
      <Facts entry={entry} />
    </section>
  );
}
