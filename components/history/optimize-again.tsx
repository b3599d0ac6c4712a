/**
 * "Optimize again" runs the popup's optimizer (components/popup/optimizer-store.ts) right here on
 * the entry's original and mode: the action popup cannot be opened reliably from a page, and
 * handing it the prompt through its address would put the text in the browser's URL. The run is
 * the popup's in every way (same words, Apply/Dismiss, recorded as a popup request), so it
 * appears at the top of this list when it ends.
 */
import { useEffect, useId } from 'react';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import type { OptimizeRequest } from '../../lib/messaging/protocol';
import { isRunning } from '../../lib/optimization/optimization-state';
import { optimizationWords } from '../../lib/optimization/optimization-words';
import { MODE_LABELS } from '../../lib/prompts/modes';
import { useOptimizerStore } from '../popup/optimizer-store';
import { RefinementProgressView } from '../popup/refinement-progress-view';
import { StatusBanner } from '../popup/status-banner';
import { CopyButton } from './copy-button';

/** The same request the popup sends for a prompt typed there. */
export function optimizeAgainRequest(entry: HistoryEntry): OptimizeRequest {
  return { prompt: entry.original, mode: entry.mode, context: { fieldHint: 'Prompt Relay popup' } };
}

export function startOptimizeAgain(entry: HistoryEntry): void {
  useOptimizerStore.getState().optimize(optimizeAgainRequest(entry));
}

export function OptimizeAgain({ entry, onClose }: { entry: HistoryEntry; onClose: () => void }) {
  const resultId = useId();
  const state = useOptimizerStore();
  const words = optimizationWords(state.run);

  // Leaving (another entry, Close) stops a run still going: nobody would see its result.
  useEffect(
    () => () => {
      if (isRunning(useOptimizerStore.getState().run.phase)) useOptimizerStore.getState().cancel();
    },
    [],
  );

  return (
    <section className="optimize-again" aria-label="Optimize again">
      <h3>Optimize again · {MODE_LABELS[entry.mode]}</h3>
      <StatusBanner words={words} onApply={state.applyRefined} onDismiss={state.dismissRefined} />
      <label htmlFor={resultId} className="field-label">
        Optimized prompt
      </label>
      <textarea
        id={resultId}
        rows={7}
        value={state.optimizedPrompt}
        onChange={(event) => state.editResult(event.target.value)}
      />
      <RefinementProgressView run={state.run} />
      <div className="detail-actions">
        {state.optimizedPrompt !== '' && (
          <CopyButton text={state.optimizedPrompt} label="Copy result" />
        )}
        {words.canCancel && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={state.cancel}
          >
            Cancel
          </button>
        )}
        {!isRunning(state.run.phase) && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => startOptimizeAgain(entry)}
          >
            Run again
          </button>
        )}
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
