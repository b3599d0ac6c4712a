import { needsSettings } from '../errors/error-words';
import type { OptimizationState } from './optimization-state';
import type { RefinementProgress } from './refinement-progress';

/** The status line and the actions it offers: the same words in the popup and in the page. */
export interface StatusWords {
  message: string;
  /** The opening words to stress, when the message starts with them ("Draft ready", "Refined"). */
  lead: string | null;
  tone: 'info' | 'success' | 'error';
  busy: boolean;
  settingsLink: boolean;
  canCancel: boolean;
  canRetry: boolean;
  /** An offered refinement waits for Apply or Dismiss. */
  canApply: boolean;
}

const STATUS_WORDS = {
  drafting: 'Drafting…',
  refining: 'Draft ready! Refining in background…',
  singleStage: 'Optimizing in one stage…',
  refinementOff: 'Draft ready! Refinement is off: add a Refinement API key in settings to refine.',
  draftOnly: 'Draft ready.',
  offer: 'Refined version ready —',
  kept: 'Kept your version.',
  failed: 'Prompt Relay could not optimize this prompt.',
  cancelledWithDraft: 'Cancelled — the draft is kept.',
  cancelled: 'Cancelled — your text is unchanged.',
} as const;

const QUIET: StatusWords = {
  message: '',
  lead: null,
  tone: 'info',
  busy: false,
  settingsLink: false,
  canCancel: false,
  canRetry: false,
  canApply: false,
};

function refinedWords(state: OptimizationState): string {
  const score = state.metadata?.quality.refined?.score;
  if (score === undefined) return 'Refined!';
  return `Refined! Quality score: ${score}%${state.fromCache ? ' (from cache)' : ''}`;
}

/** Pure: what the user reads about an optimization, and what they may do next. */
export function optimizationWords(state: OptimizationState): StatusWords {
  const running = { ...QUIET, busy: true, canCancel: true };
  const { error } = state;
  const failure = (fallback: string): StatusWords => ({
    ...QUIET,
    message: error?.message ?? fallback,
    tone: 'error',
    settingsLink: error ? needsSettings(error.code) : false,
    canRetry: error?.retryable ?? false,
  });
  switch (state.phase) {
    case 'idle':
      return QUIET;
    case 'restored':
      // The words come from the one who put the original back (it may not have been possible).
      return { ...QUIET, tone: 'success', canRetry: true };
    case 'drafting':
      return { ...running, message: STATUS_WORDS.drafting };
    case 'refining':
      return { ...running, message: STATUS_WORDS.refining, lead: 'Draft ready' };
    case 'single-stage': {
      const why = state.notice?.message ?? '';
      return { ...running, message: `${why} ${STATUS_WORDS.singleStage}`.trim() };
    }
    case 'refined':
      return { ...QUIET, message: refinedWords(state), lead: 'Refined', tone: 'success' };
    case 'offer':
      return { ...QUIET, message: STATUS_WORDS.offer, canApply: true };
    case 'draft-only':
      if (error) return failure(STATUS_WORDS.failed);
      return state.refinementOff
        ? { ...QUIET, message: STATUS_WORDS.refinementOff, lead: 'Draft ready', settingsLink: true }
        : { ...QUIET, message: STATUS_WORDS.draftOnly };
    case 'kept':
      return { ...QUIET, message: STATUS_WORDS.kept };
    case 'failed':
      return failure(STATUS_WORDS.failed);
    case 'cancelled':
      return {
        ...QUIET,
        message: state.draft !== null ? STATUS_WORDS.cancelledWithDraft : STATUS_WORDS.cancelled,
        canRetry: true,
      };
  }
}

/** What the user reads (and a screen reader says) about a refinement that is on its way. */
export function refinementProgressWords(progress: RefinementProgress): string {
  if (progress.stage === 'waiting') {
    return `Refining… waiting for ${progress.model ?? 'the refinement model'}`;
  }
  return `Refining… ${progress.words} ${progress.words === 1 ? 'word' : 'words'} so far`;
}

/** The label of the refinement's preview while it streams (it is not the result yet). */
export const REFINEMENT_PREVIEW_LABEL = 'Refinement so far';
