/**
 * Team mode: what an administrator sets through the browser's policy (read by the extension as
 * `storage.managed`, its keys declared in public/managed-schema.json) and how it wins over the
 * user's own settings. Pure: the background, the options page and the tests share it. A policy
 * value is checked with the same rules as a stored one; a bad one is ignored with a notice, so a
 * typo in a policy file never stops the extension. No key is ever taken from policy: policy files
 * are readable by every local user, and Firefox's content scripts can read managed storage
 * (Chrome's are shut out by storage-access.ts); see README, "For teams".
 */
import { KEEP_DAYS_RANGE, KEEP_ENTRIES_RANGE } from '../insights/history-policy';
import type { HistorySettings } from '../insights/history-policy';
import { checkBaseUrl, hostOf, originOf } from './base-url-rules';
import {
  isWholeIn,
  MODEL_MAX_CHARS,
  TIMEOUT_MAX_MS,
  TIMEOUT_MIN_MS,
  type StageName,
  type StageValues,
  type StoredSettings,
} from './normalize-settings';
import { isPresetId } from './provider-presets';

const STAGE_NAMES = ['draft', 'refinement'] as const satisfies readonly StageName[];
const STAGE_FIELDS = ['preset', 'baseUrl', 'model', 'timeoutMs'] as const;
type StageFieldName = (typeof STAGE_FIELDS)[number];

/** Settings a policy can fix: a stage's fields, page context, and the History's retention. */
export type LockableSetting = `${StageName}.${StageFieldName}` | 'sendPageContext' | 'history';

const LOCKABLE_SETTINGS: readonly LockableSetting[] = [
  ...STAGE_NAMES.flatMap((stage) => STAGE_FIELDS.map((field) => `${stage}.${field}` as const)),
  'sendPageContext',
  'history',
];

/** The policy's keys (flat, so they read the same in a JSON file, a plist and the registry). */
export interface RawPolicy {
  draftPreset?: unknown;
  draftBaseUrl?: unknown;
  draftModel?: unknown;
  draftTimeoutMs?: unknown;
  refinementPreset?: unknown;
  refinementBaseUrl?: unknown;
  refinementModel?: unknown;
  refinementTimeoutMs?: unknown;
  allowedEndpoints?: unknown;
  lockedSettings?: unknown;
  sendPageContext?: unknown;
  historyEnabled?: unknown;
  historyKeepDays?: unknown;
  historyKeepEntries?: unknown;
  gatewayKeyHint?: unknown;
}

export interface ManagedPolicy {
  stages: Record<StageName, Partial<StageValues>>;
  /** Base URLs (or bare origins) a stage may use; empty: any. */
  allowedEndpoints: string[];
  /** Named in lockedSettings; every setting the policy gives a value is locked as well. */
  lockedSettings: LockableSetting[];
  sendPageContext?: boolean;
  history: Partial<Pick<HistorySettings, 'enabled' | 'keepDays' | 'keepEntries'>>;
  /** Where users get their (virtual) key, in the administrator's words. */
  gatewayKeyHint: string | null;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  /** Policy values that were ignored, in words. */
  notices: string[];
}

const EMPTY_POLICY: ManagedPolicy = {
  stages: { draft: {}, refinement: {} },
  allowedEndpoints: [],
  lockedSettings: [],
  history: {},
  gatewayKeyHint: null,
};

const STAGE_LABEL: Record<StageName, string> = { draft: 'Draft', refinement: 'Refinement' };
const HINT_MAX_CHARS = 500;

function ignored(key: string, why: string): string {
  return `Your organization’s policy value ${key} was ignored: ${why}.`;
}

function parseStage(stage: StageName, raw: RawPolicy, notices: string[]): Partial<StageValues> {
  const out: Partial<StageValues> = {};
  const key = (field: string) => `${stage}${field}`;
  const preset = raw[`${stage}Preset`];
  if (preset !== undefined) {
    if (isPresetId(preset)) out.preset = preset;
    else notices.push(ignored(key('Preset'), 'not a provider Prompt Relay knows'));
  }
  const baseUrl = raw[`${stage}BaseUrl`];
  if (baseUrl !== undefined) {
    const checked = checkBaseUrl(baseUrl);
    if (checked.ok) out.baseUrl = checked.url;
    else {
      notices.push(
        ignored(
          key('BaseUrl'),
          checked.problem === 'insecure'
            ? 'plain http:// is allowed only for this computer'
            : 'not an http(s) address',
        ),
      );
    }
  }
  const model = raw[`${stage}Model`];
  if (model !== undefined) {
    const text = typeof model === 'string' ? model.trim() : '';
    if (text !== '' && text.length <= MODEL_MAX_CHARS) out.model = text;
    else notices.push(ignored(key('Model'), 'not a model name'));
  }
  const timeoutMs = raw[`${stage}TimeoutMs`];
  if (timeoutMs !== undefined) {
    if (isWholeIn(timeoutMs, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS)) out.timeoutMs = timeoutMs;
    else {
      notices.push(
        ignored(key('TimeoutMs'), `not a whole number from ${TIMEOUT_MIN_MS} to ${TIMEOUT_MAX_MS}`),
      );
    }
  }
  return out;
}

function parseWhole(
  value: unknown,
  range: { min: number; max: number },
  key: string,
  notices: string[],
): number | undefined {
  if (value === undefined) return undefined;
  if (isWholeIn(value, range.min, range.max)) return value;
  notices.push(ignored(key, `not a whole number from ${range.min} to ${range.max}`));
  return undefined;
}

function parseBoolean(value: unknown, key: string, notices: string[]): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  notices.push(ignored(key, 'not true or false'));
  return undefined;
}

function parseList(value: unknown, key: string, notices: string[]): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  notices.push(ignored(key, 'not a list'));
  return [];
}

function isLockable(value: unknown): value is LockableSetting {
  return (LOCKABLE_SETTINGS as readonly unknown[]).includes(value);
}

/** Checks what managed storage holds (anything: another version's schema, a hand-written file). */
export function parsePolicy(raw: unknown): ParsedPolicy {
  const notices: string[] = [];
  if (raw === undefined || raw === null) return { policy: EMPTY_POLICY, notices };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      policy: EMPTY_POLICY,
      notices: ['Your organization’s policy was ignored: not a set of values.'],
    };
  }
  const policy = raw as RawPolicy;

  const allowedEndpoints: string[] = [];
  for (const entry of parseList(policy.allowedEndpoints, 'allowedEndpoints', notices)) {
    const checked = checkBaseUrl(entry);
    if (checked.ok) allowedEndpoints.push(checked.url);
    else
      notices.push(
        ignored('allowedEndpoints', `“${String(entry).slice(0, 80)}” is not an https:// address`),
      );
  }

  const lockedSettings: LockableSetting[] = [];
  for (const entry of parseList(policy.lockedSettings, 'lockedSettings', notices)) {
    // A stage's name locks all its fields.
    if (entry === 'draft' || entry === 'refinement') {
      lockedSettings.push(...STAGE_FIELDS.map((field) => `${entry}.${field}` as const));
    } else if (isLockable(entry)) lockedSettings.push(entry);
    else
      notices.push(ignored('lockedSettings', `“${String(entry).slice(0, 80)}” is not a setting`));
  }

  let gatewayKeyHint: string | null = null;
  if (policy.gatewayKeyHint !== undefined) {
    const text = typeof policy.gatewayKeyHint === 'string' ? policy.gatewayKeyHint.trim() : '';
    if (text !== '' && text.length <= HINT_MAX_CHARS) gatewayKeyHint = text;
    else notices.push(ignored('gatewayKeyHint', `not text of up to ${HINT_MAX_CHARS} characters`));
  }

  const history: ManagedPolicy['history'] = {};
  const enabled = parseBoolean(policy.historyEnabled, 'historyEnabled', notices);
  if (enabled !== undefined) history.enabled = enabled;
  const keepDays = parseWhole(policy.historyKeepDays, KEEP_DAYS_RANGE, 'historyKeepDays', notices);
  if (keepDays !== undefined) history.keepDays = keepDays;
  const keepEntries = parseWhole(
    policy.historyKeepEntries,
    KEEP_ENTRIES_RANGE,
    'historyKeepEntries',
    notices,
  );
  if (keepEntries !== undefined) history.keepEntries = keepEntries;

  const sendPageContext = parseBoolean(policy.sendPageContext, 'sendPageContext', notices);
  return {
    policy: {
      stages: {
        draft: parseStage('draft', policy, notices),
        refinement: parseStage('refinement', policy, notices),
      },
      allowedEndpoints,
      lockedSettings: [...new Set(lockedSettings)],
      ...(sendPageContext !== undefined ? { sendPageContext } : {}),
      history,
      gatewayKeyHint,
    },
    notices,
  };
}

/** Whether a base URL is within one of the allowed endpoints (same origin, under its path). */
export function isAllowedEndpoint(url: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const origin = originOf(url);
  if (origin === null) return false;
  const path = new URL(url).pathname.replace(/\/+$/, '');
  return allowed.some((entry) => {
    if (originOf(entry) !== origin) return false;
    const prefix = new URL(entry).pathname.replace(/\/+$/, '');
    return path === prefix || path.startsWith(`${prefix}/`);
  });
}

export interface AppliedPolicy {
  values: StoredSettings;
  /** Settings the user cannot change here ("Set by your organization"). */
  locked: ReadonlySet<LockableSetting>;
  /** Empty: any endpoint. Includes the policy's own base URLs. */
  allowedEndpoints: string[];
  gatewayKeyHint: string | null;
  /** What was ignored or replaced, in words. */
  notices: string[];
  /** Any policy value is in force. */
  active: boolean;
}

/** The settings a policy leaves for the user: every field the policy sets or names is locked. */
export function lockedBy(policy: ManagedPolicy): Set<LockableSetting> {
  const locked = new Set(policy.lockedSettings);
  for (const stage of STAGE_NAMES) {
    for (const field of STAGE_FIELDS) {
      if (policy.stages[stage][field] !== undefined) locked.add(`${stage}.${field}`);
    }
    // A gateway's base URL with the user's provider would pick that provider's client and paths
    // (groq-sdk appends /openai/v1): the stage becomes "Custom" unless the policy names one.
    if (policy.stages[stage].baseUrl !== undefined) locked.add(`${stage}.preset`);
  }
  if (policy.sendPageContext !== undefined) locked.add('sendPageContext');
  if (historyLocked(policy)) locked.add('history');
  return locked;
}

/** The History's on/off and retention are the organization's (set, or named in lockedSettings). */
export function historyLocked(policy: ManagedPolicy): boolean {
  return Object.keys(policy.history).length > 0 || policy.lockedSettings.includes('history');
}

/**
 * The settings in force: the policy's values over the user's, then the allowed endpoints. A
 * locked setting the policy gives no value keeps the user's current value: the admin froze it.
 */
export function applyPolicy(local: StoredSettings, parsed: ParsedPolicy): AppliedPolicy {
  const { policy } = parsed;
  const notices = [...parsed.notices];
  const locked = lockedBy(policy);
  const allowed = [...policy.allowedEndpoints];
  for (const stage of STAGE_NAMES) {
    const url = policy.stages[stage].baseUrl;
    if (url !== undefined && allowed.length > 0 && !isAllowedEndpoint(url, allowed))
      allowed.push(url);
  }

  const stageValues = (stage: StageName): StageValues => {
    const set = policy.stages[stage];
    const next: StageValues = { ...local[stage], ...set };
    if (
      set.baseUrl !== undefined &&
      set.preset === undefined &&
      set.baseUrl !== local[stage].baseUrl
    ) {
      next.preset = 'custom';
    }
    // The model the user picked for this same policy endpoint before (see GatewayModel), unless
    // it is the user's own base URL too: then their own model is the one for it.
    const chosen = local.gatewayModels?.[stage];
    if (
      set.baseUrl !== undefined &&
      set.model === undefined &&
      chosen?.baseUrl === set.baseUrl &&
      local[stage].baseUrl !== set.baseUrl
    ) {
      next.model = chosen.model;
    }
    if (!isAllowedEndpoint(next.baseUrl, allowed)) {
      const fallback = allowed[0]!;
      notices.push(
        `The ${STAGE_LABEL[stage]} base URL ${next.baseUrl} is not one your organization allows, ` +
          `so ${hostOf(fallback)} (${fallback}) is used.`,
      );
      next.baseUrl = fallback;
      next.preset = 'custom';
    }
    return next;
  };

  const values: StoredSettings = {
    ...local,
    draft: stageValues('draft'),
    refinement: stageValues('refinement'),
    ...(policy.sendPageContext !== undefined ? { sendPageContext: policy.sendPageContext } : {}),
  };
  return {
    values,
    locked,
    allowedEndpoints: allowed,
    gatewayKeyHint: policy.gatewayKeyHint,
    notices,
    active:
      locked.size > 0 || allowed.length > 0 || policy.gatewayKeyHint !== null || notices.length > 0,
  };
}

/**
 * The stored base URL that would be refused (plain http:// elsewhere), unless the policy put
 * another in its place (its own, or an allowed endpoint): a URL never used cannot block a request.
 */
export function refusedUnlessReplaced(
  applied: AppliedPolicy,
  stage: StageName,
  refused: string | null,
): string | null {
  if (refused === null || applied.locked.has(`${stage}.baseUrl`)) return null;
  return isAllowedEndpoint(refused, applied.allowedEndpoints) ? refused : null;
}

/** The History's settings in force: retention and on/off from the policy, the rest the user's. */
export function applyHistoryPolicy(local: HistorySettings, policy: ManagedPolicy): HistorySettings {
  return { ...local, ...policy.history };
}

/**
 * What Save stores of the History's settings: the user's own values where the policy sets them,
 * so the user's choices come back when the organization lifts the policy.
 */
export function historyToStore(
  edited: HistorySettings,
  stored: HistorySettings,
  policy: ManagedPolicy,
): HistorySettings {
  const kept = Object.fromEntries(
    Object.keys(policy.history).map((key) => [key, stored[key as keyof HistorySettings]]),
  );
  return { ...edited, ...kept };
}
