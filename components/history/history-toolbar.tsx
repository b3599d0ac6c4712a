import { useMemo } from 'react';
import { USER_ACTIONS, type UserAction } from '../../lib/insights/history-entry';
import { ANY, isEmptyQuery, siteOptions } from '../../lib/insights/history-query';
import { actionWords } from '../../lib/insights/history-words';
import type { Outcome } from '../../lib/messaging/protocol';
import { isMode, MODE_LABELS, MODES } from '../../lib/prompts/modes';
import { useHistoryPage } from './history-page-store';

const OUTCOME_OPTIONS: { value: Outcome; label: string }[] = [
  { value: 'refined', label: 'Refined' },
  { value: 'single-stage', label: 'Single stage' },
  { value: 'draft-only', label: 'Draft only' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

function isOutcome(value: string): value is Outcome {
  return OUTCOME_OPTIONS.some((option) => option.value === value);
}

function isAction(value: string): value is UserAction {
  return (USER_ACTIONS as readonly string[]).includes(value);
}

/** The search box and the filters; every control has a visible label. */
export function HistoryToolbar() {
  const query = useHistoryPage((s) => s.query);
  const entries = useHistoryPage((s) => s.entries);
  const setQuery = useHistoryPage((s) => s.setQuery);
  const clearQuery = useHistoryPage((s) => s.clearQuery);
  const complete = useHistoryPage((s) => s.complete);
  // Listed once every entry is read, so no site is missing from the list.
  const sites = useMemo(() => (complete ? siteOptions(entries) : []), [entries, complete]);

  return (
    <div role="search" className="history-toolbar" aria-label="Search and filters">
      <div className="field history-search">
        <label htmlFor="history-search" className="field-label">
          Search
        </label>
        <input
          id="history-search"
          type="search"
          value={query.text}
          placeholder="Words of the original, draft or refinement"
          autoComplete="off"
          onChange={(event) => setQuery({ text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="history-filter-mode" className="field-label">
          Mode
        </label>
        <select
          id="history-filter-mode"
          value={query.mode}
          onChange={(event) => {
            const value = event.target.value;
            setQuery({ mode: isMode(value) ? value : ANY });
          }}
        >
          <option value={ANY}>All modes</option>
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-filter-site" className="field-label">
          Site
        </label>
        <select
          id="history-filter-site"
          value={query.site}
          onChange={(event) => setQuery({ site: event.target.value })}
        >
          <option value={ANY}>All sites</option>
          {sites.map((site) => (
            <option key={site.value} value={site.value}>
              {site.label} ({site.count.toLocaleString('en')})
            </option>
          ))}
          {/* A site filtered on and then emptied stays choosable, so the select never lies. */}
          {query.site !== ANY && !sites.some((site) => site.value === query.site) && (
            <option value={query.site}>{query.site} (0)</option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-filter-outcome" className="field-label">
          Outcome
        </label>
        <select
          id="history-filter-outcome"
          value={query.outcome}
          onChange={(event) => {
            const value = event.target.value;
            setQuery({ outcome: isOutcome(value) ? value : ANY });
          }}
        >
          <option value={ANY}>All outcomes</option>
          {OUTCOME_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-filter-action" className="field-label">
          What you did
        </label>
        <select
          id="history-filter-action"
          value={query.action}
          onChange={(event) => {
            const value = event.target.value;
            setQuery({ action: isAction(value) ? value : ANY });
          }}
        >
          <option value={ANY}>Anything</option>
          {USER_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action === 'pending'
                ? 'No action (yet)'
                : actionWords({ action, actionFinal: true })}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button-secondary history-clear"
        onClick={clearQuery}
        disabled={isEmptyQuery(query)}
      >
        Clear search and filters
      </button>
    </div>
  );
}
