import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_DRAFT_LENGTH } from '../../lib/prompts/modes';
import { draftLengths, migrateDraftLengthsV1 } from '../../lib/settings/settings-items';
import { loadStageConfig } from '../../lib/settings/settings-store';
import { resetIndexedDb } from './support/pipeline-harness';

describe('settings storage', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await resetIndexedDb();
  });

  it('migrates the seed format (one target per mode) to word ranges', async () => {
    await fakeBrowser.storage.sync.set({
      draftLengths: { video: 100, general: 'bad' },
      draftLengths$: { v: 1 },
    });
    await draftLengths.migrate();
    const value = await draftLengths.getValue();
    expect(value.video).toEqual({ min: 80, max: 120 });
    expect(value.general).toEqual(DEFAULT_DRAFT_LENGTH.general);
    const { draftLengths$ } = await fakeBrowser.storage.sync.get('draftLengths$');
    expect(draftLengths$).toEqual({ v: 2 });
  });

  it('defaults to Groq for drafts and OpenAI for refinement, with the seed timeouts', async () => {
    expect((await loadStageConfig('draft')).config).toMatchObject({
      preset: 'groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      model: 'llama-3.1-8b-instant',
      timeoutMs: 5000,
      apiKey: '',
    });
    expect((await loadStageConfig('refinement')).config).toMatchObject({
      preset: 'openai',
      model: 'gpt-4o-mini',
      timeoutMs: 60000,
    });
  });

  it('migrates a missing v1 value to the defaults', () => {
    expect(migrateDraftLengthsV1(null)).toEqual(DEFAULT_DRAFT_LENGTH);
  });
});
