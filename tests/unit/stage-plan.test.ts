import { describe, expect, it } from 'vitest';
import { planStages, type PlanInput } from '../../lib/background/pipeline/stage-plan';

type Row = [string, PlanInput, ReturnType<typeof planStages>];

const both = { hasDraftKey: true, hasRefinementKey: true };
const draftOnly = { hasDraftKey: true, hasRefinementKey: false };
const refinementOnly = { hasDraftKey: false, hasRefinementKey: true };
const none = { hasDraftKey: false, hasRefinementKey: false };

const rows: Row[] = [
  [
    'both keys, two-stage on',
    { ...both, twoStageEnabled: true },
    { draft: true, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, two-stage off',
    { ...both, twoStageEnabled: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, off in settings, on for this request',
    { ...both, twoStageEnabled: false, twoStageOverride: true },
    { draft: true, refinement: true, draftKeyMissing: false },
  ],
  [
    'both keys, on in settings, off for this request',
    { ...both, twoStageEnabled: true, twoStageOverride: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  [
    'draft key only, two-stage on',
    { ...draftOnly, twoStageEnabled: true },
    { draft: true, refinement: false, draftKeyMissing: false },
  ],
  [
    'draft key only, two-stage off: the draft still answers',
    { ...draftOnly, twoStageEnabled: false },
    { draft: true, refinement: false, draftKeyMissing: false },
  ],
  [
    'refinement key only, two-stage on: a stand-in',
    { ...refinementOnly, twoStageEnabled: true },
    { draft: false, refinement: true, draftKeyMissing: true },
  ],
  [
    'refinement key only, two-stage off',
    { ...refinementOnly, twoStageEnabled: false },
    { draft: false, refinement: true, draftKeyMissing: false },
  ],
  ['no key, two-stage on', { ...none, twoStageEnabled: true }, null],
  ['no key, two-stage off', { ...none, twoStageEnabled: false }, null],
];

describe('planStages', () => {
  it.each(rows)('%s', (_name, input, plan) => {
    expect(planStages(input)).toEqual(plan);
  });
});
