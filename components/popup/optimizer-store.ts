import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { startOptimization, type OptimizationHandle } from '../../lib/messaging/optimize-client';
import type { OptimizeRequest } from '../../lib/messaging/protocol';
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
}

export interface OptimizerState extends OptimizerData {
  optimize(request: OptimizeRequest): void;
  editResult(text: string): void;
  applyRefined(): void;
  dismissRefined(): void;
  cancel(): void;
  restoreOriginal(): void;
}

/** The state before any request. */
export const IDLE_STATE: OptimizerData = {
  run: IDLE,
  originalPrompt: '',
  optimizedPrompt: '',
  userEdited: false,
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

export const useOptimizerStore = create<OptimizerState>()((set, get) => ({
  ...IDLE_STATE,

  optimize(request) {
    handle?.cancel();
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
  },

  editResult(text) {
    set({ optimizedPrompt: text, userEdited: true });
  },

  applyRefined() {
    if (get().run.phase !== 'offer') return;
    set((state) => popupAfter({ ...state, userEdited: false }, { type: 'apply' }));
  },

  dismissRefined() {
    set((state) => ({ run: reduceOptimization(state.run, { type: 'dismiss' }) }));
  },

  cancel() {
    handle?.cancel();
    handle = null;
    set((state) => ({ run: reduceOptimization(state.run, { type: 'cancel' }) }));
  },

  restoreOriginal() {
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
