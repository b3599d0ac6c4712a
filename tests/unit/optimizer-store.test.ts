import { describe, expect, it } from 'vitest';
import {
  IDLE_STATE,
  reduceEvent,
  type OptimizerData,
} from '../../components/popup/optimizer-store';
import type { ResultMetadata, ServerEvent } from '../../lib/messaging/protocol';

type Data = OptimizerData;
const start: Data = { ...IDLE_STATE, isProcessing: true, originalPrompt: 'p' };

const metadata = {
  quality: { original: { score: 0, checklist: [] }, draft: null, refined: null },
} as unknown as ResultMetadata;

function play(
  events: ServerEvent[],
  from: Data = start,
  edit?: { after: number; text: string },
): Data {
  let state = from;
  events.forEach((event, i) => {
    state = { ...state, ...reduceEvent(state, event) };
    if (edit && edit.after === i)
      state = { ...state, optimizedPrompt: edit.text, userEdited: true };
  });
  return state;
}

describe('popup optimizer state', () => {
  it('shows the draft as it streams, then replaces it with the refinement', () => {
    const state = play([
      { type: 'draft-delta', delta: 'Dr' },
      { type: 'draft-delta', delta: 'aft' },
      { type: 'draft', draft: 'Draft', status: 'draft_ready', timestamp: 1 },
      { type: 'refined-delta', delta: 'Ref' },
      { type: 'refined', refined: 'Refined', status: 'complete', metadata, timestamp: 2 },
      { type: 'done', status: 'finished', usedFallback: false, metadata },
    ]);
    expect(state.optimizedPrompt).toBe('Refined');
    expect(state.isComplete).toBe(true);
  });

  it('offers the refinement instead of overwriting an edit', () => {
    const state = play(
      [
        { type: 'draft', draft: 'Draft', status: 'draft_ready', timestamp: 1 },
        { type: 'refined', refined: 'Refined', status: 'complete', metadata, timestamp: 2 },
      ],
      start,
      { after: 0, text: 'Draft, edited' },
    );
    expect(state.optimizedPrompt).toBe('Draft, edited');
    expect(state.pendingRefined).toBe('Refined');
  });

  it('streams a single-stage refinement into the result box', () => {
    const state = play([
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
    expect(state.usedFallback).toBe(true);
  });

  it('keeps the draft when the refinement fails', () => {
    const state = play([
      { type: 'draft', draft: 'Draft', status: 'draft_ready', timestamp: 1 },
      {
        type: 'error',
        code: 'provider-error',
        message: 'Refinement failed',
        stage: 'refinement',
        retryable: true,
      },
    ]);
    expect(state.optimizedPrompt).toBe('Draft');
    expect(state.error?.message).toBe('Refinement failed');
    expect(state.isProcessing).toBe(true);
  });
});
