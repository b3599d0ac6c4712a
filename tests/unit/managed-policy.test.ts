import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  forgetPipelineSettings,
  loadPipelineSettings,
} from '../../lib/background/pipeline/pipeline-settings';
import { saveStageSecret } from '../../lib/background/secrets/secret-store';
import { loadHistorySettings, saveHistorySettings } from '../../lib/insights/history-settings';
import {
  applyHistoryPolicy,
  applyPolicy,
  isAllowedEndpoint,
  parsePolicy,
} from '../../lib/settings/managed-policy';
import { normalizeSettings, type StoredSettings } from '../../lib/settings/normalize-settings';
import { loadStoredSettings, writeSettings } from '../../lib/settings/settings-store';
import { resetIndexedDb } from './support/pipeline-harness';

const GATEWAY = 'https://llm.example.com/v1';

function local(): StoredSettings {
  return normalizeSettings({
    draft: {
      preset: 'groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      model: 'llama-3.1-8b-instant',
    },
    refinement: { preset: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
    sendPageContext: true,
  }).values;
}

describe('applyPolicy', () => {
  it('puts the policy’s values over the user’s and locks them; the rest stays the user’s', () => {
    const applied = applyPolicy(
      local(),
      parsePolicy({ draftBaseUrl: GATEWAY, draftModel: 'team-fast', sendPageContext: false }),
    );
    expect(applied.values.draft).toEqual({
      // A gateway with the user's Groq preset would use groq-sdk's paths: Custom instead.
      preset: 'custom',
      baseUrl: GATEWAY,
      model: 'team-fast',
      timeoutMs: 5000,
    });
    expect(applied.values.refinement.baseUrl).toBe('https://api.openai.com/v1');
    expect(applied.values.sendPageContext).toBe(false);
    expect([...applied.locked].sort()).toEqual([
      'draft.baseUrl',
      'draft.model',
      'draft.preset',
      'sendPageContext',
    ]);
    expect(applied.notices).toEqual([]);
    expect(applied.active).toBe(true);
  });

  it('keeps the policy’s provider when it names one', () => {
    const applied = applyPolicy(
      local(),
      parsePolicy({
        refinementPreset: 'openrouter',
        refinementBaseUrl: 'https://openrouter.ai/api/v1',
      }),
    );
    expect(applied.values.refinement.preset).toBe('openrouter');
  });

  it('locks a stage named in lockedSettings at the user’s current values', () => {
    const applied = applyPolicy(
      local(),
      parsePolicy({ lockedSettings: ['refinement', 'history'] }),
    );
    expect(applied.values).toEqual(local());
    expect([...applied.locked].sort()).toEqual([
      'history',
      'refinement.baseUrl',
      'refinement.model',
      'refinement.preset',
      'refinement.timeoutMs',
    ]);
  });

  it('ignores each bad policy value with words, and applies the good ones', () => {
    const applied = applyPolicy(
      local(),
      parsePolicy({
        draftBaseUrl: 'http://gateway.example.com/v1',
        draftModel: '   ',
        draftTimeoutMs: 5,
        refinementPreset: 'acme',
        refinementModel: 'team-strong',
        allowedEndpoints: ['ftp://x', GATEWAY],
        lockedSettings: ['everything', 'draft.model'],
        sendPageContext: 'no',
        historyKeepDays: 9999,
        gatewayKeyHint: 42,
      }),
    );
    expect(applied.notices).toEqual([
      'Your organization’s policy value allowedEndpoints was ignored: “ftp://x” is not an https:// address.',
      'Your organization’s policy value lockedSettings was ignored: “everything” is not a setting.',
      'Your organization’s policy value gatewayKeyHint was ignored: not text of up to 500 characters.',
      'Your organization’s policy value historyKeepDays was ignored: not a whole number from 1 to 365.',
      'Your organization’s policy value sendPageContext was ignored: not true or false.',
      'Your organization’s policy value draftBaseUrl was ignored: plain http:// is allowed only for this computer.',
      'Your organization’s policy value draftModel was ignored: not a model name.',
      'Your organization’s policy value draftTimeoutMs was ignored: not a whole number from 500 to 300000.',
      'Your organization’s policy value refinementPreset was ignored: not a provider Prompt Relay knows.',
      // The user's draft URL is not allowed either: the allowed endpoint replaces it.
      'The Draft base URL https://api.groq.com/openai/v1 is not one your organization allows, so llm.example.com (https://llm.example.com/v1) is used.',
      'The Refinement base URL https://api.openai.com/v1 is not one your organization allows, so llm.example.com (https://llm.example.com/v1) is used.',
    ]);
    expect(applied.values.draft.model).toBe('llama-3.1-8b-instant');
    expect(applied.values.draft.timeoutMs).toBe(5000);
    expect(applied.values.refinement.model).toBe('team-strong');
    expect(applied.values.sendPageContext).toBe(true);
  });

  it('never throws on whatever managed storage holds', () => {
    for (const raw of [
      undefined,
      null,
      'x',
      3,
      [],
      { draftBaseUrl: {} },
      { allowedEndpoints: 'x' },
    ]) {
      expect(() => applyPolicy(local(), parsePolicy(raw))).not.toThrow();
    }
    expect(applyPolicy(local(), parsePolicy(undefined))).toMatchObject({
      values: local(),
      active: false,
    });
  });

  it('keeps every stage within the allowed endpoints', () => {
    const allowed = ['https://llm.example.com/v1', 'http://127.0.0.1:4000'];
    expect(isAllowedEndpoint('https://llm.example.com/v1', allowed)).toBe(true);
    expect(isAllowedEndpoint('https://llm.example.com/v1/team', allowed)).toBe(true);
    expect(isAllowedEndpoint('https://llm.example.com/v10', allowed)).toBe(false);
    expect(isAllowedEndpoint('https://llm.example.com', allowed)).toBe(false);
    expect(isAllowedEndpoint('https://llm.example.com.evil.test/v1', allowed)).toBe(false);
    expect(isAllowedEndpoint('http://127.0.0.1:4000/anything/v1', allowed)).toBe(true);
    expect(isAllowedEndpoint('http://127.0.0.1:4001/v1', allowed)).toBe(false);
    expect(isAllowedEndpoint('https://anywhere.test/v1', [])).toBe(true);

    const within = applyPolicy(
      { ...local(), draft: { ...local().draft, baseUrl: 'https://llm.example.com/v1' } },
      parsePolicy({ allowedEndpoints: allowed }),
    );
    expect(within.values.draft.baseUrl).toBe('https://llm.example.com/v1');
    expect(within.values.draft.preset).toBe('groq');
    expect(within.values.refinement).toMatchObject({
      preset: 'custom',
      baseUrl: 'https://llm.example.com/v1',
    });
    // The policy's own base URL is allowed even when the list leaves it out.
    const own = applyPolicy(
      local(),
      parsePolicy({ allowedEndpoints: allowed, draftBaseUrl: 'https://other.example.com/v1' }),
    );
    expect(own.values.draft.baseUrl).toBe('https://other.example.com/v1');
    expect(own.allowedEndpoints).toContain('https://other.example.com/v1');
  });

  it('puts the policy’s history retention over the user’s', () => {
    const user = {
      enabled: true,
      keepDays: 30,
      keepEntries: 1000,
      fullUrls: true,
      excludedSites: [],
    };
    const { policy } = parsePolicy({ historyEnabled: false, historyKeepDays: 7 });
    expect(applyHistoryPolicy(user, policy)).toEqual({ ...user, enabled: false, keepDays: 7 });
  });
});

describe('the policy where settings are read', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    forgetPipelineSettings();
    await resetIndexedDb();
  });

  it('wins over a local write straight into storage.sync, and a policy change applies at once', async () => {
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY, draftModel: 'team-fast' });
    await fakeBrowser.storage.sync.set({
      'draft.preset': 'openai',
      'draft.baseUrl': 'https://elsewhere.example.com/v1',
      'draft.model': 'gpt-4o-mini',
    });
    expect((await loadPipelineSettings()).draft).toMatchObject({
      preset: 'custom',
      baseUrl: GATEWAY,
      model: 'team-fast',
    });
    // Written after the settings were kept: still the policy's.
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': 'https://other.example.com/v1' });
    expect((await loadPipelineSettings()).draft.baseUrl).toBe(GATEWAY);

    // A changed policy reaches the next request (storage.onChanged, area 'managed').
    await fakeBrowser.storage.managed.set({ draftModel: 'team-faster' });
    expect((await loadPipelineSettings()).draft.model).toBe('team-faster');
    expect((await loadStoredSettings()).policy.locked.has('draft.model')).toBe(true);
  });

  it('a policy URL is used even when the stored one is refused plain http', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': 'http://gateway.example.com/v1' });
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY });
    await expect(loadPipelineSettings()).resolves.toMatchObject({ draft: { baseUrl: GATEWAY } });
  });

  it('a stored plain-http URL that an allowed endpoint replaced blocks nothing; one still in use does', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': 'http://gateway.example.com/v1' });
    await saveStageSecret('draft', 'sk-team-1234', 'http://gateway.example.com');
    // Without a policy the stored URL is refused before anything is sent.
    await expect(loadPipelineSettings()).rejects.toMatchObject({ code: 'insecure-url' });
    await fakeBrowser.storage.managed.set({ allowedEndpoints: [GATEWAY] });
    const settings = await loadPipelineSettings();
    expect(settings.draft.baseUrl).toBe(GATEWAY);
    // The key saved for the refused address does not travel to the gateway.
    expect(settings.draft.apiKey).toBe('');
    expect(settings.refinement.baseUrl).toBe(GATEWAY);
  });

  it('the background records history with the policy’s retention', async () => {
    await fakeBrowser.storage.sync.set({ historySettings: { enabled: true, keepDays: 90 } });
    await fakeBrowser.storage.managed.set({ historyEnabled: false, historyKeepEntries: 50 });
    expect(await loadHistorySettings()).toMatchObject({
      enabled: false,
      keepDays: 90,
      keepEntries: 50,
    });
  });
  it('Save under a policy stores the user’s own values for what it locks, so lifting it gives them back', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.preset': 'openai',
      'draft.baseUrl': 'https://api.openai.com/v1',
      'draft.model': 'my-own-model',
      sendPageContext: true,
    });
    await fakeBrowser.storage.managed.set({
      draftBaseUrl: GATEWAY,
      draftModel: 'team-fast',
      sendPageContext: false,
    });
    // The options page saves what it shows: the policy's values, and one edit of the user's.
    const { values } = await loadStoredSettings();
    await writeSettings({
      ...values,
      draft: { ...values.draft, apiKey: '' },
      refinement: { ...values.refinement, model: 'gpt-4.1-mini', apiKey: '' },
    });
    expect(await fakeBrowser.storage.sync.get(null)).toMatchObject({
      'draft.preset': 'openai',
      'draft.baseUrl': 'https://api.openai.com/v1',
      'draft.model': 'my-own-model',
      'draft.timeoutMs': 5000,
      'refinement.model': 'gpt-4.1-mini',
      sendPageContext: true,
    });
    expect((await loadStoredSettings()).values.draft.model).toBe('team-fast');

    await fakeBrowser.storage.managed.clear();
    const lifted = (await loadStoredSettings()).values;
    expect(lifted.draft).toMatchObject({
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      model: 'my-own-model',
    });
    expect(lifted.sendPageContext).toBe(true);
    expect(lifted.refinement.model).toBe('gpt-4.1-mini');
  });

  it('a model picked for the policy’s gateway is kept for that gateway; lifting the policy gives back the user’s own model', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.preset': 'groq',
      'draft.baseUrl': 'https://api.groq.com/openai/v1',
      'draft.model': 'llama-3.1-8b-instant',
    });
    // The gateway is set; the model is left to the user.
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY });
    const shown = (await loadStoredSettings()).values;
    expect(shown.draft).toMatchObject({ baseUrl: GATEWAY, model: 'llama-3.1-8b-instant' });
    await writeSettings({
      ...shown,
      draft: { ...shown.draft, model: 'team-large', apiKey: '' },
      refinement: { ...shown.refinement, apiKey: '' },
    });
    expect(await fakeBrowser.storage.sync.get(null)).toMatchObject({
      'draft.baseUrl': 'https://api.groq.com/openai/v1',
      'draft.model': 'llama-3.1-8b-instant',
      'draft.gatewayModel': { baseUrl: GATEWAY, model: 'team-large' },
    });
    expect((await loadStoredSettings()).values.draft).toMatchObject({
      baseUrl: GATEWAY,
      model: 'team-large',
    });

    // Another gateway: the model picked for the first one is not carried over.
    await fakeBrowser.storage.managed.set({ draftBaseUrl: 'https://other.example.com/v1' });
    expect((await loadStoredSettings()).values.draft.model).toBe('llama-3.1-8b-instant');

    await fakeBrowser.storage.managed.clear();
    expect((await loadStoredSettings()).values.draft).toMatchObject({
      preset: 'groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      model: 'llama-3.1-8b-instant',
    });
  });

  it('where the user’s own base URL is the policy’s gateway, a model they pick stays their own', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.preset': 'custom',
      'draft.baseUrl': GATEWAY,
      'draft.model': 'mine-small',
      // A choice from an earlier policy does not beat what the user runs on their own URL.
      'draft.gatewayModel': { baseUrl: GATEWAY, model: 'stale-choice' },
    });
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY });
    const shown = (await loadStoredSettings()).values;
    expect(shown.draft.model).toBe('mine-small');
    await writeSettings({
      ...shown,
      draft: { ...shown.draft, model: 'mine-large', apiKey: '' },
      refinement: { ...shown.refinement, apiKey: '' },
    });
    expect(await fakeBrowser.storage.sync.get(['draft.model'])).toEqual({
      'draft.model': 'mine-large',
    });
    await fakeBrowser.storage.managed.clear();
    expect((await loadStoredSettings()).values.draft).toMatchObject({
      baseUrl: GATEWAY,
      model: 'mine-large',
    });
  });

  it('a save from a form that still showed the user’s own base URL (the policy came meanwhile) keeps the model as theirs', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.preset': 'groq',
      'draft.baseUrl': 'https://api.groq.com/openai/v1',
      'draft.model': 'llama-3.1-8b-instant',
    });
    const before = (await loadStoredSettings()).values;
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY });
    await writeSettings({
      ...before,
      draft: { ...before.draft, model: 'llama-3.3-70b-versatile', apiKey: '' },
      refinement: { ...before.refinement, apiKey: '' },
    });
    const stored = await fakeBrowser.storage.sync.get(null);
    expect(stored['draft.model']).toBe('llama-3.3-70b-versatile');
    expect(stored['draft.gatewayModel']).toBeUndefined();
  });

  it('a remembered gateway model that is not valid is dropped, and the user’s model is used', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.model': 'my-own-model',
      'draft.gatewayModel': { baseUrl: GATEWAY, model: '   ' },
    });
    await fakeBrowser.storage.managed.set({ draftBaseUrl: GATEWAY });
    const loaded = await loadStoredSettings();
    expect(loaded.values.draft.model).toBe('my-own-model');
    expect(loaded.reset).toEqual([]);
  });

  it('saving the History’s settings under a policy keeps the user’s own retention where it sets one', async () => {
    await fakeBrowser.storage.sync.set({ historySettings: { enabled: true, keepDays: 90 } });
    await fakeBrowser.storage.managed.set({ historyEnabled: false, historyKeepEntries: 50 });
    const shown = await loadHistorySettings();
    await saveHistorySettings({ ...shown, fullUrls: true });
    expect(await fakeBrowser.storage.sync.get('historySettings')).toMatchObject({
      historySettings: { enabled: true, keepDays: 90, keepEntries: 1000, fullUrls: true },
    });
    expect(await loadHistorySettings()).toMatchObject({
      enabled: false,
      keepEntries: 50,
      fullUrls: true,
    });
  });
});
