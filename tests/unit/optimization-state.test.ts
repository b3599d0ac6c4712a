import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../lib/errors/error-codes';
import type { ResultMetadata } from '../../lib/messaging/protocol';
import {
  IDLE,
  reduceOptimization,
  resultText,
  type OptimizationAction,
  type Phase,
} from '../../lib/optimization/optimization-state';
import { optimizationWords, type StatusWords } from '../../lib/optimization/optimization-words';

const metadata = {
  quality: {
    original: { score: 10, checklist: [] },
    draft: null,
    refined: { score: 87, checklist: [] },
  },
} as unknown as ResultMetadata;

const draftFailed: ErrorInfo = {
  code: 'timeout',
  stage: 'draft',
  retryable: true,
  message: 'api.groq.com did not answer after 3 seconds; single-stage for the next 15 s.',
};
const refinementFailed: ErrorInfo = {
  code: 'provider-error',
  stage: 'refinement',
  retryable: true,
  message: 'Refinement failed — the draft is kept. api.openai.com had a problem (HTTP 500).',
};
const noKeys: ErrorInfo = {
  code: 'no-keys',
  stage: 'request',
  retryable: false,
  message: 'No API keys yet. Add a Draft or Refinement API key in Prompt Relay settings to start.',
};

const DRAFT: OptimizationAction[] = [
  { type: 'draft-delta', delta: 'Dra' },
  { type: 'draft-delta', delta: 'ft' },
  { type: 'draft', draft: 'Draft' },
];
const REFINED: OptimizationAction[] = [
  { type: 'refined-delta', delta: 'Refined' },
  { type: 'refined', refined: 'Refined' },
];

interface Row {
  name: string;
  actions: OptimizationAction[];
  phase: Phase;
  text: string;
  words: Partial<StatusWords>;
}

const rows: Row[] = [
  {
    name: 'nothing yet',
    actions: [],
    phase: 'drafting',
    text: '',
    words: { message: 'Drafting…', busy: true, canCancel: true },
  },
  {
    name: 'a draft streaming',
    actions: DRAFT.slice(0, 2),
    phase: 'drafting',
    text: 'Draft',
    words: { message: 'Drafting…', busy: true },
  },
  {
    name: 'the draft in hand',
    actions: DRAFT,
    phase: 'refining',
    text: 'Draft',
    words: { message: 'Draft ready! Refining in background…', lead: 'Draft ready', busy: true },
  },
  {
    name: 'two stages, to the end',
    actions: [
      ...DRAFT,
      ...REFINED,
      { type: 'end', outcome: 'refined', fromCache: false, metadata },
    ],
    phase: 'refined',
    text: 'Refined',
    words: { message: 'Refined! Quality score: 87%', tone: 'success', canCancel: false },
  },
  {
    name: 'from the cache',
    actions: [
      ...DRAFT,
      REFINED[1]!,
      { type: 'end', outcome: 'refined', fromCache: true, metadata },
    ],
    phase: 'refined',
    text: 'Refined',
    words: { message: 'Refined! Quality score: 87% (from cache)' },
  },
  {
    name: 'the draft failed: one stage',
    actions: [
      { type: 'draft-delta', delta: 'Dr' },
      { type: 'fallback', reason: draftFailed },
      REFINED[0]!,
    ],
    phase: 'single-stage',
    text: 'Refined',
    words: {
      message:
        'api.groq.com did not answer after 3 seconds; single-stage for the next 15 s. Optimizing in one stage…',
      busy: true,
    },
  },
  {
    name: 'one stage, to the end',
    actions: [...REFINED, { type: 'end', outcome: 'single-stage', fromCache: false, metadata }],
    phase: 'refined',
    text: 'Refined',
    words: { message: 'Refined! Quality score: 87%' },
  },
  {
    name: 'no refinement key',
    actions: [...DRAFT, { type: 'end', outcome: 'draft-only', fromCache: false, metadata }],
    phase: 'draft-only',
    text: 'Draft',
    words: {
      message: 'Draft ready! Refinement is off: add a Refinement API key in settings to refine.',
      settingsLink: true,
      tone: 'info',
    },
  },
  {
    name: 'the refinement failed',
    actions: [
      ...DRAFT,
      { type: 'refinement-failed', reason: refinementFailed },
      { type: 'end', outcome: 'draft-only', fromCache: false, metadata, error: refinementFailed },
    ],
    phase: 'draft-only',
    text: 'Draft',
    words: {
      message: 'Refinement failed — the draft is kept. api.openai.com had a problem (HTTP 500).',
      tone: 'error',
      canRetry: true,
      settingsLink: false,
    },
  },
  {
    name: 'failed with no result',
    actions: [
      { type: 'draft-delta', delta: 'Dr' },
      { type: 'end', outcome: 'failed', fromCache: false, error: noKeys },
    ],
    phase: 'failed',
    text: '',
    words: {
      message:
        'No API keys yet. Add a Draft or Refinement API key in Prompt Relay settings to start.',
      tone: 'error',
      settingsLink: true,
      canRetry: false,
    },
  },
  {
    name: 'cancelled while drafting',
    actions: [
      { type: 'draft-delta', delta: 'Dr' },
      { type: 'cancel' },
      { type: 'draft', draft: 'late' },
    ],
    phase: 'cancelled',
    text: 'Dr',
    words: { message: 'Cancelled — your text is unchanged.', canRetry: true, canCancel: false },
  },
  {
    name: 'cancelled while refining',
    actions: [...DRAFT, { type: 'cancel' }],
    phase: 'cancelled',
    text: 'Draft',
    words: { message: 'Cancelled — the draft is kept.' },
  },
  {
    name: 'the refinement held back, then the end',
    actions: [
      ...DRAFT,
      ...REFINED,
      { type: 'hold-back' },
      { type: 'end', outcome: 'refined', fromCache: false, metadata },
    ],
    phase: 'offer',
    text: 'Refined',
    words: { message: 'Refined version ready —', canApply: true },
  },
  {
    name: 'the offer declined',
    actions: [
      ...DRAFT,
      ...REFINED,
      { type: 'end', outcome: 'refined', fromCache: false, metadata },
      { type: 'hold-back' },
      { type: 'dismiss' },
    ],
    phase: 'kept',
    text: 'Draft',
    words: { message: 'Kept your version.', canApply: false },
  },
  {
    name: 'the offer applied',
    actions: [...DRAFT, ...REFINED, { type: 'hold-back' }, { type: 'apply' }],
    phase: 'refined',
    text: 'Refined',
    words: { tone: 'success' },
  },
  {
    name: 'the original restored',
    actions: [...DRAFT, { type: 'restore' }],
    phase: 'restored',
    text: 'Draft',
    words: { message: '', tone: 'success', canRetry: true },
  },
];

describe('one optimization state, one set of words', () => {
  it.each(rows)('$name', ({ actions, phase, text, words }) => {
    const state = [{ type: 'start' } as const, ...actions].reduce(reduceOptimization, IDLE);
    expect(state.phase).toBe(phase);
    expect(resultText(state)).toBe(text);
    expect(optimizationWords(state)).toMatchObject(words);
  });

  it('a new start forgets the last result', () => {
    const done = [{ type: 'start' } as const, ...DRAFT].reduce(reduceOptimization, IDLE);
    expect(reduceOptimization(done, { type: 'start' })).toEqual({ ...IDLE, phase: 'drafting' });
  });
});
