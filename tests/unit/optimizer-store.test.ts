import { describe, expect, it } from 'vitest';
import { IDLE_STATE, popupAfter, type OptimizerData } from '../../components/popup/optimizer-store';
import type { ResultMetadata } from '../../lib/messaging/protocol';
import type { OptimizationAction } from '../../lib/optimization/optimization-state';

const start: OptimizerData = {
  ...popupAfter(IDLE_STATE, { type: 'start' }),
  originalPrompt: 'p',
};

const metadata = {
  quality: { original: { score: 0, checklist: [] }, draft: null, refined: null },
} as unknown as ResultMetadata;

function play(
  actions: OptimizationAction[],
  edit?: { after: number; text: string },
): OptimizerData {
  let state = start;
  actions.forEach((action, i) => {
    state = popupAfter(state, action);
    if (edit && edit.after === i)
      state = { ...state, optimizedPrompt: edit.text, userEdited: true };
  });
  return state;
}

describe('popup optimizer state', () => {
  it('shows the draft as it streams, then replaces it with the refinement', () => {
    const seen: string[] = [];
    let state = start;
    for (const action of [
      { type: 'draft-delta', delta: 'Dr' },
      { type: 'draft-delta', delta: 'aft' },
      { type: 'draft', draft: 'Draft' },
      { type: 'refined-delta', delta: 'Ref' },
      { type: 'refined', refined: 'Refined' },
      { type: 'end', outcome: 'refined', fromCache: false, metadata },
    ] as const) {
      state = popupAfter(state, action);
      seen.push(state.optimizedPrompt);
    }
    expect(seen).toEqual(['Dr', 'Draft', 'Draft', 'Draft', 'Refined', 'Refined']);
    expect(state.run.phase).toBe('refined');
  });

  it('offers the refinement instead of overwriting an edit, and applies it on request', () => {
    const state = play(
      [
        { type: 'draft', draft: 'Draft' },
        { type: 'refined', refined: 'Refined' },
        { type: 'end', outcome: 'refined', fromCache: false, metadata },
      ],
      { after: 0, text: 'Draft, edited' },
    );
    expect(state.optimizedPrompt).toBe('Draft, edited');
    expect(state.run.phase).toBe('offer');
    expect(state.run.refined).toBe('Refined');
    const applied = popupAfter({ ...state, userEdited: false }, { type: 'apply' });
    expect(applied.optimizedPrompt).toBe('Refined');
  });

  it('streams a single-stage refinement into the result box, never after a half draft', () => {
    const state = play([
      { type: 'draft-delta', delta: 'Half a dr' },
      {
        type: 'fallback',
        reason: {
          code: 'provider-error',
          message: 'Groq had a problem',
          stage: 'draft',
          retryable: true,
        },
      },
      { type: 'refined-delta', delta: 'Ref' },
    ]);
    expect(state.optimizedPrompt).toBe('Ref');
    expect(state.run.phase).toBe('single-stage');
  });

  it('keeps the draft when the refinement fails', () => {
    const error = {
      code: 'provider-error',
      message: 'Refinement failed',
      stage: 'refinement',
      retryable: true,
    } as const;
    const state = play([
      { type: 'draft', draft: 'Draft' },
      { type: 'refinement-failed', reason: error },
      { type: 'end', outcome: 'draft-only', fromCache: false, metadata, error },
    ]);
    expect(state.optimizedPrompt).toBe('Draft');
    expect(state.run.error?.message).toBe('Refinement failed');
    expect(state.run.phase).toBe('draft-only');
  });
});
