import { storage } from 'wxt/utils/storage';
import type { PriceOverride } from '../insights/prices';
import { PROVIDER_PRESETS, presetModel, type ProviderPresetId } from './provider-presets';
import {
  DEFAULT_PRESET,
  DEFAULT_TIMEOUT_MS,
  type GatewayModel,
  type StageName,
} from './normalize-settings';
/**
 * Every setting's storage item, defined once and imported by every context that reads or writes
 * it (the background, the options page, the popup). Reading goes through settings-store.ts, which
 * validates what storage holds; nothing else calls getValue on these for a decision.
 */
import { DEFAULT_DRAFT_LENGTH, MODES, type Mode, type WordRange } from '../prompts/modes';
import { DEFAULT_HISTORY_SETTINGS, type HistorySettings } from '../insights/history-policy';

export const twoStageEnabled = storage.defineItem<boolean>('sync:twoStageEnabled', {
  fallback: true,
  version: 1,
});

export const defaultMode = storage.defineItem<Mode>('sync:defaultMode', {
  fallback: 'general',
  version: 1,
});

export const cacheEnabled = storage.defineItem<boolean>('sync:cacheEnabled', {
  fallback: true,
  version: 1,
});

/** Version 1 (the seed's format) kept one target word count per mode; version 2 keeps a range. */
export type DraftLengthsV1 = Partial<Record<Mode, number>>;
export type DraftLengths = Record<Mode, WordRange>;

export function migrateDraftLengthsV1(old: DraftLengthsV1 | null | undefined): DraftLengths {
  const next = { ...DEFAULT_DRAFT_LENGTH };
  for (const mode of MODES) {
    const target = old?.[mode];
    if (typeof target === 'number' && Number.isFinite(target) && target > 0) {
      // A single target becomes a ±20 % band around it.
      next[mode] = { min: Math.round(target * 0.8), max: Math.round(target * 1.2) };
    }
  }
  return next;
}

export const DRAFT_LENGTHS_VERSION = 2;

export const draftLengths = storage.defineItem<DraftLengths>('sync:draftLengths', {
  fallback: DEFAULT_DRAFT_LENGTH,
  version: DRAFT_LENGTHS_VERSION,
  migrations: { 2: migrateDraftLengthsV1 },
});

/** Whether in-page requests carry the page title, address and field label (the background decides). */
export const sendPageContext = storage.defineItem<boolean>('sync:sendPageContext', {
  fallback: true,
  version: 1,
});

/** Hosts whose pages never send that context; each covers its subdomains (see site-hosts.ts). */
export const noContextSites = storage.defineItem<string[]>('sync:noContextSites', {
  fallback: [],
  version: 1,
});

/**
 * Open the connection to the draft provider before it is needed (popup opened, the shortcut's
 * modifiers held, focus in a field on a site used before): no prompt and no key is sent.
 */
export const warmConnection = storage.defineItem<boolean>('sync:warmConnection', {
  fallback: true,
  version: 1,
});

/**
 * The user's own prices, per endpoint origin and model, in US dollars per million tokens: for
 * endpoints the built-in list does not price (a gateway, a local server) or prices differently
 * for them. Checked by normalizePriceOverrides (lib/insights/prices.ts).
 */
export const priceOverrides = storage.defineItem<PriceOverride[]>('sync:priceOverrides', {
  fallback: [],
  version: 1,
});

/** The settings that are not per stage, by their one name (read, written and watched together). */
export const preferenceItems = {
  twoStageEnabled,
  defaultMode,
  cacheEnabled,
  draftLengths,
  sendPageContext,
  noContextSites,
  warmConnection,
  priceOverrides,
} as const;
export type PreferenceName = keyof typeof preferenceItems;
export const PREFERENCE_NAMES = Object.keys(preferenceItems) as PreferenceName[];

/**
 * One sync storage item per setting; they sync with the user's browser profile. API keys are not
 * here: they live in the background's secret store (lib/background/secrets), bound to an origin.
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
      fallback: presetModel(preset, stage),
      version: 1,
    }),
    timeoutMs: storage.defineItem<number>(`sync:${stage}.timeoutMs`, {
      fallback: DEFAULT_TIMEOUT_MS[stage],
      version: 1,
    }),
    /** The model picked under a policy that set this stage's base URL (normalize-settings.ts). */
    gatewayModel: storage.defineItem<GatewayModel | null>(`sync:${stage}.gatewayModel`, {
      fallback: null,
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

/**
 * Origins on the user's network (`http://192.168.1.20:11434`) the user confirmed may receive
 * prompts, and a key if one is set, over plain http://. Kept in this browser only (`local`, which
 * content scripts cannot read in Chrome): a confirmation is about the network this device is on,
 * and must not follow the synced base URL to another device on another network. Checked by
 * normalizeConfirmedOrigins (base-url-rules.ts).
 */
export const confirmedHttpOrigins = storage.defineItem<string[]>('local:confirmedHttpOrigins', {
  fallback: [],
  version: 1,
});

/** The History's settings (lib/insights/history-policy.ts normalizes what storage holds). */
export const historySettings = storage.defineItem<HistorySettings>('sync:historySettings', {
  fallback: { ...DEFAULT_HISTORY_SETTINGS },
  version: 1,
});
