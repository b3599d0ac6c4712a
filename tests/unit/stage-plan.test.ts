import { describe, expect, it } from 'vitest';
import { planStages, type PlanInput } from '../../lib/pipeline/stage-plan';

type Row = [string, PlanInput, ReturnType<typeof planStages>];

const both = { hasDraftKey: true, hasRefinementKey: true };
const draftOnly = { hasDraftKey: true, hasRefinementKey: false };
const refinementOnly = { hasDraftKey: false, hasRefinementKey: true };
const none = { hasDraftKey: false, hasRefinementKey: false };

const rows: Row[] = [
  [
    'both keys, two-stage on',
    { ...both, twoStage: true },
    { draft: true, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, two-stage off',
    { ...both, twoStage: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, off in settings, on for this request',
    { ...both, twoStage: false, twoStageOverride: true },
    { draft: true, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, on in settings, off for this request',
    { ...both, twoStage: true, twoStageOverride: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  [
    'draft key only, two-stage on',
    { ...draftOnly, twoStage: true },
    { draft: true, refinement: false, draftKeyMissing: false },
  ],
  [
    'draft key only, two-stage off: the draft still answers',
    { ...draftOnly, twoStage: false },
    { draft: true, refinement: false, draftKeyMissing: false },
  ],
  [
    'refinement key only, two-stage on: a stand-in',
    { ...refinementOnly, twoStage: true },
    { draft: false, refinement: true, draftKeyMissing: true },
  ],
  [
    'refinement key only, two-stage off',
    { ...refinementOnly, twoStage: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  ['no key, two-stage on', { ...none, twoStage: true }, null],
  ['no key, two-stage off', { ...none, twoStage: false }, null],
];

describe('planStages', () => {
  it.each(rows)('%s', (_name, input, plan) => {
    expect(planStages(input)).toEqual(plan);
  });
});
