// The provider presets: every row usable as it stands (a base URL the settings accept, a model
// per stage it serves, a key page where a key is needed), and the rules read from them.
import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../lib/settings/base-url-rules';
import { LIST_PRICES, priceFor } from '../../lib/insights/prices';
import {
  extraBodyFor,
  isPresetId,
  keyRequired,
  PRESET_IDS,
  presetModel,
  presetsFor,
  PROVIDER_PRESETS,
  stageReady,
} from '../../lib/settings/provider-presets';

describe('the presets', () => {
  it('offer these providers, in this order, for each stage', () => {
    expect(presetsFor('draft').map((p) => p.label)).toEqual([
      'Groq',
      'OpenAI',
      'Cerebras',
      'OpenRouter',
      'SambaNova',
      'Together AI',
      'Fireworks AI',
      'Google Gemini',
      'Anthropic',
      'Ollama (on this computer)',
      'LM Studio (on this computer)',
      'llama.cpp server (on this computer)',
      'Chrome on-device model (no key)',
      'Custom (OpenAI-compatible)',
    ]);
    // The on-device model serves drafts only.
    expect(presetsFor('refinement').map((p) => p.id)).not.toContain('chrome-on-device');
    expect(presetsFor('refinement')).toHaveLength(13);
  });

  it.each(PRESET_IDS.filter((id) => PROVIDER_PRESETS[id].kind !== 'on-device'))(
    '%s has a base URL the settings accept and a model for each stage',
    (id) => {
      const preset = PROVIDER_PRESETS[id];
      expect(checkBaseUrl(preset.baseUrl)).toEqual({ ok: true, url: preset.baseUrl });
      expect(presetModel(id, 'draft')).not.toBe('');
      expect(presetModel(id, 'refinement')).not.toBe('');
      if (preset.kind === 'cloud') expect(preset.keyUrl).toMatch(/^https:\/\//);
      else expect(preset.keyUrl).toBeNull();
    },
  );

  it('keep the defaults: Groq llama-3.1-8b-instant drafts, OpenAI gpt-4o-mini refines', () => {
    expect(presetModel('groq', 'draft')).toBe('llama-3.1-8b-instant');
    expect(presetModel('openai', 'refinement')).toBe('gpt-4o-mini');
  });

  it('price every recommended cloud model except OpenRouter’s, which depends on its route', () => {
    const unpriced: string[] = [];
    for (const preset of presetsFor('draft')) {
      if (preset.kind !== 'cloud') continue;
      for (const stage of ['draft', 'refinement'] as const) {
        const model = presetModel(preset.id, stage);
        if (!priceFor({ baseUrl: preset.baseUrl, model })) unpriced.push(`${preset.id} ${model}`);
      }
    }
    expect(unpriced).toEqual([
      'openrouter meta-llama/llama-3.1-8b-instruct:nitro',
      'openrouter openai/gpt-4o-mini',
    ]);
    expect(LIST_PRICES.every((p) => p.asOf === '2026-06')).toBe(true);
  });

  it('recognize their own ids only', () => {
    expect(isPresetId('cerebras')).toBe(true);
    expect(isPresetId('chrome-on-device')).toBe(true);
    expect(isPresetId('mistral')).toBe(false);
    expect(isPresetId(undefined)).toBe(false);
  });
});

describe('keys', () => {
  it.each([
    ['groq', 'https://api.groq.com/openai/v1', true],
    ['openrouter', 'https://openrouter.ai/api/v1', true],
    ['ollama', 'http://localhost:11434/v1', false],
    ['lmstudio', 'http://127.0.0.1:1234/v1', false],
    ['llamacpp', 'http://localhost:8080/v1', false],
    ['chrome-on-device', '', false],
    // Custom: none for a server on this computer, one for anything else (a gateway).
    ['custom', 'http://localhost:11434/v1', false],
    ['custom', 'http://[::1]:8000/v1', false],
    ['custom', 'https://litellm.example.com/v1', true],
    ['custom', 'not a url', true],
  ] as const)('%s at %s needs a key: %s', (preset, baseUrl, needed) => {
    expect(keyRequired(preset, baseUrl)).toBe(needed);
    expect(stageReady({ preset, baseUrl, apiKey: '' })).toBe(!needed);
    expect(stageReady({ preset, baseUrl, apiKey: 'sk-1' })).toBe(true);
  });
});

describe('extra request members', () => {
  it('ask Cerebras’ reasoning model for its lowest effort on drafts, on its own host only', () => {
    expect(extraBodyFor('cerebras', 'draft', 'https://api.cerebras.ai/v1')).toEqual({
      reasoning_effort: 'low',
    });
    expect(extraBodyFor('cerebras', 'refinement', 'https://api.cerebras.ai/v1')).toEqual({});
    expect(extraBodyFor('cerebras', 'draft', 'https://gateway.example.com/v1')).toEqual({});
    expect(extraBodyFor('groq', 'draft', 'https://api.groq.com/openai/v1')).toEqual({});
  });
});
