import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { ErrorInfo } from '../../lib/errors/error-codes';
import { startOptimization, type OptimizationHandle } from '../../lib/messaging/optimize-client';
import type { OptimizeRequest, ResultMetadata, ServerEvent } from '../../lib/messaging/protocol';

/** Ephemeral UI state of one optimization in the popup (what the seed's usePromptOptimizer offered). */
export interface OptimizerState {
  isProcessing: boolean;
  isDraftReady: boolean;
  isRefining: boolean;
  /** The prompt as the user wrote it, for Restore original. */
  originalPrompt: string;
  draftPrompt: string;
  /** What the result box shows: the draft, then the refinement (or the user's edit of either). */
  optimizedPrompt: string;
  /** A refinement that arrived after the user edited the result: offered, never forced. */
  pendingRefined: string | null;
  userEdited: boolean;
  error: ErrorInfo | null;
  /** Why the result came from one stage only, when it did. */
  notice: ErrorInfo | null;
  usedFallback: boolean;
  refinementOff: boolean;
  metadata: ResultMetadata | null;
  isComplete: boolean;

  optimize(request: OptimizeRequest): void;
  editResult(text: string): void;
  applyRefined(): void;
  dismissRefined(): void;
  cancel(): void;
  restoreOriginal(): void;
}

export type OptimizerData = Omit<
  OptimizerState,
  'optimize' | 'editResult' | 'applyRefined' | 'dismissRefined' | 'cancel' | 'restoreOriginal'
>;

/** The state before any request, also the base of every new one. */
export const IDLE_STATE: OptimizerData = {
  isProcessing: false,
  isDraftReady: false,
  isRefining: false,
  originalPrompt: '',
  draftPrompt: '',
  optimizedPrompt: '',
  pendingRefined: null,
  userEdited: false,
  error: null,
  notice: null,
  usedFallback: false,
  refinementOff: false,
  metadata: null,
  isComplete: false,
};

/** Pure: the next state after one protocol event. Exported for unit tests. */
export function reduceEvent(state: OptimizerData, event: ServerEvent): Partial<OptimizerData> {
  switch (event.type) {
    case 'draft-delta':
      return {
        draftPrompt: state.draftPrompt + event.delta,
        ...(state.userEdited ? {} : { optimizedPrompt: state.draftPrompt + event.delta }),
      };
    case 'draft':
      return {
        draftPrompt: event.draft,
        isDraftReady: true,
        isRefining: true,
        ...(state.userEdited ? {} : { optimizedPrompt: event.draft }),
      };
    case 'fallback':
      return { notice: event.reason, usedFallback: true, isRefining: true };
    case 'refined-delta':
      // A streamed refinement replaces the result live only while nothing else is shown.
      return state.isDraftReady ? {} : { optimizedPrompt: state.optimizedPrompt + event.delta };
    case 'refined':
      return state.userEdited
        ? { pendingRefined: event.refined, metadata: event.metadata, isRefining: false }
        : { optimizedPrompt: event.refined, metadata: event.metadata, isRefining: false };
    case 'done':
      return {
        isProcessing: false,
        isRefining: false,
        isComplete: true,
        usedFallback: event.usedFallback,
        refinementOff: event.note === 'refinement-off',
        metadata: state.metadata ?? event.metadata,
      };
    case 'error':
      return {
        error: {
          code: event.code,
          message: event.message,
          stage: event.stage,
          retryable: event.retryable,
          ...(event.provider !== undefined ? { provider: event.provider } : {}),
          ...(event.retryAfterMs !== undefined ? { retryAfterMs: event.retryAfterMs } : {}),
        },
        isRefining: false,
        // Without a draft the request is over; with one, `done` follows.
        ...(state.isDraftReady ? {} : { isProcessing: false }),
      };
  }
}

let handle: OptimizationHandle | null = null;

export const useOptimizerStore = create<OptimizerState>()((set, get) => ({
  ...IDLE_STATE,

  optimize(request) {
    handle?.cancel();
    set({ ...IDLE_STATE, isProcessing: true, originalPrompt: request.prompt });
    const current = startOptimization(
      request,
      (event) => {
        if (handle !== current) return;
        set((state) => reduceEvent(state, event));
      },
      (info) => browser.runtime.connect(info),
    );
    handle = current;
  },

  editResult(text) {
    set({ optimizedPrompt: text, userEdited: true });
  },

  applyRefined() {
    const { pendingRefined } = get();
    if (pendingRefined !== null)
      set({ optimizedPrompt: pendingRefined, pendingRefined: null, userEdited: false });
  },

  dismissRefined() {
    set({ pendingRefined: null });
  },

  cancel() {
    handle?.cancel();
    handle = null;
    set({ isProcessing: false, isRefining: false });
  },

  restoreOriginal() {
    handle?.cancel();
    handle = null;
    const { originalPrompt } = get();
    set({ ...IDLE_STATE, originalPrompt, optimizedPrompt: originalPrompt });
  },
}));
