import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { ProviderPresetId } from './provider-presets';
import { keyBoundTo, readStageSecret } from '../background/secrets/secret-store';
import { isInsecureBaseUrl, normalizeConfirmedOrigins } from './base-url-rules';
import {
  normalizeSettings,
  type NormalizedSettings,
  type RawStageSettings,
  type StageName,
} from './normalize-settings';
import {
  confirmedHttpOrigins,
  DRAFT_LENGTHS_VERSION,
  PREFERENCE_NAMES,
  draftLengths,
  preferenceItems,
  stageSettings,
} from './settings-items';
import { STAGES, type SettingsValues } from './validate-settings';
import {
  applyPolicy,
  lockedBy,
  parsePolicy,
  refusedUnlessReplaced,
  type AppliedPolicy,
  type ParsedPolicy,
} from './managed-policy';

export { DEFAULT_TIMEOUT_MS, type StageName } from './normalize-settings';

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
  const [preset, baseUrl, model, timeoutMs, gatewayModel] = await Promise.all([
    items.preset.getValue(),
    items.baseUrl.getValue(),
    items.model.getValue(),
    items.timeoutMs.getValue(),
    items.gatewayModel.getValue(),
  ]);
  return { preset, baseUrl, model, timeoutMs, gatewayModel: gatewayModel ?? undefined };
}

/**
 * The administrator's policy (storage.managed), checked. Firefox rejects the read when no policy
 * exists, Chrome when the manifest declares no schema: both mean no policy.
 */
export async function loadManagedPolicy(): Promise<ParsedPolicy> {
  const raw: unknown = await browser.storage.managed.get(null).catch(() => undefined);
  return parsePolicy(raw);
}

export interface LoadedSettings extends NormalizedSettings {
  /** The organization's policy as applied: `values` already hold its values. */
  policy: AppliedPolicy;
}

/**
 * Every setting except keys, validated (a bad value reads as its default, reported), with the
 * organization's policy over them: the one place settings are read, so a policy value wins
 * everywhere and a local edit, even one written straight into storage, cannot undo it.
 */
export async function loadStoredSettings(): Promise<LoadedSettings> {
  const [local, managed] = await Promise.all([loadLocalSettings(), loadManagedPolicy()]);
  const policy = applyPolicy(local.values, managed);
  return { values: policy.values, reset: local.reset, policy };
}

async function loadLocalSettings(): Promise<NormalizedSettings> {
  const [draft, refinement, confirmed, ...preferences] = await Promise.all([
    readRawStage('draft'),
    readRawStage('refinement'),
    confirmedHttpOrigins.getValue(),
    ...PREFERENCE_NAMES.map((name): Promise<unknown> => preferenceItems[name].getValue()),
  ]);
  return normalizeSettings({
    draft,
    refinement,
    confirmedHttpOrigins: confirmed,
    ...Object.fromEntries(PREFERENCE_NAMES.map((name, i) => [name, preferences[i]])),
  });
}

export interface StageForUse {
  config: StageConfig;
  /** The stored base URL was plain http:// to another host: it was not used. */
  refusedBaseUrl: string | null;
}

/** The user's confirmed network origins for plain http://, checked. */
export async function loadConfirmedHttpOrigins(): Promise<string[]> {
  return normalizeConfirmedOrigins(await confirmedHttpOrigins.getValue());
}

/**
 * The raw stored base URL when it is http:// to a host other than this computer (and not a
 * network origin the user confirmed).
 */
export async function insecureStoredBaseUrl(stage: StageName): Promise<string | null> {
  const [raw, confirmed] = await Promise.all([
    stageSettings[stage].baseUrl.getValue() as Promise<unknown>,
    loadConfirmedHttpOrigins(),
  ]);
  return typeof raw === 'string' && isInsecureBaseUrl(raw, confirmed) ? raw : null;
}

/** A stage's settings for a request, with only a key bound to its base URL's origin. */
export async function loadStageConfig(stage: StageName): Promise<StageForUse> {
  const [{ values, policy }, secret, refused] = await Promise.all([
    loadStoredSettings(),
    readStageSecret(stage),
    insecureStoredBaseUrl(stage),
  ]);
  const stored = values[stage];
  return {
    config: { ...stored, apiKey: keyBoundTo(secret, stored.baseUrl) },
    refusedBaseUrl: refusedUnlessReplaced(policy, stage, refused),
  };
}

/**
 * Writes every setting except keys (those go to the background, see key-requests.ts), not only
 * the changed ones, so storage always matches what the form showed. One storage.sync write for
 * all items (plus one for the lengths' version): sync allows 120 writes a minute, and one write
 * per item let a few quick saves hit that quota. Settings the organization's policy locks are
 * not written: the form shows the policy's values, and storing them would replace the user's own
 * for good, even after the policy is lifted.
 */
export async function writeSettings(values: SettingsValues): Promise<void> {
  const [{ policy }, local] = await Promise.all([loadManagedPolicy(), loadLocalSettings()]);
  const locked = lockedBy(policy);
  const stageItems = STAGES.flatMap((stage) => {
    const items = stageSettings[stage];
    const config = values[stage];
    const written = [
      { setting: `${stage}.preset` as const, item: items.preset, value: config.preset },
      { setting: `${stage}.baseUrl` as const, item: items.baseUrl, value: config.baseUrl },
      { setting: `${stage}.model` as const, item: items.model, value: config.model },
      { setting: `${stage}.timeoutMs` as const, item: items.timeoutMs, value: config.timeoutMs },
    ].filter(({ setting }) => !locked.has(setting));
    // A model picked for the policy's base URL is that endpoint's, not one for the user's own
    // provider: kept apart, so lifting the policy gives back the user's own model too. Not when
    // the user's own base URL is that same URL (the model is theirs for it), nor when the form
    // still showed another URL (a policy that arrived while they edited).
    const policyUrl = policy.stages[stage].baseUrl;
    if (
      policyUrl === undefined ||
      locked.has(`${stage}.model`) ||
      config.baseUrl !== policyUrl ||
      local.values[stage].baseUrl === policyUrl
    ) {
      return written;
    }
    const gatewayModel = { baseUrl: config.baseUrl, model: config.model };
    return [
      ...written.filter(({ setting }) => setting !== `${stage}.model`),
      { item: items.gatewayModel, value: gatewayModel },
    ];
  });
  await storage.setItems([
    ...stageItems.map(({ item, value }) => ({ item, value })),
    ...PREFERENCE_NAMES.filter(
      (name) => !(name === 'sendPageContext' && locked.has('sendPageContext')),
    ).map((name) => ({
      item: preferenceItems[name],
      value: values[name],
    })),
  ]);
  // setItems skips the version mark setValue writes on a fresh profile; without it the next start
  // would run the v1 → v2 migration on v2 data and lose the lengths.
  await storage.setMeta(draftLengths.key, { v: DRAFT_LENGTHS_VERSION });
}

/** Calls back on any change to any setting, from this page or elsewhere (sync, another tab). */
export function watchSettings(onChange: () => void): () => void {
  const unwatchers = [
    ...STAGES.flatMap((stage) => Object.values(stageSettings[stage])),
    ...Object.values(preferenceItems),
    confirmedHttpOrigins,
  ].map((item) => item.watch(() => onChange()));
  // The policy applies live: Chrome reports a changed policy as a change in area 'managed'.
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(onManaged);
  return () => {
    unwatchers.forEach((unwatch) => unwatch());
    browser.storage.onChanged.removeListener(onManaged);
  };
}
