import type { OptimizationState } from './optimization-state';

/**
 * How far the refinement has come while it streams behind a draft, for any UI: the 2–10 s it
 * takes must not look like nothing is happening. Derived from the state alone, so the panel and
 * the popup cannot disagree about it.
 */
export interface RefinementProgress {
  /** `waiting`: asked for, no token yet; `arriving`: tokens are streaming in. */
  stage: 'waiting' | 'arriving';
  /** Words of the refinement received so far (a word still being streamed counts). */
  words: number;
  /** The refinement as streamed so far, for a preview; '' while waiting. */
  text: string;
  /** The refinement model's name when the state knows it; null otherwise (never guessed). */
  model: string | null;
}

/** Whitespace-separated words in `text`. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/**
 * Pure: the refinement's progress, or null when no refinement is streaming behind a draft —
 * before the draft, once the refinement is complete (it is the result then, not progress), once
 * it failed, and whenever the request is over.
 */
export function refinementProgress(state: OptimizationState): RefinementProgress | null {
  if (state.phase !== 'refining' || state.refined !== null || state.error !== null) return null;
  const words = countWords(state.refinedStream);
  return {
    stage: words === 0 ? 'waiting' : 'arriving',
    words,
    text: words === 0 ? '' : state.refinedStream,
    model: state.metadata?.models.refinement ?? null,
  };
}

/** The least time between two announcements of the count to a screen reader. */
export const ANNOUNCE_INTERVAL_MS = 2000;

export interface Announcement {
  text: string;
  stage: RefinementProgress['stage'];
  at: number;
}

/**
 * Pure: whether a live region should say `next` now, given what it last said. A screen reader
 * reading every token's count would talk over everything else; so the count is said when the
 * first token arrives and then at most every ANNOUNCE_INTERVAL_MS. The wait itself is not said:
 * the status line has just said "Refining in background…".
 */
export function shouldAnnounce(
  last: Announcement | null,
  next: { text: string; stage: RefinementProgress['stage'] },
  now: number,
): boolean {
  if (next.stage === 'waiting') return false;
  if (last === null || last.stage !== next.stage) return true;
  return next.text !== last.text && now - last.at >= ANNOUNCE_INTERVAL_MS;
}
