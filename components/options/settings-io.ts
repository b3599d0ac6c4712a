import { isPresetId } from '../../lib/providers/provider-presets';
import { DEFAULT_DRAFT_LENGTH, isMode, MODES, type Mode } from '../../lib/prompts/modes';
import {
  cacheEnabled,
  defaultMode,
  draftLengths,
  twoStageEnabled,
  type DraftLengths,
} from '../../lib/settings/preferences';
import {
  loadStageConfig,
  stageSettings,
  type StageConfig,
  type StageName,
} from '../../lib/settings/stage-settings';
import { STAGES, type SettingsValues } from '../../lib/settings/validate-settings';

async function loadStage(stage: StageName): Promise<StageConfig> {
  const config = await loadStageConfig(stage);
  // Synced values can come from another version of the extension; keep the form selectable.
  return isPresetId(config.preset) ? config : { ...config, preset: 'custom' };
}

function isWholeRange(value: unknown): value is { min: number; max: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { min, max } = value as { min?: unknown; max?: unknown };
  return Number.isInteger(min) && Number.isInteger(max);
}

function completeLengths(stored: Partial<Record<Mode, unknown>> | null): DraftLengths {
  const lengths = { ...DEFAULT_DRAFT_LENGTH };
  for (const mode of MODES) {
    const range = stored?.[mode];
    if (isWholeRange(range)) lengths[mode] = { min: range.min, max: range.max };
  }
  return lengths;
}

export async function loadSettings(): Promise<SettingsValues> {
  const [draft, refinement, twoStage, mode, cache, lengths] = await Promise.all([
    loadStage('draft'),
    loadStage('refinement'),
    twoStageEnabled.getValue(),
    defaultMode.getValue(),
    cacheEnabled.getValue(),
    draftLengths.getValue(),
  ]);
  return {
    draft,
    refinement,
    twoStageEnabled: twoStage !== false,
    defaultMode: isMode(mode) ? mode : 'general',
    cacheEnabled: cache !== false,
    draftLengths: completeLengths(lengths),
  };
}

/** Writes every item, not only the changed ones, so storage always matches what the form showed. */
export async function writeSettings(values: SettingsValues): Promise<void> {
  await Promise.all([
    ...STAGES.flatMap((stage) => {
      const items = stageSettings[stage];
      const config = values[stage];
      return [
        items.preset.setValue(config.preset),
        items.apiKey.setValue(config.apiKey.trim()),
        items.baseUrl.setValue(config.baseUrl),
        items.model.setValue(config.model),
        items.timeoutMs.setValue(config.timeoutMs),
      ];
    }),
    twoStageEnabled.setValue(values.twoStageEnabled),
    defaultMode.setValue(values.defaultMode),
    cacheEnabled.setValue(values.cacheEnabled),
    draftLengths.setValue(values.draftLengths),
  ]);
}

/** Calls back on any change to any setting, from this page or elsewhere (sync, another tab). */
export function watchSettings(onChange: () => void): () => void {
  const unwatchers = [
    ...STAGES.flatMap((stage) => Object.values(stageSettings[stage])),
    twoStageEnabled,
    defaultMode,
    cacheEnabled,
    draftLengths,
  ].map((item) => item.watch(() => onChange()));
  return () => unwatchers.forEach((unwatch) => unwatch());
}
