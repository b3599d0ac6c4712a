import type { Vote } from '../../lib/insights/history-entry';
import type { FeedbackStage, FeedbackView } from '../../lib/optimization/feedback-view';

const STAGE_WORDS: Record<FeedbackStage, { label: string; noun: string }> = {
  draft: { label: 'Draft', noun: 'draft' },
  refinement: { label: 'Refined', noun: 'refinement' },
};

/**
 * Optional thumbs on the draft and the refinement; the history keeps them in this browser and the
 * dashboard shows them per model. Pressing the same thumb again takes the vote back.
 */
export function ResultFeedback({
  feedback,
  onVote,
}: {
  feedback: FeedbackView;
  onVote: (stage: FeedbackStage, vote: Vote) => void;
}) {
  if (!feedback) return null;
  const stages = (['draft', 'refinement'] as const).filter((stage) => stage in feedback);
  return (
    <div className="feedback" role="group" aria-label="Rate the result">
      {stages.map((stage) => (
        <span key={stage} className="feedback-stage">
          <span>{STAGE_WORDS[stage].label}</span>
          {(['up', 'down'] as const).map((vote) => (
            <button
              key={vote}
              type="button"
              className="thumb"
              aria-label={`${vote === 'up' ? 'Good' : 'Poor'} ${STAGE_WORDS[stage].noun}`}
              aria-pressed={feedback[stage] === vote}
              onClick={() => onVote(stage, vote)}
            >
              {vote === 'up' ? '👍' : '👎'}
            </button>
          ))}
        </span>
      ))}
    </div>
  );
}
