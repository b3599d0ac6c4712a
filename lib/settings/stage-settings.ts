import { storage } from 'wxt/utils/storage';
import { PROVIDER_PRESETS, type ProviderPresetId } from '../providers/provider-presets';

export type StageName = 'draft' | 'refinement';

export const DEFAULT_TIMEOUT_MS: Record<StageName, number> = { draft: 5000, refinement: 60000 };
const DEFAULT_PRESET: Record<StageName, ProviderPresetId> = { draft: 'groq', refinement: 'openai' };

/**
 * One storage item per setting. The API key is a secret: `local:` only, never `sync:`, and only
 * the background reads it. The rest syncs with the user's browser profile.
 */
function defineStageItems(stage: StageName) {
  const preset = DEFAULT_PRESET[stage];
  return {
    preset: storage.defineItem<ProviderPresetId>(`sync:${stage}.preset`, {
      fallback: preset,
      version: 1,
    }),
    apiKey: storage.defineItem<string>(`local:${stage}.apiKey`, { fallback: '', version: 1 }),
    baseUrl: storage.defineItem<string>(`sync:${stage}.baseUrl`, {
      fallback: PROVIDER_PRESETS[preset].baseUrl,
      version: 1,
    }),
    model: storage.defineItem<string>(`sync:${stage}.model`, {
      fallback: PROVIDER_PRESETS[preset].model,
      version: 1,
    }),
    timeoutMs: storage.defineItem<number>(`sync:${stage}.timeoutMs`, {
      fallback: DEFAULT_TIMEOUT_MS[stage],
      version: 1,
    }),
  };
}

export const draftSettings = defineStageItems('draft');
export const refinementSettings = defineStageItems('refinement');
export const stageSettings: Record<StageName, ReturnType<typeof defineStageItems>> = {
  draft: draftSettings,
  refinement: refinementSettings,
};

export interface StageConfig {
  preset: ProviderPresetId;
  apiKey: string;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

export async function loadStageConfig(stage: StageName): Promise<StageConfig> {
  const items = stageSettings[stage];
  const [preset, apiKey, baseUrl, model, timeoutMs] = await Promise.all([
    items.preset.getValue(),
    items.apiKey.getValue(),
    items.baseUrl.getValue(),
    items.model.getValue(),
    items.timeoutMs.getValue(),
  ]);
  return { preset, apiKey: apiKey.trim(), baseUrl, model, timeoutMs };
}
