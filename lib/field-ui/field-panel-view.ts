import type { FieldTarget } from '../field-adapters/field-adapter';
import {
  costWords,
  optimizationWords,
  refinementProgressWords,
} from '../optimization/optimization-words';
import { refinementProgress } from '../optimization/refinement-progress';
import type { OptimizationState } from '../optimization/optimization-state';
import type { OverlayState } from './overlay-view';
import type { Mode } from '../prompts/modes';
import type { HeldBack } from './write-policy';
import type { Vote } from '../insights/history-entry';
import { feedbackView } from '../optimization/feedback-view';

/** Why a result was not written into the field, in the user's terms. */
export const HELD_BACK_WORDS: Record<HeldBack, string> = {
  edited: 'You changed the text, so the refined version was not written. Apply it?',
  moved: 'You moved to another field, so the refined version was not written. Apply it?',
  gone: 'The page removed this field. Your text is safe here: copy the original or the result.',
};

/** What the panel of a field session shows, from the shared optimization state and the field's. */
export interface FieldViewInput {
  state: OptimizationState;
  /** The field's kind, or null when there is no field (a selection on the page). */
  kind: FieldTarget['kind'] | null;
  /** The page removed the field. */
  gone: boolean;
  running: boolean;
  heldBack: HeldBack | null;
  streamedIntoField: boolean;
  /** Text of ours is in the field (also from an earlier run, or one the user typed into). */
  holdsOutput: boolean;
  original: string;
  earlierOriginal: string | null;
  mode: Mode;
  /** Words about this field (a clipboard fallback, a put-back), which say more than the status. */
  fieldMessage: string;
  busyNotice: string | null;
  /** The user's thumbs on this request's draft and refinement. */
  votes?: Record<'draft' | 'refinement', Vote | null>;
}

/** The refinement streaming behind the draft, as the panel shows it; null when none is. */
function refinementView(state: OptimizationState): OverlayState['refinement'] {
  const progress = refinementProgress(state);
  if (progress === null) return null;
  return { message: refinementProgressWords(progress), stage: progress.stage, text: progress.text };
}

/** Pure: the panel's state. Results live in the panel when the field may not hold them. */
export function fieldPanelView({
  state,
  kind,
  gone,
  running,
  heldBack,
  streamedIntoField,
  holdsOutput,
  original,
  earlierOriginal,
  mode,
  fieldMessage,
  busyNotice,
  votes,
}: FieldViewInput): OverlayState {
  const words = optimizationWords(state);
  const { phase, metadata } = state;
  // Results live in the panel when there is no field to hold them, or it may not be written.
  const inPanel = kind === null || kind === 'mirror' || heldBack !== null || gone;
  const base: OverlayState = {
    message: words.message,
    tone: words.tone,
    busy: words.busy,
    preview: null,
    offer: null,
    settingsLink: words.settingsLink,
    canCancel: words.canCancel,
    canRestore:
      // Nothing is ever written into a code editor's hidden textarea: nothing to restore there.
      kind !== null &&
      kind !== 'mirror' &&
      !gone &&
      phase !== 'restored' &&
      (holdsOutput ||
        streamedIntoField ||
        state.draft !== null ||
        phase === 'refined' ||
        phase === 'offer'),
    canRestoreEarlier: earlierOriginal !== null && kind !== 'mirror' && !gone,
    canRetry: words.canRetry,
    copyText: state.refined ?? state.draft,
    originalCopy: gone ? original : null,
    mode,
    checklist: null,
    refinement: null,
    feedback: feedbackView(state, running, votes),
    cost: costWords(state),
  };
  const busyWords = (words: string) => (busyNotice ? busyNotice : words);
  // Words about this field (a clipboard fallback, a put-back) say more than the status.
  const fieldWords = (words: string) => fieldMessage || words;

  if (gone && !running && phase !== 'failed') {
    return {
      ...base,
      message: fieldWords(HELD_BACK_WORDS.gone),
      tone: 'info',
      settingsLink: false,
      canRetry: false,
      preview: state.refined ?? state.draft,
    };
  }
  switch (phase) {
    case 'drafting':
      return {
        ...base,
        message: busyWords(words.message),
        preview: kind === 'value' && !gone ? null : state.draftStream || null,
      };
    case 'single-stage':
      return {
        ...base,
        message: busyWords(words.message),
        preview: state.refinedStream || null,
      };
    case 'refining':
      return {
        ...base,
        message: busyWords(
          heldBack === 'moved'
            ? 'You moved to another field, so the draft is shown here. Refining in background…'
            : fieldMessage
              ? `${fieldMessage} Refining in background…`
              : words.message,
        ),
        preview: inPanel ? state.draft : null,
        refinement: refinementView(state),
      };
    case 'refined':
      return {
        ...base,
        message: fieldWords(words.message),
        preview: inPanel ? state.refined : null,
        checklist: metadata?.quality.refined ?? null,
      };
    case 'offer':
      return {
        ...base,
        message: HELD_BACK_WORDS[heldBack ?? 'edited'],
        offer: { draft: state.draft ?? original, refined: state.refined ?? '' },
      };
    case 'draft-only':
      return {
        ...base,
        message: state.error ? words.message : fieldWords(words.message),
        preview: inPanel ? state.draft : null,
      };
    case 'kept':
      return { ...base, preview: inPanel ? state.draft : null };
    case 'failed':
      return { ...base, copyText: null };
    case 'cancelled':
      return { ...base, copyText: state.draft };
    case 'restored':
      return { ...base, message: fieldMessage, copyText: null };
    case 'idle':
      return base;
  }
}
