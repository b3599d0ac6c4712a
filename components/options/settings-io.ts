import { storage } from 'wxt/utils/storage';
import { resetNotice } from '../../lib/settings/normalize-settings';
import {
  DRAFT_LENGTHS_VERSION,
  cacheEnabled,
  defaultMode,
  draftLengths,
  noContextSites,
  sendPageContext,
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
      sendPageContext: values.sendPageContext,
      noContextSites: values.noContextSites,
    },
    notice: resetNotice(reset),
  };
}

/**
 * Writes every setting except keys (those go to the background, see key-requests.ts), not only
 * the changed ones, so storage always matches what the form showed. One storage.sync write for
 * all items (plus one for the lengths' version): sync allows 120 writes a minute, and one write
 * per item let a few quick saves hit that quota.
 */
export async function writeSettings(values: SettingsValues): Promise<void> {
  await storage.setItems([
    ...STAGES.flatMap((stage) => {
      const items = stageSettings[stage];
      const config = values[stage];
      return [
        { item: items.preset, value: config.preset },
        { item: items.baseUrl, value: config.baseUrl },
        { item: items.model, value: config.model },
        { item: items.timeoutMs, value: config.timeoutMs },
      ];
    }),
    { item: twoStageEnabled, value: values.twoStageEnabled },
    { item: defaultMode, value: values.defaultMode },
    { item: cacheEnabled, value: values.cacheEnabled },
    { item: draftLengths, value: values.draftLengths },
    { item: sendPageContext, value: values.sendPageContext },
    { item: noContextSites, value: values.noContextSites },
  ]);
  // setItems skips the version mark setValue writes on a fresh profile; without it the next start
  // would run the v1 → v2 migration on v2 data and lose the lengths.
  await storage.setMeta(draftLengths.key, { v: DRAFT_LENGTHS_VERSION });
}

/** Calls back on any change to any setting, from this page or elsewhere (sync, another tab). */
export function watchSettings(onChange: () => void): () => void {
  const unwatchers = [
    ...STAGES.flatMap((stage) => Object.values(stageSettings[stage])),
    twoStageEnabled,
    defaultMode,
    cacheEnabled,
    draftLengths,
    sendPageContext,
    noContextSites,
  ].map((item) => item.watch(() => onChange()));
  return () => unwatchers.forEach((unwatch) => unwatch());
}
