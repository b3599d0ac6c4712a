import { resetNotice } from '../../lib/settings/normalize-settings';
import { loadStoredSettings } from '../../lib/settings/settings-store';
import type { SettingsValues } from '../../lib/settings/validate-settings';
import { usePolicyStore } from './managed-policy-state';

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
  const { values, reset, policy } = await loadStoredSettings();
  // Every load (and reload on a change, a policy change included) refreshes what is locked.
  usePolicyStore.getState().setPolicy(policy);
  const notices = [resetNotice(reset), ...policy.notices].filter((text) => text !== null);
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
    notice: notices.length > 0 ? notices.join(' ') : null,
  };
}

export { watchSettings, writeSettings } from '../../lib/settings/settings-store';
