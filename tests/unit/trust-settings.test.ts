import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PipelineError } from '../../lib/errors/error-codes';
import type { ResultMetadata } from '../../lib/messaging/protocol';
import {
  forgetPipelineSettings,
  loadPipelineSettings,
} from '../../lib/background/pipeline/pipeline-settings';
import {
  CACHE_LIMIT,
  clearCache,
  readCache,
  writeCache,
} from '../../lib/background/pipeline/result-cache';
import { classifyError } from '../../lib/background/providers/classify-error';
import {
  keyBoundTo,
  readStageSecret,
  saveStageSecret,
  startLegacyMigration,
} from '../../lib/background/secrets/secret-store';
import { checkBaseUrl, isLoopbackHost } from '../../lib/settings/base-url-rules';
import { keyActionFor, keyFieldState } from '../../lib/settings/key-plan';
import {
  normalizeSettings,
  resetNotice,
  type RawSettings,
} from '../../lib/settings/normalize-settings';
import { loadStoredSettings } from '../../lib/settings/settings-store';
import { formFromValues, validateSettings } from '../../lib/settings/validate-settings';
import { DEFAULT_DRAFT_LENGTH } from '../../lib/prompts/modes';
import { resetIndexedDb } from './support/pipeline-harness';

beforeEach(async () => {
  fakeBrowser.reset();
  await resetIndexedDb();
  forgetPipelineSettings();
});

describe('normalizeSettings', () => {
  it('reads missing values as their defaults and reports nothing', () => {
    const { values, reset } = normalizeSettings({});
    expect(reset).toEqual([]);
    expect(values).toEqual({
      draft: {
        preset: 'groq',
        baseUrl: 'https://api.groq.com/openai/v1',
        model: 'llama-3.1-8b-instant',
        timeoutMs: 5000,
      },
      refinement: {
        preset: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        timeoutMs: 60000,
      },
      twoStageEnabled: true,
      defaultMode: 'general',
      cacheEnabled: true,
      draftLengths: DEFAULT_DRAFT_LENGTH,
      sendPageContext: true,
      noContextSites: [],
      warmConnection: true,
      priceOverrides: [],
      gatewayModels: {},
    });
  });

  it.each<
    [string, RawSettings, string, (v: ReturnType<typeof normalizeSettings>) => unknown, unknown]
  >([
    [
      'a timeout as text',
      { draft: { timeoutMs: 'abc' } },
      'Draft timeout',
      (n) => n.values.draft.timeoutMs,
      5000,
    ],
    [
      'a timeout out of range',
      { refinement: { timeoutMs: 10 } },
      'Refinement timeout',
      (n) => n.values.refinement.timeoutMs,
      60000,
    ],
    [
      'a fractional timeout',
      { draft: { timeoutMs: 1500.5 } },
      'Draft timeout',
      (n) => n.values.draft.timeoutMs,
      5000,
    ],
    [
      'an unknown preset',
      { draft: { preset: 'mistral' } },
      'Draft provider',
      (n) => n.values.draft.preset,
      'groq',
    ],
    [
      'a base URL that is not a URL',
      { draft: { baseUrl: 'nope' } },
      'Draft base URL',
      (n) => n.values.draft.baseUrl,
      'https://api.groq.com/openai/v1',
    ],
    [
      'a base URL that is a number',
      { refinement: { baseUrl: 7 } },
      'Refinement base URL',
      (n) => n.values.refinement.baseUrl,
      'https://api.openai.com/v1',
    ],
    [
      'plain http to another host',
      { draft: { baseUrl: 'http://example.com/v1' } },
      'Draft base URL',
      (n) => n.values.draft.baseUrl,
      'https://api.groq.com/openai/v1',
    ],
    [
      'an empty model',
      { draft: { model: '  ' } },
      'Draft model',
      (n) => n.values.draft.model,
      'llama-3.1-8b-instant',
    ],
    [
      'a model that is an object',
      { refinement: { model: {} } },
      'Refinement model',
      (n) => n.values.refinement.model,
      'gpt-4o-mini',
    ],
    [
      'two-stage as text',
      { twoStageEnabled: 'yes' },
      'Two-stage optimization',
      (n) => n.values.twoStageEnabled,
      true,
    ],
    ['cache as a number', { cacheEnabled: 0 }, 'Cache results', (n) => n.values.cacheEnabled, true],
    [
      'an invented mode',
      { defaultMode: 'jailbreak' },
      'Default mode',
      (n) => n.values.defaultMode,
      'general',
    ],
    [
      'lengths that are not an object',
      { draftLengths: 'long' },
      'Draft lengths',
      (n) => n.values.draftLengths,
      DEFAULT_DRAFT_LENGTH,
    ],
    [
      'page context as text',
      { sendPageContext: 'no' },
      'Send page context',
      (n) => n.values.sendPageContext,
      true,
    ],
    [
      'a site list that is one string',
      { noContextSites: 'mail.example.com' },
      'Sites that never get page context',
      (n) => n.values.noContextSites,
      [],
    ],
    [
      'prices that are not a list',
      { priceOverrides: { origin: 'https://openrouter.ai' } },
      'Prices',
      (n) => n.values.priceOverrides,
      [],
    ],
    [
      'a length range upside down',
      { draftLengths: { video: { min: 200, max: 20 } } },
      'Draft lengths',
      (n) => n.values.draftLengths.video,
      DEFAULT_DRAFT_LENGTH.video,
    ],
  ])('resets %s to its default and reports it', (_name, raw, label, pick, expected) => {
    const normalized = normalizeSettings(raw);
    expect(pick(normalized)).toEqual(expected);
    expect(normalized.reset.map((r) => r.label)).toEqual([label]);
  });

  it('keeps valid values, including loopback http and good length ranges', () => {
    const { values, reset } = normalizeSettings({
      draft: {
        preset: 'custom',
        baseUrl: 'http://localhost:11434/v1/',
        model: ' llama3.2 ',
        timeoutMs: 900,
      },
      cacheEnabled: false,
      draftLengths: { image: { min: 20, max: 30 } },
    });
    expect(reset).toEqual([]);
    expect(values.draft).toEqual({
      preset: 'custom',
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.2',
      timeoutMs: 900,
    });
    expect(values.cacheEnabled).toBe(false);
    expect(values.draftLengths.image).toEqual({ min: 20, max: 30 });
  });

  it('marks an http base URL to another host as insecure', () => {
    const { reset } = normalizeSettings({ refinement: { baseUrl: 'http://api.example.com/v1' } });
    expect(reset).toEqual([
      { label: 'Refinement base URL', reason: 'insecure-url', stage: 'refinement' },
    ]);
  });

  it('words the notice with every reset setting', () => {
    const { reset } = normalizeSettings({ draft: { timeoutMs: 'abc' }, defaultMode: 3 });
    expect(resetNotice(reset)).toBe(
      'Some saved settings were not valid and were reset to their defaults: Draft timeout, Default mode. Save to keep the defaults.',
    );
    expect(resetNotice([])).toBeNull();
  });

  it('keeps the valid stored prices and says how many were left out', () => {
    const price = {
      origin: 'http://127.0.0.1:4010',
      model: 'gpt-4o-mini',
      inputPerMTok: 1,
      outputPerMTok: 2,
    };
    const { values, reset } = normalizeSettings({
      priceOverrides: [price, { ...price, inputPerMTok: -1 }, { ...price, model: 'other' }, 'x'],
    });
    expect(values.priceOverrides).toEqual([price, { ...price, model: 'other' }]);
    expect(reset).toEqual([{ label: 'Prices', reason: 'dropped-prices', droppedCount: 2 }]);
    expect(resetNotice(reset)).toBe(
      'Prices: 2 saved prices were not valid (or repeated an endpoint’s model) and left out. Save to keep the list without them.',
    );
  });

  it('normalizes the site list: lower case, no duplicates, invalid entries left out and named', () => {
    const { values, reset } = normalizeSettings({
      sendPageContext: false,
      noContextSites: [
        'Mail.Example.com',
        'https://mail.example.com/inbox',
        '*.Docs.Example.org',
        'www.example.net',
        'not a host',
        42,
        '',
      ],
    });
    expect(values.sendPageContext).toBe(false);
    expect(values.noContextSites).toEqual(['mail.example.com', 'docs.example.org', 'example.net']);
    expect(reset).toEqual([
      {
        label: 'Sites that never get page context',
        reason: 'dropped-entries',
        dropped: ['not a host', '42'],
      },
    ]);
    expect(resetNotice(reset)).toBe(
      'Sites that never get page context: these saved entries are not host names and were left out: “not a host”, “42”. Save to keep the list without them.',
    );
  });

  it('keeps a valid site list without a notice', () => {
    const { values, reset } = normalizeSettings({ noContextSites: ['example.com', '127.0.0.1'] });
    expect(values.noContextSites).toEqual(['example.com', '127.0.0.1']);
    expect(reset).toEqual([]);
  });

  it('words a notice with both a reset setting and left-out entries', () => {
    const { reset } = normalizeSettings({ cacheEnabled: 'x', noContextSites: ['a b'] });
    expect(resetNotice(reset)).toBe(
      'Some saved settings were not valid and were reset to their defaults: Cache results. Sites that never get page context: these saved entries are not host names and were left out: “a b”. Save to keep these changes.',
    );
  });

  it('reads tampered storage through the same normalizer', async () => {
    await fakeBrowser.storage.sync.set({
      'draft.timeoutMs': 'abc',
      'refinement.preset': 42,
      sendPageContext: 1,
      noContextSites: ['EXAMPLE.com', 'exa mple.com'],
    });
    const { values, reset } = await loadStoredSettings();
    expect(values.draft.timeoutMs).toBe(5000);
    expect(values.refinement.preset).toBe('openai');
    expect(values.sendPageContext).toBe(true);
    expect(values.noContextSites).toEqual(['example.com']);
    expect(reset.map((r) => r.label)).toEqual([
      'Draft timeout',
      'Refinement provider',
      'Send page context',
      'Sites that never get page context',
    ]);
  });
});

describe('https only, except loopback', () => {
  it.each(['localhost', '127.0.0.1', '127.3.2.1', '[::1]', 'LOCALHOST'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each([
    'example.com',
    '10.0.0.1',
    '192.168.1.2',
    'localhost.example.com',
    '128.0.0.1',
    '[::2]',
  ])('%s is not loopback', (h) => expect(isLoopbackHost(h)).toBe(false));

  it.each([
    ['https://api.example.com/v1/', { ok: true, url: 'https://api.example.com/v1' }],
    ['http://localhost:11434/v1', { ok: true, url: 'http://localhost:11434/v1' }],
    ['http://127.0.0.1:8080', { ok: true, url: 'http://127.0.0.1:8080' }],
    ['http://127.1:8080', { ok: true, url: 'http://127.1:8080' }],
    ['http://[::1]:1234/v1', { ok: true, url: 'http://[::1]:1234/v1' }],
    ['http://example.com/v1', { ok: false, problem: 'insecure' }],
    ['http://10.0.0.5:8000/v1', { ok: false, problem: 'unconfirmed' }],
    ['http://localhost.evil.com/v1', { ok: false, problem: 'insecure' }],
    ['ftp://example.com', { ok: false, problem: 'invalid' }],
    ['https:example.com', { ok: false, problem: 'invalid' }],
  ])('checkBaseUrl(%j)', (url, expected) => {
    expect(checkBaseUrl(url)).toEqual(expected);
  });

  it('refuses http to another host on the options form, with words', () => {
    const values = {
      ...normalizeSettings({}).values,
      draft: { ...normalizeSettings({}).values.draft, apiKey: '' },
      refinement: { ...normalizeSettings({}).values.refinement, apiKey: '' },
    };
    const form = formFromValues(values);
    form.draft.baseUrl = 'http://example.com/v1';
    const result = validateSettings(form);
    expect(result).toEqual({
      ok: false,
      errors: {
        'draft-base-url':
          'Use https:// — plain http:// is allowed only for this computer (localhost)',
      },
    });
  });
});

describe('keys bound to their origin', () => {
  const secret = { apiKey: 'gsk_abc1234', origin: 'https://api.groq.com' };

  it('gives the key only to a base URL of the same origin', () => {
    expect(keyBoundTo(secret, 'https://api.groq.com/openai/v1')).toBe('gsk_abc1234');
    expect(keyBoundTo(secret, 'https://api.groq.com:443/other')).toBe('gsk_abc1234');
    expect(keyBoundTo(secret, 'https://api.openai.com/v1')).toBe('');
    expect(keyBoundTo(secret, 'http://api.groq.com/openai/v1')).toBe('');
    expect(keyBoundTo(secret, 'https://api.groq.com.evil.com/openai/v1')).toBe('');
    expect(keyBoundTo(secret, 'https://api.groq.com:8443/openai/v1')).toBe('');
    expect(keyBoundTo(null, 'https://api.groq.com/openai/v1')).toBe('');
  });

  it('plans Save: keep, replace, move only when confirmed, else forget', () => {
    const saved = {
      saved: true as const,
      origin: 'https://api.groq.com',
      host: 'api.groq.com',
      last4: '1234',
    };
    const groq = 'https://api.groq.com/openai/v1';
    const other = 'https://llm.example.com/v1';
    expect(keyFieldState(saved, groq)).toEqual({
      kind: 'saved',
      host: 'api.groq.com',
      last4: '1234',
    });
    expect(keyFieldState(saved, other)).toEqual({
      kind: 'other-host',
      oldHost: 'api.groq.com',
      newHost: 'llm.example.com',
      fromOrigin: 'https://api.groq.com',
    });
    expect(keyActionFor(saved, groq, '', false)).toEqual({ kind: 'keep' });
    expect(keyActionFor(saved, groq, ' new ', false)).toEqual({ kind: 'save', key: 'new' });
    expect(keyActionFor(saved, other, '', false)).toEqual({
      kind: 'forget',
      oldHost: 'api.groq.com',
    });
    expect(keyActionFor(saved, other, '', true)).toEqual({
      kind: 'rebind',
      fromOrigin: 'https://api.groq.com',
    });
    expect(keyActionFor({ saved: false }, other, '', true)).toEqual({ kind: 'none' });
  });

  it('sends a stage no key once its base URL moves to another origin', async () => {
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': 'https://api.groq.com/openai/v1' });
    await saveStageSecret('draft', 'gsk_abc1234', 'https://api.groq.com');
    expect((await loadPipelineSettings()).draft.apiKey).toBe('gsk_abc1234');
    await fakeBrowser.storage.sync.set({ 'draft.baseUrl': 'https://llm.example.com/v1' });
    expect((await loadPipelineSettings()).draft.apiKey).toBe('');
  });

  it('reads keys per request: a key saved after settings were kept is used at once', async () => {
    expect((await loadPipelineSettings()).refinement.apiKey).toBe('');
    await saveStageSecret('refinement', 'sk-later', 'https://api.openai.com');
    expect((await loadPipelineSettings()).refinement.apiKey).toBe('sk-later');
  });

  it('refuses a request when a stage with a key has a plain http base URL to another host', async () => {
    await saveStageSecret('refinement', 'sk-x', 'http://example.com');
    await fakeBrowser.storage.sync.set({ 'refinement.baseUrl': 'http://example.com/v1' });
    const error = await loadPipelineSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('insecure-url');
    expect((error as PipelineError).message).toBe(
      'Nothing sent: the Refinement base URL (http://example.com/v1) is plain http:// to example.com, which would expose your key. Use https:// — plain http:// is allowed only for this computer (localhost). Fix it in Prompt Relay settings.',
    );
  });

  it('links to a preset’s key page only when the preset’s own host answered', () => {
    const rejected = { status: 401 };
    const at = (provider: string) =>
      classifyError(rejected, { stage: 'draft', preset: 'groq', provider }, false).message;
    expect(at('api.groq.com')).toBe(
      'api.groq.com rejected the API key. Check the Draft API key in settings (get one at https://console.groq.com/keys).',
    );
    expect(at('llm.example.com')).toBe(
      'llm.example.com rejected the API key. Check the Draft API key in settings.',
    );
  });
});

describe('moving keys out of chrome.storage.local', () => {
  it('binds each old key to its stage’s saved base URL origin and removes it and the old cache', async () => {
    await fakeBrowser.storage.sync.set({ 'refinement.baseUrl': 'http://localhost:11434/v1' });
    await fakeBrowser.storage.local.set({
      'draft.apiKey': ' gsk_old ',
      'draft.apiKey$': { v: 1 },
      'refinement.apiKey': 'sk-old',
      resultCache: [{ key: 'k' }],
      shortcut: 'Alt+Shift+O',
    });
    await startLegacyMigration(async (stage) => (await loadStoredSettings()).values[stage].baseUrl);
    expect(await readStageSecret('draft')).toEqual({
      apiKey: 'gsk_old',
      origin: 'https://api.groq.com',
    });
    expect(await readStageSecret('refinement')).toEqual({
      apiKey: 'sk-old',
      origin: 'http://localhost:11434',
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ shortcut: 'Alt+Shift+O' });
  });

  it('drops a non-string old key and keeps a key already in the store', async () => {
    await saveStageSecret('refinement', 'sk-new', 'https://api.openai.com');
    await fakeBrowser.storage.local.set({ 'draft.apiKey': 42, 'refinement.apiKey': 'sk-stale' });
    await startLegacyMigration(async () => 'https://api.openai.com/v1');
    expect(await readStageSecret('draft')).toBeNull();
    expect((await readStageSecret('refinement'))?.apiKey).toBe('sk-new');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('result cache in IndexedDB', () => {
  const metadata = { mode: 'general' } as unknown as ResultMetadata;

  it('keeps the 50 newest entries', async () => {
    for (let i = 0; i < CACHE_LIMIT + 3; i += 1) {
      await writeCache({
        key: `k${i}`,
        draft: `d${i}`,
        refined: null,
        metadata,
        storedAt: 1000 + i,
      });
    }
    expect(await readCache('k0')).toBeNull();
    expect(await readCache('k2')).toBeNull();
    expect((await readCache('k3'))?.draft).toBe('d3');
    expect((await readCache(`k${CACHE_LIMIT + 2}`))?.draft).toBe(`d${CACHE_LIMIT + 2}`);
    await clearCache();
    expect(await readCache(`k${CACHE_LIMIT + 2}`)).toBeNull();
  });
});

describe('writing settings from the options page', () => {
  it('writes every setting but no key, and marks the lengths’ version', async () => {
    const { writeSettings } = await import('../../components/options/settings-io');
    const { values } = normalizeSettings({});
    await writeSettings({
      ...values,
      draft: { ...values.draft, apiKey: 'gsk_never_stored' },
      refinement: { ...values.refinement, apiKey: '' },
      draftLengths: { ...values.draftLengths, video: { min: 50, max: 60 } },
      sendPageContext: false,
      noContextSites: ['mail.example.com'],
    });
    const sync = await fakeBrowser.storage.sync.get(null);
    expect(sync).toMatchObject({
      'draft.timeoutMs': 5000,
      'refinement.baseUrl': 'https://api.openai.com/v1',
      draftLengths$: { v: 2 },
      sendPageContext: false,
      noContextSites: ['mail.example.com'],
    });
    expect((sync.draftLengths as Record<string, unknown>).video).toEqual({ min: 50, max: 60 });
    const everything = JSON.stringify([sync, await fakeBrowser.storage.local.get(null)]);
    expect(everything).not.toContain('gsk_never_stored');
  });
});
