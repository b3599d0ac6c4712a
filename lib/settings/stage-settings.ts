import { storage } from 'wxt/utils/storage';
import { PROVIDER_PRESETS, type ProviderPresetId } from '../providers/provider-presets';
import { keyBoundTo, readStageSecret } from '../secrets/secret-store';
import { isInsecureBaseUrl } from './base-url-rules';
import {
  DEFAULT_PRESET,
  DEFAULT_TIMEOUT_MS,
  normalizeSettings,
  type NormalizedSettings,
  type RawStageSettings,
  type StageName,
} from './normalize-settings';
import {
  cacheEnabled,
  defaultMode,
  draftLengths,
  noContextSites,
  sendPageContext,
  twoStageEnabled,
} from './preferences';

export { DEFAULT_TIMEOUT_MS, type StageName } from './normalize-settings';

/**
 * One sync storage item per setting; they sync with the user's browser profile. API keys are not
 * here: they live in the background's secret store (lib/secrets), bound to an origin.
 */
function defineStageItems(stage: StageName) {
  const preset = DEFAULT_PRESET[stage];
  return {
    preset: storage.defineItem<ProviderPresetId>(`sync:${stage}.preset`, {
      fallback: preset,
      version: 1,
    }),
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
  /** Only a key saved for this base URL's origin; '' when there is none. */
  apiKey: string;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

/** Values as stored, unchecked: an item never saved reads as its (valid) fallback. */
async function readRawStage(stage: StageName): Promise<RawStageSettings> {
  const items = stageSettings[stage];
  const [preset, baseUrl, model, timeoutMs] = await Promise.all([
    items.preset.getValue(),
    items.baseUrl.getValue(),
    items.model.getValue(),
    items.timeoutMs.getValue(),
  ]);
  return { preset, baseUrl, model, timeoutMs };
}

/** Every stored setting except keys, validated: a bad value reads as its default, reported. */
export async function loadStoredSettings(): Promise<NormalizedSettings> {
  const [draft, refinement, twoStage, mode, cache, lengths, sendContext, sites] = await Promise.all(
    [
      readRawStage('draft'),
      readRawStage('refinement'),
      twoStageEnabled.getValue(),
      defaultMode.getValue(),
      cacheEnabled.getValue(),
      draftLengths.getValue(),
      sendPageContext.getValue(),
      noContextSites.getValue(),
    ],
  );
  return normalizeSettings({
    draft,
    refinement,
    twoStageEnabled: twoStage,
    defaultMode: mode,
    cacheEnabled: cache,
    draftLengths: lengths,
    sendPageContext: sendContext,
    noContextSites: sites,
  });
}

export interface StageForUse {
  config: StageConfig;
  /** The stored base URL was plain http:// to another host: it was not used. */
  refusedBaseUrl: string | null;
}

/** The raw stored base URL when it is http:// to a host other than this computer. */
export async function insecureStoredBaseUrl(stage: StageName): Promise<string | null> {
  const raw: unknown = await stageSettings[stage].baseUrl.getValue();
  return typeof raw === 'string' && isInsecureBaseUrl(raw) ? raw : null;
}

/** A stage's settings for a request, with only a key bound to its base URL's origin. */
export async function loadStageConfig(stage: StageName): Promise<StageForUse> {
  const [{ values }, secret, refused] = await Promise.all([
    loadStoredSettings(),
    readStageSecret(stage),
    insecureStoredBaseUrl(stage),
  ]);
  const stored = values[stage];
  return {
    config: { ...stored, apiKey: keyBoundTo(secret, stored.baseUrl) },
    refusedBaseUrl: refused,
  };
}
