// The options page's live model list and Test connection, answered by the background with the
// real SDKs against the loopback mock provider (issue #11).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMessageRouter } from '../../lib/background/message-router';
import { messageHandlers } from '../../lib/background/message-handlers';
import { listStageModels } from '../../lib/background/providers/stage-models';
import {
  TEST_MAX_TOKENS,
  TEST_PROMPT,
  testConnection,
} from '../../lib/background/providers/test-connection';
import { saveStageSecret } from '../../lib/background/secrets/secret-store';
import {
  cleanModelIds,
  filterModelIds,
  MODEL_LIST_MAX,
  modelListPlan,
} from '../../lib/settings/model-list';
import { stageSettings } from '../../lib/settings/settings-items';
import { describeModelList } from '../../components/options/model-requests';
import { describeTestResult } from '../../components/options/test-connection';
import {
  MOCK_MODEL_IDS,
  messageText,
  startMockProvider,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';
import {
  configureStage,
  DRAFT_KEY,
  REFINEMENT_KEY,
  resetExtensionState,
} from './support/pipeline-harness';

let draftMock: MockProvider;
let refinementMock: MockProvider;

function host(mock: MockProvider): string {
  return new URL(mock.url).host;
}

beforeAll(async () => {
  draftMock = await startMockProvider();
  refinementMock = await startMockProvider();
});
afterAll(async () => {
  await draftMock.close();
  await refinementMock.close();
});
beforeEach(async () => {
  await resetExtensionState();
  draftMock.reset();
  refinementMock.reset();
  await configureStage('draft', draftMock, DRAFT_KEY);
  await configureStage('refinement', refinementMock, REFINEMENT_KEY);
});

/** A port nothing listens on: a closed mock's. */
async function deadUrl(): Promise<string> {
  const mock = await startMockProvider();
  await mock.close();
  return mock.url;
}

describe('list-models', () => {
  it('lists the saved endpoint’s models through groq-sdk, with the key saved for its origin', async () => {
    const result = await listStageModels('draft');
    expect(result).toEqual({
      ok: true,
      baseUrl: `${draftMock.url}/openai/v1`,
      host: host(draftMock),
      models: [...MOCK_MODEL_IDS].sort(),
    });
    expect(draftMock.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/openai/v1/models', `Bearer ${DRAFT_KEY}`],
    ]);
    expect(refinementMock.requests).toHaveLength(0);
  });

  it('lists through the openai client for the refinement', async () => {
    const result = await listStageModels('refinement');
    expect(result.ok && result.models).toEqual([
      'gpt-4o-mini',
      'llama-3.1-8b-instant',
      'mock-model',
    ]);
    expect(refinementMock.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['/v1/models', `Bearer ${REFINEMENT_KEY}`],
    ]);
  });

  it('sends nothing without a key, and says to enter one and Save', async () => {
    await configureStage('draft', null, '');
    const result = await listStageModels('draft');
    expect(result).toMatchObject({ ok: false, error: { code: 'no-keys' } });
    expect(!result.ok && result.error.message).toBe(
      `Nothing sent: a Draft API key for ${host(draftMock)} is needed. Enter it and press Save first.`,
    );
    expect(draftMock.requests).toHaveLength(0);
  });

  it('never sends a key saved for another origin', async () => {
    await saveStageSecret('draft', 'gsk_for_another_host', refinementMock.url);
    const result = await listStageModels('draft');
    expect(result).toMatchObject({ ok: false, error: { code: 'no-keys' } });
    expect(draftMock.requests).toHaveLength(0);
    expect(refinementMock.requests).toHaveLength(0);
  });

  it('asks a custom endpoint on this computer without a key', async () => {
    const items = stageSettings.refinement;
    await items.preset.setValue('custom');
    await items.baseUrl.setValue(`${refinementMock.url}/v1`);
    await configureStage('refinement', null, '');
    const result = await listStageModels('refinement');
    expect(result.ok && result.models).toHaveLength(MOCK_MODEL_IDS.length);
    // The SDKs insist on some key: a placeholder that is no one's key, never a saved one.
    expect(refinementMock.requests.map((r) => r.authorization)).toEqual(['Bearer no-key']);
  });

  it('names the host that rejected the key', async () => {
    draftMock.setScenario({ failure: { kind: 'status', status: 401 } });
    const result = await listStageModels('draft');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-key' } });
    expect(!result.ok && result.error.message).toBe(
      `${host(draftMock)} rejected the API key. Check the Draft API key in settings.`,
    );
  });

  it('says when a server has no list', async () => {
    refinementMock.setScenario({ failure: { kind: 'status', status: 404 } });
    const result = await listStageModels('refinement');
    expect(!result.ok && result.error.message).toBe(
      `${host(refinementMock)} has no model list (it answered 404 at /models): type the model name.`,
    );
  });

  it('says in words when the server cannot be reached', async () => {
    const url = await deadUrl();
    await stageSettings.refinement.baseUrl.setValue(`${url}/v1`);
    await saveStageSecret('refinement', REFINEMENT_KEY, url);
    const result = await listStageModels('refinement');
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(!result.ok && result.error.message).toBe(
      `Could not reach ${new URL(url).host}. Check that the server is running and the Refinement base URL. ` +
        'If it is running, it may be refusing Prompt Relay: for Ollama set ' +
        'OLLAMA_ORIGINS=chrome-extension://test-extension-id and restart it; in LM Studio turn on “Enable CORS”.',
    );
  });

  it('refuses a stored plain http:// base URL to another host before any request', async () => {
    await stageSettings.draft.baseUrl.setValue('http://llm.example/v1');
    await saveStageSecret('draft', DRAFT_KEY, 'http://llm.example');
    const result = await listStageModels('draft');
    expect(result).toMatchObject({ ok: false, error: { code: 'insecure-url' } });
    expect(draftMock.requests).toHaveLength(0);
  });
});

describe('Test connection', () => {
  it('streams a tiny request and times the first token and the answer', async () => {
    refinementMock.reset({ firstTokenMs: 150, tokensPerSecond: 20, reply: 'OK, ready now.' });
    const result = await testConnection('refinement');
    expect(result).toMatchObject({ ok: true, model: 'gpt-4o-mini', maxTokens: TEST_MAX_TOKENS });
    if (!result.ok) throw new Error(result.error.message);
    // The mock waits 150 ms before the first token, then 3 more tokens at 20/s (≈150 ms).
    expect(result.firstTokenMs).toBeGreaterThanOrEqual(140);
    expect(result.answerMs - result.firstTokenMs!).toBeGreaterThanOrEqual(120);

    const [request] = refinementMock.requests;
    expect(refinementMock.requests).toHaveLength(1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe(`Bearer ${REFINEMENT_KEY}`);
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true, max_tokens: 8 });
    expect(request?.body?.messages?.map((m) => [m.role, messageText(m.content)])).toEqual([
      ['user', TEST_PROMPT],
    ]);
    expect(describeTestResult(result).text).toMatch(
      /^Connected — first token \d+ ms, answer \d+ ms \(gpt-4o-mini\)$/,
    );
  });

  it('goes through groq-sdk for a Groq root, as the draft does', async () => {
    const result = await testConnection('draft');
    expect(result.ok).toBe(true);
    expect(draftMock.requests.map((r) => [r.path, r.body?.max_tokens])).toEqual([
      ['/openai/v1/chat/completions', 8],
    ]);
  });

  it('tells a connection that gave no text apart from a working one', async () => {
    refinementMock.reset({ reply: '' });
    const result = await testConnection('refinement');
    expect(result).toMatchObject({ ok: true, firstTokenMs: null });
    expect(describeTestResult(result).text).toMatch(
      /^Connected — answer \d+ ms \(gpt-4o-mini\), but no text within 8 tokens: first token not measured\.$/,
    );
  });

  it('sends nothing without a key', async () => {
    await configureStage('refinement', null, '');
    const result = await testConnection('refinement');
    expect(describeTestResult(result).text).toBe(
      `Nothing sent: a Refinement API key for ${host(refinementMock)} is needed. Enter it and press Save first.`,
    );
    expect(refinementMock.requests).toHaveLength(0);
  });

  it('gives up after the stage’s timeout, in words', async () => {
    await configureStage('draft', draftMock, DRAFT_KEY, 600);
    draftMock.setScenario({ failure: { kind: 'hang' } });
    const result = await testConnection('draft');
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(describeTestResult(result).text).toBe(
      `${host(draftMock)} did not answer within 1 second. Check the Draft base URL.`,
    );
    await expect.poll(() => draftMock.requests[0]?.aborted).toBe(true);
  });

  it('works keyless against a custom endpoint on this computer', async () => {
    await stageSettings.refinement.preset.setValue('custom');
    await configureStage('refinement', null, '');
    const result = await testConnection('refinement');
    expect(result.ok).toBe(true);
    expect(refinementMock.requests.map((r) => r.authorization)).toEqual(['Bearer no-key']);
  });
});

describe('who may ask', () => {
  const SELF = { id: 'me', baseUrl: 'chrome-extension://me/' };
  const OPTIONS = { id: 'me', url: 'chrome-extension://me/options.html', tab: { id: 3 } };
  const CONTENT = { id: 'me', url: 'https://evil.example/', frameId: 0, tab: { id: 4 } };
  const route = createMessageRouter(messageHandlers, SELF);

  it('answers the options page only', async () => {
    expect(messageHandlers['list-models'].from).toEqual(['extension-page']);
    expect(route({ type: 'list-models', stage: 'draft' }, CONTENT)).toBeUndefined();
    expect(route({ type: 'list-models', stage: 'everything' }, OPTIONS)).toBeUndefined();
    expect(draftMock.requests).toHaveLength(0);
    const reply = await route({ type: 'list-models', stage: 'draft' }, OPTIONS);
    expect(reply).toMatchObject({ ok: true, models: [...MOCK_MODEL_IDS].sort() });
    // The reply holds ids and a host, never the key.
    expect(JSON.stringify(reply)).not.toContain(DRAFT_KEY);
  });
});

describe('the list’s words on the page', () => {
  it('reads a reply of another shape as no answer', () => {
    expect(describeModelList(undefined)).toMatchObject({ ok: false, baseUrl: null });
    expect(describeModelList({ ok: true, baseUrl: 'x', host: 'h', models: [1] })).toMatchObject({
      ok: false,
    });
    expect(
      describeModelList({ ok: false, baseUrl: 'x', error: { message: 'Nothing sent.' } }),
    ).toEqual({ ok: false, baseUrl: 'x', text: 'Nothing sent.' });
  });
});

describe('cleanModelIds', () => {
  it('keeps savable ids once, sorted as people read numbers', () => {
    expect(
      cleanModelIds(['gpt-4o', 'llama-3.1-70b', ' gpt-4o ', 'llama-3.1-8b', 42, '', 'a\nb', null]),
    ).toEqual(['gpt-4o', 'llama-3.1-8b', 'llama-3.1-70b']);
    expect(cleanModelIds(['x'.repeat(201), 'y'.repeat(200)])).toEqual(['y'.repeat(200)]);
  });

  it('cuts a list far larger than any provider’s', () => {
    const ids = Array.from({ length: MODEL_LIST_MAX + 50 }, (_, i) => `m${i}`);
    expect(cleanModelIds(ids)).toHaveLength(MODEL_LIST_MAX);
  });
});

describe('filterModelIds', () => {
  const IDS = [
    'meta-llama/llama-3.1-8b-instruct',
    'meta-llama/llama-3.3-70b-instruct',
    'openai/gpt-4o',
    'openai/gpt-4o-mini',
    'qwen/qwen-2.5-72b-instruct',
  ];

  it('matches every word, any case and order, the whole list for no words', () => {
    expect(filterModelIds(IDS, 'INSTRUCT 70', 10).shown).toEqual([
      'meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(filterModelIds(IDS, '  ', 10)).toEqual({ shown: IDS, total: 5 });
    expect(filterModelIds(IDS, 'claude', 10)).toEqual({ shown: [], total: 0 });
  });

  it('ranks the exact id, then names that start with the query, then the rest', () => {
    expect(filterModelIds(IDS, 'gpt-4o', 10).shown).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
    ]);
    expect(filterModelIds(['a-gpt', 'gpt-x', 'openai/gpt-4o'], 'gpt', 10).shown).toEqual([
      'gpt-x',
      'openai/gpt-4o',
      'a-gpt',
    ]);
    expect(filterModelIds(IDS, 'openai/gpt-4o', 10).shown[0]).toBe('openai/gpt-4o');
  });

  it('shows at most the limit and counts the rest', () => {
    expect(filterModelIds(IDS, 'instruct', 2)).toEqual({
      shown: ['meta-llama/llama-3.1-8b-instruct', 'meta-llama/llama-3.3-70b-instruct'],
      total: 3,
    });
  });
});

describe('modelListPlan', () => {
  const saved = { preset: 'openai', baseUrl: 'https://api.openai.com/v1' } as const;

  it('lists only the saved endpoint', () => {
    expect(modelListPlan({ ...saved, baseUrl: 'https://api.openai.com/v1/ ' }, saved)).toBe(
      'saved',
    );
    expect(modelListPlan({ ...saved, baseUrl: 'https://llm.example/v1' }, saved)).toBe(
      'save-first',
    );
    expect(modelListPlan({ ...saved, preset: 'custom' }, saved)).toBe('save-first');
    expect(modelListPlan({ preset: 'chrome-on-device', baseUrl: '' }, saved)).toBe('none');
  });
});
