import { resetNotice } from '../../lib/settings/normalize-settings';
import { loadStoredSettings } from '../../lib/settings/settings-store';
import type { SettingsValues } from '../../lib/settings/validate-settings';

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
      sendPageContext: values.sendPageContext,
      warmConnection: values.warmConnection,
      noContextSites: values.noContextSites,
      priceOverrides: values.priceOverrides,
    },
    notice: resetNotice(reset),
  };
}

export { watchSettings, writeSettings } from '../../lib/settings/settings-store';
