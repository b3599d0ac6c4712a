import type { ErrorCode } from '../errors/error-codes';
import { needsSettings } from '../errors/error-words';
import { formatEstimate, formatMonth } from '../insights/cost-format';
import type { RequestCost } from '../insights/prices';
import { hostOfOrigin } from '../settings/base-url-rules';
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

/** What a finished request cost, beside its result: the same words in the popup and the page. */
export interface CostWords {
  /** `≈ $0.0004`, `Cached · $0` or `Cost —`. */
  text: string;
  /** Why the cost is unknown, said beside `Cost —`; null when it is known. */
  reason: string | null;
  /** One sentence for screen readers and the tooltip: where the figure comes from, or what to do. */
  detail: string;
  /** No price is known for an endpoint: the user can add one in the settings. */
  needsPrice: boolean;
}

/** Failures that stop a request before any provider is asked: they cost nothing to mention. */
const NOTHING_SENT: ReadonlySet<ErrorCode> = new Set([
  'no-keys',
  'tab-budget',
  'empty-prompt',
  'too-long',
  'insecure-url',
]);

const UNKNOWN = 'Cost —';
const NO_USAGE = 'no usage reported';

function pricedDetail(cost: Extract<RequestCost, { kind: 'priced' }>): string {
  if (cost.basis === 'on-device') {
    return 'Chrome’s on-device model answered: nothing was sent to a provider, so it cost nothing.';
  }
  const list = `the providers’ list prices${cost.asOf ? ` (${formatMonth(cost.asOf)})` : ''}`;
  const from =
    cost.basis === 'yours'
      ? 'your prices in the settings'
      : cost.basis === 'both'
        ? `${list} and your prices in the settings`
        : list;
  return `Estimated cost of this request, from the tokens the provider reported and ${from}.`;
}

function knownCostWords(cost: RequestCost): CostWords {
  switch (cost.kind) {
    case 'priced':
      return {
        text: formatEstimate(cost.usd),
        reason: null,
        detail: pricedDetail(cost),
        needsPrice: false,
      };
    case 'cached':
      return {
        text: 'Cached · $0',
        reason: null,
        detail: 'Served from the cache: nothing was sent to a provider, so it cost nothing.',
        needsPrice: false,
      };
    case 'no-usage':
      return {
        text: UNKNOWN,
        reason: NO_USAGE,
        detail: 'The provider did not report how many tokens it used, so the cost is unknown.',
        needsPrice: false,
      };
    case 'no-price': {
      const what = cost.unpriced
        .map(({ model, origin }) => `${model} at ${hostOfOrigin(origin)}`)
        .join(' or ');
      return {
        text: UNKNOWN,
        reason: 'price unknown',
        detail: `Price unknown for ${what}. Add it under Prices in the settings to see the cost.`,
        needsPrice: true,
      };
    }
  }
}

/**
 * Pure: the cost line of a request that is over; null while it runs, and after a failure that
 * sent nothing. Never a made-up number: no usage or no price reads `Cost —` with the reason.
 */
export function costWords(state: OptimizationState): CostWords | null {
  switch (state.phase) {
    case 'idle':
    case 'drafting':
    case 'refining':
    case 'single-stage':
      return null;
    case 'offer':
      // Offered as soon as the refinement arrives; its `end` (with the cost) follows.
      if (state.metadata === null) return null;
      break;
    case 'failed':
      if (state.error && NOTHING_SENT.has(state.error.code)) return null;
  }
  if (state.fromCache) return knownCostWords({ kind: 'cached' });
  if (state.metadata) return knownCostWords(state.metadata.cost);
  const detail =
    state.phase === 'cancelled'
      ? 'The request was cancelled before the provider reported its token usage, so the cost is unknown.'
      : state.phase === 'failed'
        ? 'The request failed before the provider reported its token usage, so the cost is unknown.'
        : 'No token usage was reported, so the cost is unknown.';
  return { text: UNKNOWN, reason: NO_USAGE, detail, needsPrice: false };
}
