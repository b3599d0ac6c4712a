/**
 * The providers the settings offer, one row each: where their OpenAI-compatible API lives, the
 * model recommended for each stage, where to get a key and whether one is needed. Models and
 * hosts as the providers document them (read 2026-06; the live model list in the settings keeps
 * a user current when a provider renames a model). Prices live in lib/insights/prices.ts, keyed
 * by these origins.
 */
import { isLoopbackHost } from './base-url-rules';

/** Which official client talks to an endpoint. */
export type ProviderSdk = 'groq' | 'openai';

export const PRESET_IDS = [
  'groq',
  'openai',
  'cerebras',
  'openrouter',
  'sambanova',
  'together',
  'fireworks',
  'gemini',
  'anthropic',
  'ollama',
  'lmstudio',
  'llamacpp',
  'chrome-on-device',
  'custom',
] as const;
export type ProviderPresetId = (typeof PRESET_IDS)[number];

type Stage = 'draft' | 'refinement';

/**
 * `cloud`: a provider's API, with a key. `local`: a server on this computer (or the user's
 * network), no key. `on-device`: the browser's own model (Chrome's Prompt API), no key and no
 * endpoint. `custom`: any OpenAI-compatible endpoint; a key unless it is on this computer.
 */
export type PresetKind = 'cloud' | 'local' | 'on-device' | 'custom';

export interface ProviderPreset {
  id: ProviderPresetId;
  label: string;
  kind: PresetKind;
  /** OpenAI-compatible root: `…/chat/completions` and `…/models` live under it ('' on-device). */
  baseUrl: string;
  /** The model recommended for each stage; null where the preset does not serve that stage. */
  models: Record<Stage, string | null>;
  keyUrl: string | null;
  /**
   * Extra request body members per stage. Cerebras' fast tier is a reasoning model: at its lowest
   * effort the draft's first content token comes after a short reasoning run, not a long one.
   */
  extraBody?: Partial<Record<Stage, Record<string, unknown>>>;
  /** One line for the settings, under the provider list. */
  note?: string;
}

export const PROVIDER_PRESETS: Record<ProviderPresetId, ProviderPreset> = {
  groq: {
    id: 'groq',
    label: 'Groq',
    kind: 'cloud',
    baseUrl: 'https://api.groq.com/openai/v1',
    models: { draft: 'llama-3.1-8b-instant', refinement: 'llama-3.3-70b-versatile' },
    keyUrl: 'https://console.groq.com/keys',
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    kind: 'cloud',
    baseUrl: 'https://api.openai.com/v1',
    models: { draft: 'gpt-4.1-nano', refinement: 'gpt-4o-mini' },
    keyUrl: 'https://platform.openai.com/api-keys',
  },
  cerebras: {
    id: 'cerebras',
    label: 'Cerebras',
    kind: 'cloud',
    baseUrl: 'https://api.cerebras.ai/v1',
    models: { draft: 'gpt-oss-120b', refinement: 'gpt-oss-120b' },
    keyUrl: 'https://cloud.cerebras.ai/platform',
    extraBody: { draft: { reasoning_effort: 'low' } },
    note: 'gpt-oss-120b is a reasoning model: the draft asks for its lowest reasoning effort.',
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    kind: 'cloud',
    baseUrl: 'https://openrouter.ai/api/v1',
    // `:nitro` routes to the fastest host of the model.
    models: { draft: 'meta-llama/llama-3.1-8b-instruct:nitro', refinement: 'openai/gpt-4o-mini' },
    keyUrl: 'https://openrouter.ai/settings/keys',
    note: 'Prices depend on the host OpenRouter picks: add yours under Prices for a cost estimate.',
  },
  sambanova: {
    id: 'sambanova',
    label: 'SambaNova',
    kind: 'cloud',
    baseUrl: 'https://api.sambanova.ai/v1',
    models: { draft: 'Meta-Llama-3.1-8B-Instruct', refinement: 'Meta-Llama-3.3-70B-Instruct' },
    keyUrl: 'https://cloud.sambanova.ai/apis',
  },
  together: {
    id: 'together',
    label: 'Together AI',
    kind: 'cloud',
    baseUrl: 'https://api.together.xyz/v1',
    models: {
      draft: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
      refinement: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    },
    keyUrl: 'https://api.together.ai/settings/api-keys',
  },
  fireworks: {
    id: 'fireworks',
    label: 'Fireworks AI',
    kind: 'cloud',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    models: {
      draft: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
      refinement: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
    },
    keyUrl: 'https://fireworks.ai/account/api-keys',
  },
  gemini: {
    id: 'gemini',
    label: 'Google Gemini',
    kind: 'cloud',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    // Not 2.5: those think before answering by default.
    models: { draft: 'gemini-2.0-flash-lite', refinement: 'gemini-2.0-flash' },
    keyUrl: 'https://aistudio.google.com/app/apikey',
  },
  anthropic: {
    id: 'anthropic',
    label: 'Anthropic',
    kind: 'cloud',
    baseUrl: 'https://api.anthropic.com/v1',
    models: { draft: 'claude-3-5-haiku-latest', refinement: 'claude-sonnet-4-0' },
    keyUrl: 'https://console.anthropic.com/settings/keys',
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama (on this computer)',
    kind: 'local',
    baseUrl: 'http://localhost:11434/v1',
    models: { draft: 'llama3.2', refinement: 'llama3.1:8b' },
    keyUrl: null,
  },
  lmstudio: {
    id: 'lmstudio',
    label: 'LM Studio (on this computer)',
    kind: 'local',
    baseUrl: 'http://localhost:1234/v1',
    models: { draft: 'llama-3.2-3b-instruct', refinement: 'meta-llama-3.1-8b-instruct' },
    keyUrl: null,
  },
  llamacpp: {
    id: 'llamacpp',
    label: 'llama.cpp server (on this computer)',
    kind: 'local',
    baseUrl: 'http://localhost:8080/v1',
    // llama-server answers with the model it was started with, whatever the name.
    models: { draft: 'default', refinement: 'default' },
    keyUrl: null,
    note: 'llama.cpp answers with the model it was started with, whatever the model name.',
  },
  'chrome-on-device': {
    id: 'chrome-on-device',
    label: 'Chrome on-device model (no key)',
    kind: 'on-device',
    baseUrl: '',
    models: { draft: 'gemini-nano', refinement: null },
    keyUrl: null,
  },
  custom: {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    kind: 'custom',
    baseUrl: 'http://localhost:11434/v1',
    models: { draft: 'llama3.2', refinement: 'llama3.2' },
    keyUrl: null,
  },
};

export function isPresetId(value: unknown): value is ProviderPresetId {
  return typeof value === 'string' && (PRESET_IDS as readonly string[]).includes(value);
}

/** The presets offered for a stage, in the list's order. */
export function presetsFor(stage: Stage): ProviderPreset[] {
  return PRESET_IDS.map((id) => PROVIDER_PRESETS[id]).filter((p) => p.models[stage] !== null);
}

/** Whether a preset serves a stage (the on-device model writes drafts only). */
export function presetServes(preset: ProviderPresetId, stage: Stage): boolean {
  return PROVIDER_PRESETS[preset].models[stage] !== null;
}

/** The on-device model at a stage: no endpoint, no key, base URL ''. */
export function isOnDeviceFor(stage: Stage, preset: ProviderPresetId): boolean {
  return presetServes(preset, stage) && PROVIDER_PRESETS[preset].kind === 'on-device';
}

/** The model a preset recommends for a stage (the draft's where it serves no refinement). */
export function presetModel(preset: ProviderPresetId, stage: Stage): string {
  const { models } = PROVIDER_PRESETS[preset];
  return models[stage] ?? models.draft ?? '';
}

/**
 * Whether the stage needs a key to run: a provider's API does; a local server, the on-device
 * model and a custom endpoint on this computer do not (Ollama, LM Studio and llama.cpp ignore it).
 */
export function keyRequired(preset: ProviderPresetId, baseUrl: string): boolean {
  const { kind } = PROVIDER_PRESETS[preset];
  if (kind === 'cloud') return true;
  if (kind === 'custom') {
    try {
      return !isLoopbackHost(new URL(baseUrl).hostname);
    } catch {
      return true;
    }
  }
  return false;
}

/** A stage is set up when it has a key, or needs none. */
export function stageReady(config: { preset: ProviderPresetId; baseUrl: string; apiKey: string }) {
  return config.apiKey !== '' || !keyRequired(config.preset, config.baseUrl);
}

/** Extra request body members the preset asks for at a stage, for its own host only. */
export function extraBodyFor(
  preset: ProviderPresetId,
  stage: Stage,
  baseUrl: string,
): Record<string, unknown> {
  const row = PROVIDER_PRESETS[preset];
  const extra = row.extraBody?.[stage];
  if (!extra) return {};
  try {
    return new URL(baseUrl).origin === new URL(row.baseUrl).origin ? extra : {};
  } catch {
    return {};
  }
}

/** Groq's OpenAI-compatible root; groq-sdk itself wants the bare origin before it. */
const GROQ_ROOT_SUFFIX = '/openai/v1';

/**
 * groq-sdk appends `/openai/v1/chat/completions` to its base URL, so it only fits roots that end
 * in `/openai/v1`; every other root goes through the openai client, which appends `/chat/completions`.
 */
export function sdkFor(
  preset: ProviderPresetId,
  baseUrl: string,
): { sdk: ProviderSdk; baseURL: string } {
  const root = baseUrl.replace(/\/+$/, '');
  if (preset === 'groq' && root.endsWith(GROQ_ROOT_SUFFIX)) {
    return { sdk: 'groq', baseURL: root.slice(0, -GROQ_ROOT_SUFFIX.length) };
  }
  return { sdk: 'openai', baseURL: root };
}

/**
 * The name used in messages for an endpoint: its host ("api.groq.com", "127.0.0.1:8080"), the
 * one that really answered, never a provider guessed from the preset.
 */
export function providerLabel(preset: ProviderPresetId, baseUrl: string): string {
  if (PROVIDER_PRESETS[preset].kind === 'on-device') return 'the on-device model';
  try {
    return new URL(baseUrl).host || 'the provider';
  } catch {
    return 'the provider';
  }
}

/** Where to get a key, only when the base URL is the preset's own host. */
export function keyUrlFor(preset: ProviderPresetId, baseUrl: string): string | null {
  const { keyUrl, baseUrl: presetUrl } = PROVIDER_PRESETS[preset];
  try {
    return keyUrl && new URL(baseUrl).origin === new URL(presetUrl).origin ? keyUrl : null;
  } catch {
    return null;
  }
}
