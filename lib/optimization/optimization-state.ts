import type { ErrorInfo } from '../errors/error-codes';
import type { ResultMetadata, ServerEvent } from '../messaging/protocol';

/**
 * Where one optimization is, for any UI. Running: drafting, refining (a draft in hand),
 * single-stage (the draft failed; the refinement answers alone). Over: refined, offer (a
 * refinement that was not put in because the user changed the text), draft-only, kept (the user
 * declined the offer), failed, cancelled, restored (the original is back).
 */
export type Phase =
  | 'idle'
  | 'drafting'
  | 'refining'
  | 'single-stage'
  | 'refined'
  | 'offer'
  | 'draft-only'
  | 'kept'
  | 'failed'
  | 'cancelled'
  | 'restored';

export interface OptimizationState {
  phase: Phase;
  /** The draft as streamed so far. */
  draftStream: string;
  draft: string | null;
  /** The refinement as streamed so far. */
  refinedStream: string;
  refined: string | null;
  metadata: ResultMetadata | null;
  fromCache: boolean;
  /** Why the refinement provider answers alone (the draft stage failed). */
  notice: ErrorInfo | null;
  /** Why the request failed, or why its refinement did (the draft stays). */
  error: ErrorInfo | null;
  /** The draft is the result because no refinement is set up. */
  refinementOff: boolean;
}

/** What the user (or the UI on their behalf) does to an optimization. */
export type UserAction =
  | { type: 'start' }
  | { type: 'cancel' }
  /** The refinement arrived but was not put in: the user changed the text meanwhile. */
  | { type: 'hold-back' }
  | { type: 'apply' }
  | { type: 'dismiss' }
  | { type: 'restore' };

export type OptimizationAction = ServerEvent | UserAction;

export const IDLE: OptimizationState = {
  phase: 'idle',
  draftStream: '',
  draft: null,
  refinedStream: '',
  refined: null,
  metadata: null,
  fromCache: false,
  notice: null,
  error: null,
  refinementOff: false,
};

export function isRunning(phase: Phase): boolean {
  return phase === 'drafting' || phase === 'refining' || phase === 'single-stage';
}

function onEnd(
  state: OptimizationState,
  end: Extract<ServerEvent, { type: 'end' }>,
): OptimizationState {
  switch (end.outcome) {
    case 'refined':
    case 'single-stage':
      return {
        ...state,
        // An offer made before the end stays one.
        phase: state.phase === 'offer' ? 'offer' : 'refined',
        metadata: end.metadata,
        fromCache: end.fromCache,
      };
    case 'draft-only':
      return {
        ...state,
        phase: 'draft-only',
        metadata: end.metadata,
        fromCache: end.fromCache,
        error: end.error ?? null,
        refinementOff: !end.error,
      };
    case 'failed':
      return { ...state, phase: 'failed', error: end.error };
    case 'cancelled':
      return { ...state, phase: 'cancelled' };
  }
}

/** Pure: the state after one protocol event or user action. */
export function reduceOptimization(
  state: OptimizationState,
  action: OptimizationAction,
): OptimizationState {
  switch (action.type) {
    case 'start':
      return { ...IDLE, phase: 'drafting' };
    case 'cancel':
      return isRunning(state.phase) ? { ...state, phase: 'cancelled' } : state;
    case 'hold-back':
      return state.refined !== null ? { ...state, phase: 'offer' } : state;
    case 'apply':
      return state.refined !== null ? { ...state, phase: 'refined' } : state;
    case 'dismiss':
      return { ...state, phase: 'kept', refined: null };
    case 'restore':
      return { ...state, phase: 'restored', error: null };
  }
  // Whatever the background still says after the user ended the request is not theirs.
  if (!isRunning(state.phase) && state.phase !== 'refined' && state.phase !== 'offer') return state;
  switch (action.type) {
    case 'draft-delta':
      return { ...state, draftStream: state.draftStream + action.delta };
    case 'draft':
      return { ...state, draft: action.draft, draftStream: action.draft, phase: 'refining' };
    case 'fallback':
      return { ...state, phase: 'single-stage', notice: action.reason };
    case 'refined-delta':
      return { ...state, refinedStream: state.refinedStream + action.delta };
    case 'refined':
      return { ...state, refined: action.refined };
    case 'refinement-failed':
      return { ...state, error: action.reason };
    case 'end':
      return onEnd(state, action);
  }
}

/**
 * The best text the request has produced so far: the refinement, else the draft, else what is
 * streaming. Nothing once it failed: a half-streamed text is not a result.
 */
export function resultText(state: OptimizationState): string {
  if (state.phase === 'failed' || state.phase === 'idle') return '';
  if (state.refined !== null) return state.refined;
  if (state.draft !== null) return state.draft;
  return state.notice !== null || state.draftStream === ''
    ? state.refinedStream
    : state.draftStream;
}
