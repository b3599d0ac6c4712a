/**
 * Which results of a request can be rated (thumbs up/down), for the panel and the popup alike:
 * once the request has ended, each stage that produced a result, with the user's vote so far.
 */
import type { Vote } from '../insights/history-entry';
import type { OptimizationState } from './optimization-state';

export type FeedbackStage = 'draft' | 'refinement';

/** A stage's key is present when it has a result to rate; null when there is nothing to rate. */
export type FeedbackView = Partial<Record<FeedbackStage, Vote | null>> | null;

export function feedbackView(
  state: OptimizationState,
  running: boolean,
  votes: Record<FeedbackStage, Vote | null> | undefined,
): FeedbackView {
  if (running || !votes || state.phase === 'failed') return null;
  const feedback: NonNullable<FeedbackView> = {};
  if (state.draft !== null) feedback.draft = votes.draft;
  if (state.refined !== null) feedback.refinement = votes.refinement;
  return Object.keys(feedback).length > 0 ? feedback : null;
}
