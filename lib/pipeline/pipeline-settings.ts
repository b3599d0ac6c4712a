import { browser } from 'wxt/browser';
import {
  cacheEnabled,
  draftLengths,
  twoStageEnabled,
  type DraftLengths,
} from '../settings/preferences';
import { loadStageConfig, type StageConfig } from '../settings/stage-settings';

export interface PipelineSettings {
  draft: StageConfig;
  refinement: StageConfig;
  twoStage: boolean;
  lengths: DraftLengths;
  cacheEnabled: boolean;
}

async function readSettings(): Promise<PipelineSettings> {
  const [draft, refinement, twoStage, lengths, cache] = await Promise.all([
    loadStageConfig('draft'),
    loadStageConfig('refinement'),
    twoStageEnabled.getValue(),
    draftLengths.getValue(),
    cacheEnabled.getValue(),
  ]);
  return { draft, refinement, twoStage, lengths, cacheEnabled: cache };
}

let cached: Promise<PipelineSettings> | null = null;
let watching = false;

/**
 * The settings for a request. Read from storage on the first request of a worker's life (it may
 * have been stopped since the last one) and kept until any setting changes: thirteen storage
 * reads are several milliseconds on the path to the first draft token.
 */
export function loadPipelineSettings(): Promise<PipelineSettings> {
  if (!watching) {
    watching = true;
    browser.storage.onChanged.addListener((changes, area) => {
      // Settings live in sync (keys in local); the worker's own bookkeeping (breaker state in
      // session, the result cache in local) changes after every request and must not count.
      if (area === 'session' || Object.keys(changes).every((key) => key.startsWith('resultCache')))
        return;
      cached = null;
    });
  }
  cached ??= readSettings().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** For tests: forget the kept settings and the change listener, as a worker restart would. */
export function forgetPipelineSettings(): void {
  cached = null;
  watching = false;
}
