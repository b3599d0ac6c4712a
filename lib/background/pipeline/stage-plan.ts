/** Which provider calls a request makes, decided before any is made. */
export interface StagePlan {
  draft: boolean;
  refinement: boolean;
  /**
   * Two stages were asked for, but the draft provider has no key: the refinement answers alone
   * as a stand-in, so the result is not cached as if it were what the user asked for.
   */
  draftKeyMissing: boolean;
}

export interface PlanInput {
  hasDraftKey: boolean;
  hasRefinementKey: boolean;
  /** The saved two-stage setting. */
  twoStageEnabled: boolean;
  /** The request's own choice, when it makes one; it wins over the setting. */
  twoStageOverride?: boolean | undefined;
}

/**
 * Pure. Null when no stage can run (no key at all). Two-stage off means the refinement provider
 * alone, unless it has no key; a missing key drops its stage.
 */
export function planStages(input: PlanInput): StagePlan | null {
  const { hasDraftKey, hasRefinementKey } = input;
  if (!hasDraftKey && !hasRefinementKey) return null;
  const twoStage = input.twoStageOverride ?? input.twoStageEnabled;
  const draft = hasDraftKey && (twoStage || !hasRefinementKey);
  return { draft, refinement: hasRefinementKey, draftKeyMissing: twoStage && !draft };
}
