import type { ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import { MODES, MODE_LABELS, isMode, type Mode } from '../../lib/prompts/modes';
import { isRunning } from '../../lib/optimization/optimization-state';
import { costWords, optimizationWords } from '../../lib/optimization/optimization-words';
import { defaultMode } from '../../lib/settings/settings-items';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';
import { browser } from 'wxt/browser';
import { CostLine } from './cost-line';
import { openSettings } from './open-settings';
import { useOptimizerStore } from './optimizer-store';
import { QualityDetails } from './quality-details';
import { RefinementProgressView } from './refinement-progress-view';
import { ResultActions } from './result-actions';
import { ResultFeedback } from './result-feedback';
import { feedbackView } from '../../lib/optimization/feedback-view';
import { StatusBanner } from './status-banner';

interface Props {
  initialPrompt: string;
  /** Extra actions for the result (the in-page insertion adds "Insert into page"). */
  resultExtra?: (text: string) => ReactNode;
}

/** Remount with a `key` to take a new initial prompt (the page selection arrives late). */
export function PopupApp({ initialPrompt, resultExtra }: Props) {
  const ids = { prompt: useId(), mode: useId(), result: useId() };
  const [prompt, setPrompt] = useState(initialPrompt);
  const [mode, setMode] = useState<Mode>('general');
  const state = useOptimizerStore();

  useEffect(() => {
    void defaultMode.getValue().then(setMode);
    // The popup is open: an optimization is likely, so the providers' connections open now.
    void sendRuntimeMessage((m) => browser.runtime.sendMessage(m), {
      type: 'warm-connection',
      reason: 'popup',
    });
  }, []);

  const optimize = () => {
    if (!prompt.trim()) return;
    state.optimize({ prompt, mode, context: { fieldHint: 'Prompt Relay popup' } });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && isRunning(useOptimizerStore.getState().run.phase)) {
        event.preventDefault();
        useOptimizerStore.getState().cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const words = optimizationWords(state.run);
  const hasResult = state.optimizedPrompt !== '' || words.canCancel;
  return (
    <main className="popup">
      <header>
        <h1>Prompt Relay</h1>
        <button type="button" className="link" onClick={openSettings}>
          Settings
        </button>
      </header>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          optimize();
        }}
      >
        <label htmlFor={ids.prompt}>Prompt</label>
        <textarea
          id={ids.prompt}
          value={prompt}
          rows={5}
          autoFocus
          placeholder="Type or paste the prompt to optimize"
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              optimize();
            }
          }}
        />
        <div className="row">
          <label htmlFor={ids.mode}>Mode</label>
          <select
            id={ids.mode}
            value={mode}
            onChange={(e) => isMode(e.target.value) && setMode(e.target.value)}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="primary"
            disabled={!prompt.trim()}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            Optimize
          </button>
        </div>
      </form>

      <StatusBanner words={words} onApply={state.applyRefined} onDismiss={state.dismissRefined} />
      <CostLine words={costWords(state.run)} />

      {hasResult && (
        <section className="result">
          <label htmlFor={ids.result}>Optimized prompt</label>
          <textarea
            id={ids.result}
            value={state.optimizedPrompt}
            rows={9}
            onChange={(event) => state.editResult(event.target.value)}
          />
          <RefinementProgressView run={state.run} />
          <ResultActions
            text={state.optimizedPrompt}
            canCancel={words.canCancel}
            canRestore={
              state.originalPrompt !== '' && state.optimizedPrompt !== state.originalPrompt
            }
            onCancel={state.cancel}
            onRestore={state.restoreOriginal}
            onCopied={state.noteCopied}
            extra={resultExtra?.(state.optimizedPrompt)}
          />
          <ResultFeedback
            feedback={feedbackView(state.run, isRunning(state.run.phase), state.votes)}
            onVote={state.vote}
          />
          {state.run.metadata?.quality.refined && (
            <QualityDetails quality={state.run.metadata.quality} />
          )}
        </section>
      )}
      <footer className="popup-footer">
        {/* New tabs: the popup closes as soon as it loses focus. */}
        <a href="/prompt-history.html" target="_blank" rel="noopener">
          History
        </a>
        <a href="/dashboard.html" target="_blank" rel="noopener">
          Dashboard
        </a>
      </footer>
    </main>
  );
}
