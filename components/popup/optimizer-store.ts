import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { startOptimization, type OptimizationHandle } from '../../lib/messaging/optimize-client';
import type { OptimizeRequest } from '../../lib/messaging/protocol';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';
import type { UserAction, Vote } from '../../lib/insights/history-entry';
import type { FeedbackStage } from '../../lib/optimization/feedback-view';
import {
  IDLE,
  reduceOptimization,
  resultText,
  type OptimizationAction,
  type OptimizationState,
} from '../../lib/optimization/optimization-state';

/** Ephemeral UI state of one optimization in the popup. */
export interface OptimizerData {
  /** The optimization itself, as both UIs see it. */
  run: OptimizationState;
  /** The prompt as the user wrote it, for Restore original. */
  originalPrompt: string;
  /** What the result box shows: the best result so far, or the user's edit of it. */
  optimizedPrompt: string;
  userEdited: boolean;
  /** The user's thumbs on this request's draft and refinement. */
  votes: Record<FeedbackStage, Vote | null>;
}

export interface OptimizerState extends OptimizerData {
  optimize(request: OptimizeRequest): void;
  editResult(text: string): void;
  applyRefined(): void;
  dismissRefined(): void;
  cancel(): void;
  restoreOriginal(): void;
  /** The result was copied / inserted into the page (the history records it). */
  noteCopied(): void;
  noteInserted(): void;
  vote(stage: FeedbackStage, vote: Vote): void;
  /** The popup is closing: what was done with the result is final. */
  finalize(): void;
}

/** The state before any request. */
export const IDLE_STATE: OptimizerData = {
  run: IDLE,
  originalPrompt: '',
  optimizedPrompt: '',
  userEdited: false,
  votes: { draft: null, refinement: null },
};

/**
 * Pure: the popup after one event or action. A refinement that arrives after the user edited
 * the result is offered, never forced. Exported for unit tests.
 */
export function popupAfter(data: OptimizerData, action: OptimizationAction): OptimizerData {
  let run = reduceOptimization(data.run, action);
  if (action.type === 'refined' && data.userEdited)
    run = reduceOptimization(run, { type: 'hold-back' });
  return {
    ...data,
    run,
    optimizedPrompt: data.userEdited ? data.optimizedPrompt : resultText(run),
  };
}

let handle: OptimizationHandle | null = null;

/** The request the history entry is about, and what was reported of it so far. */
let recorded: { id: string; action: UserAction; final: boolean } | null = null;

function send(message: Parameters<typeof sendRuntimeMessage>[1]): void {
  void sendRuntimeMessage((m) => browser.runtime.sendMessage(m), message);
}

function report(action: UserAction, final = false): void {
  if (!recorded || recorded.final) return;
  // The last thing done with the result stands (copied after an edit is "copied").
  recorded.action = action;
  recorded.final = final;
  send({ type: 'history-action', id: recorded.id, action, final });
}

function finalizeRecorded(): void {
  if (recorded && !recorded.final) report(recorded.action, true);
}

export const useOptimizerStore = create<OptimizerState>()((set, get) => ({
  ...IDLE_STATE,

  optimize(request) {
    handle?.cancel();
    finalizeRecorded();
    set({ ...popupAfter(IDLE_STATE, { type: 'start' }), originalPrompt: request.prompt });
    const current = startOptimization(
      request,
      (event) => {
        if (handle !== current) return;
        set((state) => popupAfter(state, event));
      },
      (info) => browser.runtime.connect(info),
      'popup',
    );
    handle = current;
    recorded = { id: current.requestId, action: 'pending', final: false };
  },

  editResult(text) {
    if (!get().userEdited) report('edited');
    set({ optimizedPrompt: text, userEdited: true });
  },

  applyRefined() {
    if (get().run.phase !== 'offer') return;
    report('applied');
    set((state) => popupAfter({ ...state, userEdited: false }, { type: 'apply' }));
  },

  dismissRefined() {
    report('dismissed');
    set((state) => ({ run: reduceOptimization(state.run, { type: 'dismiss' }) }));
  },

  noteCopied() {
    report('copied');
  },

  noteInserted() {
    report('inserted');
  },

  vote(stage, vote) {
    if (!recorded) return;
    const next = get().votes[stage] === vote ? null : vote;
    set((state) => ({ votes: { ...state.votes, [stage]: next } }));
    send({ type: 'history-feedback', id: recorded.id, stage, vote: next });
  },

  finalize() {
    finalizeRecorded();
  },

  cancel() {
    handle?.cancel();
    handle = null;
    set((state) => ({ run: reduceOptimization(state.run, { type: 'cancel' }) }));
  },

  restoreOriginal() {
    report('restored');
    handle?.cancel();
    handle = null;
    const { originalPrompt, run } = get();
    set({
      run: reduceOptimization(run, { type: 'restore' }),
      optimizedPrompt: originalPrompt,
      userEdited: false,
    });
  },
}));
