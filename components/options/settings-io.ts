import { resetNotice } from '../../lib/settings/normalize-settings';
import {
  cacheEnabled,
  defaultMode,
  draftLengths,
  twoStageEnabled,
} from '../../lib/settings/preferences';
import { loadStoredSettings, stageSettings } from '../../lib/settings/stage-settings';
import { STAGES, type SettingsValues } from '../../lib/settings/validate-settings';

export interface LoadedSettings {
  values: SettingsValues;
  /** What was reset to its default, in words; null when every stored value was valid. */
  notice: string | null;
}

/**
 * The saved settings through the same normalizer the background uses: a bad stored value shows
 * as its default with a notice, so the form always renders. Keys are never read here.
 */
export async function loadSettings(): Promise<LoadedSettings> {
  const { values, reset } = await loadStoredSettings();
  return {
    values: {
      draft: { ...values.draft, apiKey: '' },
      refinement: { ...values.refinement, apiKey: '' },
      twoStageEnabled: values.twoStageEnabled,
      defaultMode: values.defaultMode,
      cacheEnabled: values.cacheEnabled,
      draftLengths: values.draftLengths,
    },
    notice: resetNotice(reset),
  };
}

/**
 * Writes every setting except keys (those go to the background, see key-requests.ts), not only
 * the changed ones, so storage always matches what the form showed.
 */
export async function writeSettings(values: SettingsValues): Promise<void> {
  await Promise.all([
    ...STAGES.flatMap((stage) => {
      const items = stageSettings[stage];
      const config = values[stage];
      return [
        items.preset.setValue(config.preset),
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
