import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../lib/errors/error-codes';
import { fieldPanelView, type FieldViewInput } from '../../lib/field-ui/field-panel-view';
import {
  IDLE,
  reduceOptimization,
  type OptimizationAction,
  type OptimizationState,
} from '../../lib/optimization/optimization-state';
import { refinementProgressWords } from '../../lib/optimization/optimization-words';
import {
  ANNOUNCE_INTERVAL_MS,
  countWords,
  refinementProgress,
  shouldAnnounce,
  type Announcement,
  type RefinementProgress,
} from '../../lib/optimization/refinement-progress';

const refinementFailed: ErrorInfo = {
  code: 'provider-error',
  stage: 'refinement',
  retryable: true,
  message: 'Refinement failed — the draft is kept. api.openai.com had a problem (HTTP 500).',
};

const DRAFTED: OptimizationAction[] = [
  { type: 'start' },
  { type: 'draft-delta', delta: 'Write a haiku.' },
  { type: 'draft', draft: 'Write a haiku.' },
];

function after(actions: OptimizationAction[]): OptimizationState {
  return actions.reduce(reduceOptimization, IDLE);
}

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['You', 1],
    ['You are ', 2],
    ['  You are\na poet.\t', 4],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('refinementProgress', () => {
  const rows: {
    name: string;
    actions: OptimizationAction[];
    progress: RefinementProgress | null;
  }[] = [
    { name: 'nothing asked yet', actions: [], progress: null },
    { name: 'still drafting', actions: DRAFTED.slice(0, 2), progress: null },
    {
      name: 'draft in hand, no refinement token yet',
      actions: DRAFTED,
      progress: { stage: 'waiting', words: 0, text: '', model: null },
    },
    {
      name: 'a whitespace-only first token is still waiting',
      actions: [...DRAFTED, { type: 'refined-delta', delta: ' ' }],
      progress: { stage: 'waiting', words: 0, text: '', model: null },
    },
    {
      name: 'tokens arriving',
      actions: [
        ...DRAFTED,
        { type: 'refined-delta', delta: 'You are ' },
        { type: 'refined-delta', delta: 'a poet' },
      ],
      progress: { stage: 'arriving', words: 4, text: 'You are a poet', model: null },
    },
    {
      name: 'complete: the refinement is the result, not progress',
      actions: [
        ...DRAFTED,
        { type: 'refined-delta', delta: 'You are a poet.' },
        { type: 'refined', refined: 'You are a poet.' },
      ],
      progress: null,
    },
    {
      name: 'the refinement failed',
      actions: [
        ...DRAFTED,
        { type: 'refined-delta', delta: 'You are' },
        { type: 'refinement-failed', reason: refinementFailed },
      ],
      progress: null,
    },
    {
      name: 'cancelled while refining',
      actions: [...DRAFTED, { type: 'refined-delta', delta: 'You are' }, { type: 'cancel' }],
      progress: null,
    },
    {
      name: 'single stage: the stream is the result itself, not a refinement behind a draft',
      actions: [
        { type: 'start' },
        { type: 'fallback', reason: { ...refinementFailed, stage: 'draft' } },
        { type: 'refined-delta', delta: 'You are' },
      ],
      progress: null,
    },
  ];
  it.each(rows)('$name', ({ actions, progress }) => {
    expect(refinementProgress(after(actions))).toEqual(progress);
  });

  it('names the refinement model only when the state holds it', () => {
    const state = after(DRAFTED);
    const withModel = {
      ...state,
      metadata: { models: { draft: null, refinement: 'gpt-4o-mini' } },
    } as OptimizationState;
    expect(refinementProgress(withModel)?.model).toBe('gpt-4o-mini');
  });
});

describe('refinementProgressWords', () => {
  it.each<[RefinementProgress, string]>([
    [
      { stage: 'waiting', words: 0, text: '', model: null },
      'Refining… waiting for the refinement model',
    ],
    [
      { stage: 'waiting', words: 0, text: '', model: 'gpt-4o-mini' },
      'Refining… waiting for gpt-4o-mini',
    ],
    [{ stage: 'arriving', words: 1, text: 'You', model: null }, 'Refining… 1 word so far'],
    [{ stage: 'arriving', words: 34, text: '…', model: null }, 'Refining… 34 words so far'],
  ])('%j → %s', (progress, words) => {
    expect(refinementProgressWords(progress)).toBe(words);
  });
});

describe('shouldAnnounce', () => {
  const said = (text: string, at: number): Announcement => ({ text, stage: 'arriving', at });
  const arriving = (text: string) => ({ text, stage: 'arriving' as const });
  it.each<
    [string, Announcement | null, { text: string; stage: 'waiting' | 'arriving' }, number, boolean]
  >([
    [
      'the wait is not said (the status line just said it)',
      null,
      { text: 'w', stage: 'waiting' },
      0,
      false,
    ],
    ['the first count is said at once', null, arriving('3 words'), 0, true],
    [
      'not again within the interval',
      said('3 words', 0),
      arriving('9 words'),
      ANNOUNCE_INTERVAL_MS - 1,
      false,
    ],
    [
      'again once the interval passed',
      said('3 words', 0),
      arriving('40 words'),
      ANNOUNCE_INTERVAL_MS,
      true,
    ],
    [
      'not the same words twice',
      said('3 words', 0),
      arriving('3 words'),
      ANNOUNCE_INTERVAL_MS * 3,
      false,
    ],
  ])('%s', (_name, last, next, now, expected) => {
    expect(shouldAnnounce(last, next, now)).toBe(expected);
  });
});

describe('the panel shows the same progress', () => {
  const input = (state: OptimizationState): FieldViewInput => ({
    state,
    kind: 'value',
    gone: false,
    running: true,
    heldBack: null,
    streamedIntoField: true,
    holdsOutput: true,
    original: 'haiku',
    earlierOriginal: null,
    mode: 'general',
    fieldMessage: '',
    busyNotice: null,
  });
  it.each<[string, OptimizationAction[], ReturnType<typeof fieldPanelView>['refinement']]>([
    ['drafting: none', DRAFTED.slice(0, 2), null],
    [
      'waiting',
      DRAFTED,
      { message: 'Refining… waiting for the refinement model', stage: 'waiting', text: '' },
    ],
    [
      'arriving',
      [...DRAFTED, { type: 'refined-delta', delta: 'You are a ' }],
      { message: 'Refining… 3 words so far', stage: 'arriving', text: 'You are a ' },
    ],
    ['complete: none', [...DRAFTED, { type: 'refined', refined: 'You are a poet.' }], null],
  ])('%s', (_name, actions, refinement) => {
    const view = fieldPanelView(input(after(actions)));
    expect(view.refinement).toEqual(refinement);
  });

  it('keeps the status line and leaves the field to the draft while refining', () => {
    const view = fieldPanelView(
      input(after([...DRAFTED, { type: 'refined-delta', delta: 'You are' }])),
    );
    expect(view.message).toBe('Draft ready! Refining in background…');
    expect(view.preview).toBeNull();
  });
});
