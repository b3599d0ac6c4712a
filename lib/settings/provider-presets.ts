/** Which official client talks to an endpoint. */
export type ProviderSdk = 'groq' | 'openai';
export type ProviderPresetId = 'groq' | 'openai' | 'custom';

export interface ProviderPreset {
  id: ProviderPresetId;
  label: string;
  /** OpenAI-compatible root: `…/chat/completions` and `…/models` live under it. */
  baseUrl: string;
  model: string;
  keyUrl: string | null;
}

export const PROVIDER_PRESETS: Record<ProviderPresetId, ProviderPreset> = {
  groq: {
    id: 'groq',
    label: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    model: 'llama-3.1-8b-instant',
    keyUrl: 'https://console.groq.com/keys',
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    keyUrl: 'https://platform.openai.com/api-keys',
  },
  custom: {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.2',
    keyUrl: null,
  },
};

export function isPresetId(value: unknown): value is ProviderPresetId {
  return value === 'groq' || value === 'openai' || value === 'custom';
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
export function providerLabel(_preset: ProviderPresetId, baseUrl: string): string {
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
