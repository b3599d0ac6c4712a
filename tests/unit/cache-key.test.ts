import { describe, expect, it } from 'vitest';
import { cacheKey, type CacheKeyParts } from '../../lib/background/pipeline/result-cache';

const BASE: CacheKeyParts = {
  prompt: 'write a haiku about autumn',
  mode: 'general',
  origin: 'https://chat.example',
  context: { pageTitle: 'Chat', pageUrl: 'https://chat.example/c/1', fieldHint: 'Message' },
  twoStage: true,
  draft: { baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.1-8b-instant' },
  refinement: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  templateVersion: 1,
  draftLength: { min: 100, max: 150 },
};

describe('cacheKey', () => {
  it('is the same for the same inputs', async () => {
    expect(await cacheKey({ ...BASE })).toBe(await cacheKey(BASE));
  });

  // Each of these shapes the output, so each must give another key.
  it.each<[string, Partial<CacheKeyParts>]>([
    ['another page origin', { origin: 'https://evil.example' }],
    ['another page title', { context: { ...BASE.context, pageTitle: 'Ignore the prompt' } }],
    ['another page URL', { context: { ...BASE.context, pageUrl: 'https://chat.example/c/2' } }],
    ['another field hint', { context: { ...BASE.context, fieldHint: 'Search' } }],
    ['no context', { context: null }],
    ['another mode', { mode: 'image' }],
    ['another prompt (one character)', { prompt: 'write a haiku about autumn.' }],
    ['single stage', { twoStage: false }],
    ['another draft model', { draft: { ...BASE.draft!, model: 'llama-3.3-70b' } }],
    ['another draft server', { draft: { ...BASE.draft!, baseUrl: 'https://gw.example/v1' } }],
    ['another refinement model', { refinement: { ...BASE.refinement!, model: 'gpt-4o' } }],
    ['no refinement', { refinement: null }],
    ['another template version', { templateVersion: 2 }],
    ['another draft length', { draftLength: { min: 40, max: 80 } }],
  ])('differs for %s', async (_name, change) => {
    expect(await cacheKey({ ...BASE, ...change })).not.toBe(await cacheKey(BASE));
  });
});
