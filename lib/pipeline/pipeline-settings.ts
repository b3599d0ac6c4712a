import { cacheEnabled, draftLengths, twoStageEnabled, type DraftLengths } from '../settings/preferences';
import { loadStageConfig, type StageConfig } from '../settings/stage-settings';

export interface PipelineSettings {
  draft: StageConfig;
  refinement: StageConfig;
  twoStage: boolean;
  lengths: DraftLengths;
  cacheEnabled: boolean;
}

/** Read fresh for every request: the worker may have been restarted, and settings may have changed. */
export async function loadPipelineSettings(): Promise<PipelineSettings> {
  const [draft, refinement, twoStage, lengths, cache] = await Promise.all([
    loadStageConfig('draft'),
    loadStageConfig('refinement'),
    twoStageEnabled.getValue(),
    draftLengths.getValue(),
    cacheEnabled.getValue(),
  ]);
  return { draft, refinement, twoStage, lengths, cacheEnabled: cache };
}
