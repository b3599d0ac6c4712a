import {
  isOnDeviceFor,
  isPresetId,
  presetModel,
  presetServes,
  PROVIDER_PRESETS,
  type ProviderPresetId,
} from './provider-presets';
import { DEFAULT_DRAFT_LENGTH, isMode, MODES, type Mode, type WordRange } from '../prompts/modes';
import { checkBaseUrl, normalizeConfirmedOrigins } from './base-url-rules';
import { parseSiteList } from './site-hosts';
import { normalizePriceOverrides, type PriceOverride } from '../insights/prices';

/**
 * One normalizer for every stored setting, used by the background (before a request) and the
 * options page (before the form renders): storage can hold anything (another version, sync from
 * another device, a hand edit), and one bad value must neither fail runs nor hide the form.
 */

export type StageName = 'draft' | 'refinement';

export const DEFAULT_TIMEOUT_MS: Record<StageName, number> = { draft: 5000, refinement: 60000 };
export const DEFAULT_PRESET: Record<StageName, ProviderPresetId> = {
  draft: 'groq',
  refinement: 'openai',
};

export const TIMEOUT_MIN_MS = 500;
export const TIMEOUT_MAX_MS = 300000;
export const LENGTH_MIN_WORDS = 10;
export const LENGTH_MAX_WORDS = 400;
export const MODEL_MAX_CHARS = 200;

/** A stage's settings without its key (keys live in the background's secret store). */
export interface StageValues {
  preset: ProviderPresetId;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

/**
 * The model the user picked for a stage while an organization's policy set its base URL and left
 * the model to them: kept apart from their own model, which belongs to their own base URL, and
 * used again only under a policy that sets this same base URL.
 */
export interface GatewayModel {
  baseUrl: string;
  model: string;
}

export interface StoredSettings {
  draft: StageValues;
  refinement: StageValues;
  twoStageEnabled: boolean;
  defaultMode: Mode;
  cacheEnabled: boolean;
  draftLengths: Record<Mode, WordRange>;
  sendPageContext: boolean;
  /** Normalized hosts: lower case, no duplicates (see site-hosts.ts). */
  noContextSites: string[];
  /** Open the draft provider's connection when an optimization is likely (no prompt, no key). */
  warmConnection: boolean;
  /** The user's prices per endpoint and model (lib/insights/prices.ts). */
  priceOverrides: PriceOverride[];
  /** Per stage, the model picked for a base URL a policy set (see GatewayModel). */
  gatewayModels?: Partial<Record<StageName, GatewayModel>>;
}

/** What storage returned, untyped: `undefined` means never saved (the default, not a problem). */
export interface RawStageSettings {
  preset?: unknown;
  baseUrl?: unknown;
  model?: unknown;
  timeoutMs?: unknown;
  gatewayModel?: unknown;
}

export interface RawSettings {
  draft?: RawStageSettings;
  refinement?: RawStageSettings;
  twoStageEnabled?: unknown;
  defaultMode?: unknown;
  cacheEnabled?: unknown;
  draftLengths?: unknown;
  sendPageContext?: unknown;
  noContextSites?: unknown;
  warmConnection?: unknown;
  priceOverrides?: unknown;
  /** Network origins the user confirmed for plain http:// (settings-items.ts). */
  confirmedHttpOrigins?: unknown;
}

export interface ResetSetting {
  /** Words for the notice: "Draft timeout". */
  label: string;
  /**
   * `insecure-url`: an http:// base URL to a host other than this computer (a public host, or
   * one on the user's network whose origin was not confirmed). `dropped-entries`:
   * a list kept its valid entries and lost those in `dropped`. `dropped-prices`: the user's
   * prices kept their valid entries and lost `droppedCount` others.
   */
  reason: 'invalid' | 'insecure-url' | 'dropped-entries' | 'dropped-prices';
  stage?: StageName;
  dropped?: string[];
  droppedCount?: number;
}

export interface NormalizedSettings {
  values: StoredSettings;
  reset: ResetSetting[];
}

const STAGE_LABEL: Record<StageName, string> = { draft: 'Draft', refinement: 'Refinement' };

export function defaultStageValues(stage: StageName): StageValues {
  const preset = PROVIDER_PRESETS[DEFAULT_PRESET[stage]];
  return {
    preset: preset.id,
    baseUrl: preset.baseUrl,
    model: presetModel(preset.id, stage),
    timeoutMs: DEFAULT_TIMEOUT_MS[stage],
  };
}

export function isWholeIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function isWordRange(value: unknown): value is WordRange {
  if (typeof value !== 'object' || value === null) return false;
  const { min, max } = value as { min?: unknown; max?: unknown };
  return (
    isWholeIn(min, LENGTH_MIN_WORDS, LENGTH_MAX_WORDS) &&
    isWholeIn(max, LENGTH_MIN_WORDS, LENGTH_MAX_WORDS) &&
    max >= min
  );
}

function normalizeStage(
  stage: StageName,
  raw: RawStageSettings | undefined,
  reset: ResetSetting[],
  confirmedOrigins: readonly string[],
): StageValues {
  const label = STAGE_LABEL[stage];
  const report = (what: string, reason: ResetSetting['reason'] = 'invalid') =>
    reset.push({ label: `${label} ${what}`, reason, stage });

  let preset = DEFAULT_PRESET[stage];
  if (raw?.preset !== undefined) {
    if (isPresetId(raw.preset) && presetServes(raw.preset, stage)) preset = raw.preset;
    else report('provider');
  }
  const defaults = PROVIDER_PRESETS[preset];
  // The on-device model has no endpoint: '' is its base URL and a stored one is not used.
  if (raw && isOnDeviceFor(stage, preset)) raw = { ...raw, baseUrl: undefined };

  let baseUrl = defaults.baseUrl;
  if (raw?.baseUrl !== undefined) {
    const checked = checkBaseUrl(raw.baseUrl, confirmedOrigins);
    if (checked.ok) baseUrl = checked.url;
    else report('base URL', checked.problem === 'invalid' ? 'invalid' : 'insecure-url');
  }

  let model = presetModel(preset, stage);
  if (raw?.model !== undefined) {
    const text = typeof raw.model === 'string' ? raw.model.trim() : '';
    if (text !== '' && text.length <= MODEL_MAX_CHARS) model = text;
    else report('model');
  }

  let timeoutMs = DEFAULT_TIMEOUT_MS[stage];
  if (raw?.timeoutMs !== undefined) {
    if (isWholeIn(raw.timeoutMs, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS)) timeoutMs = raw.timeoutMs;
    else report('timeout');
  }
  return { preset, baseUrl, model, timeoutMs };
}

function normalizeBoolean(
  value: unknown,
  fallback: boolean,
  label: string,
  reset: ResetSetting[],
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  reset.push({ label, reason: 'invalid' });
  return fallback;
}

function normalizeLengths(value: unknown, reset: ResetSetting[]): Record<Mode, WordRange> {
  const lengths = { ...DEFAULT_DRAFT_LENGTH };
  if (value === undefined) return lengths;
  let bad = typeof value !== 'object' || value === null;
  for (const mode of MODES) {
    const range = bad ? undefined : (value as Partial<Record<Mode, unknown>>)[mode];
    if (range === undefined) continue;
    if (isWordRange(range)) lengths[mode] = { min: range.min, max: range.max };
    else bad = true;
  }
  if (bad) reset.push({ label: 'Draft lengths', reason: 'invalid' });
  return lengths;
}

export const NO_CONTEXT_SITES_LABEL = 'Sites that never get page context';

function normalizeSites(value: unknown, reset: ResetSetting[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reset.push({ label: NO_CONTEXT_SITES_LABEL, reason: 'invalid' });
    return [];
  }
  const { hosts, invalid } = parseSiteList(value);
  if (invalid.length > 0) {
    reset.push({ label: NO_CONTEXT_SITES_LABEL, reason: 'dropped-entries', dropped: invalid });
  }
  return hosts;
}

export const PRICES_LABEL = 'Prices';

function normalizePrices(value: unknown, reset: ResetSetting[]): PriceOverride[] {
  const { overrides, dropped, invalid } = normalizePriceOverrides(value);
  if (invalid) reset.push({ label: PRICES_LABEL, reason: 'invalid' });
  else if (dropped > 0) {
    reset.push({ label: PRICES_LABEL, reason: 'dropped-prices', droppedCount: dropped });
  }
  return overrides;
}

/**
 * A remembered gateway model, or undefined. One that is not valid is dropped without a notice:
 * it is not a setting the user sees, and the policy's form shows the model in force anyway.
 */
function normalizeGatewayModel(value: unknown): GatewayModel | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { baseUrl, model } = value as { baseUrl?: unknown; model?: unknown };
  if (typeof baseUrl !== 'string' || typeof model !== 'string') return undefined;
  const text = model.trim();
  if (text === '' || text.length > MODEL_MAX_CHARS) return undefined;
  return { baseUrl, model: text };
}

export function normalizeSettings(raw: RawSettings): NormalizedSettings {
  const reset: ResetSetting[] = [];
  const confirmed = normalizeConfirmedOrigins(raw.confirmedHttpOrigins);
  const draft = normalizeStage('draft', raw.draft, reset, confirmed);
  const refinement = normalizeStage('refinement', raw.refinement, reset, confirmed);
  const twoStageEnabled = normalizeBoolean(
    raw.twoStageEnabled,
    true,
    'Two-stage optimization',
    reset,
  );
  let defaultMode: Mode = 'general';
  if (raw.defaultMode !== undefined) {
    if (isMode(raw.defaultMode)) defaultMode = raw.defaultMode;
    else reset.push({ label: 'Default mode', reason: 'invalid' });
  }
  const cacheEnabled = normalizeBoolean(raw.cacheEnabled, true, 'Cache results', reset);
  const draftLengths = normalizeLengths(raw.draftLengths, reset);
  const sendPageContext = normalizeBoolean(raw.sendPageContext, true, 'Send page context', reset);
  const noContextSites = normalizeSites(raw.noContextSites, reset);
  const warmConnection = normalizeBoolean(
    raw.warmConnection,
    true,
    'Warm up the connection',
    reset,
  );
  const priceOverrides = normalizePrices(raw.priceOverrides, reset);
  const gatewayModels: Partial<Record<StageName, GatewayModel>> = {};
  for (const [stage, stageRaw] of [
    ['draft', raw.draft],
    ['refinement', raw.refinement],
  ] as const) {
    const chosen = normalizeGatewayModel(stageRaw?.gatewayModel);
    if (chosen) gatewayModels[stage] = chosen;
  }
  return {
    values: {
      draft,
      refinement,
      twoStageEnabled,
      defaultMode,
      cacheEnabled,
      draftLengths,
      sendPageContext,
      noContextSites,
      warmConnection,
      priceOverrides,
      gatewayModels,
    },
    reset,
  };
}

/** The options page's notice; null when nothing was reset. */
export function resetNotice(reset: readonly ResetSetting[]): string | null {
  if (reset.length === 0) return null;
  const parts: string[] = [];
  const isPartial = (item: ResetSetting) =>
    item.reason === 'dropped-entries' || item.reason === 'dropped-prices';
  const whole = reset.filter((item) => !isPartial(item));
  if (whole.length > 0) {
    const labels = [...new Set(whole.map((item) => item.label))].join(', ');
    parts.push(`Some saved settings were not valid and were reset to their defaults: ${labels}.`);
  }
  for (const item of reset) {
    if (item.reason === 'dropped-prices') {
      const count = item.droppedCount ?? 0;
      parts.push(
        `${item.label}: ${count === 1 ? 'one saved price was' : `${count} saved prices were`} ` +
          'not valid (or repeated an endpoint’s model) and left out.',
      );
      continue;
    }
    if (item.reason !== 'dropped-entries') continue;
    const entries = (item.dropped ?? []).map((entry) => `“${entry.slice(0, 80)}”`).join(', ');
    // Said apart: the valid entries were kept, so "reset to their defaults" would be untrue.
    parts.push(
      `${item.label}: these saved entries are not host names and were left out: ${entries}.`,
    );
  }
  const dropped = reset.some(isPartial);
  const closing =
    whole.length === 0
      ? 'Save to keep the list without them.'
      : dropped
        ? 'Save to keep these changes.'
        : 'Save to keep the defaults.';
  return `${parts.join(' ')} ${closing}`;
}
