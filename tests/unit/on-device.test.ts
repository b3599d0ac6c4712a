import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../lib/errors/error-codes';
import {
  createOnDeviceDraft,
  FIRST_LOAD_TIMEOUT_MS,
  StreamPieces,
} from '../../lib/background/providers/on-device';
import { useOnDeviceDraftForTests } from '../../lib/background/pipeline/run-stage';
import { warmTargetOf } from '../../lib/background/connection-warmer';
import type { PipelineSettings } from '../../lib/background/pipeline/pipeline-settings';
import {
  downloadModel,
  languageModelIn,
  onDeviceSelectable,
  onDeviceState,
  onDeviceStatusWords,
  unavailableReason,
  type LanguageModelApi,
  type LanguageModelCreateOptions,
  type ModelAvailability,
} from '../../lib/settings/on-device-model';
import { normalizeSettings } from '../../lib/settings/normalize-settings';
import {
  formFromValues,
  MESSAGES,
  stageFieldId,
  validateSettings,
  type SettingsValues,
} from '../../lib/settings/validate-settings';
import { requestCost } from '../../lib/insights/prices';
import { keyActionFor } from '../../lib/settings/key-plan';
import { costWords } from '../../lib/optimization/optimization-words';
import { stageSettings } from '../../lib/settings/settings-items';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import {
  REFINEMENT_KEY,
  configureStage,
  optimize,
  resetExtensionState,
} from './support/pipeline-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FakeOptions {
  availability?: ModelAvailability | (() => ModelAvailability);
  chunks?: string[];
  chunkMs?: number;
  /** How long each create() takes, in order; the last repeats. */
  createMs?: number[];
  createError?: Error;
  progress?: number[];
}

/** A stand-in for Chrome's `LanguageModel` that records what the extension did with it. */
function fakeLanguageModel(options: FakeOptions = {}) {
  const log = {
    creates: [] as LanguageModelCreateOptions[],
    prompts: [] as string[],
    destroyed: 0,
    sessions: 0,
  };
  let createCount = 0;
  const api: LanguageModelApi = {
    availability: () =>
      Promise.resolve(
        typeof options.availability === 'function'
          ? options.availability()
          : (options.availability ?? 'available'),
      ),
    async create(createOptions = {}) {
      log.creates.push(createOptions);
      const waits = options.createMs ?? [0];
      const wait = waits[Math.min(createCount, waits.length - 1)] ?? 0;
      createCount += 1;
      if (wait > 0) await sleep(wait);
      if (createOptions.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      if (options.createError) throw options.createError;
      if (createOptions.monitor) {
        const listeners: ((e: { loaded: number }) => void)[] = [];
        createOptions.monitor({ addEventListener: (_type, listener) => listeners.push(listener) });
        for (const loaded of options.progress ?? []) for (const l of listeners) l({ loaded });
      }
      log.sessions += 1;
      let stop: ((reason: unknown) => void) | null = null;
      return {
        promptStreaming(input, promptOptions) {
          log.prompts.push(input);
          const chunks = options.chunks ?? ['Hello', ' world'];
          return new ReadableStream<string>({
            async start(controller) {
              stop = (reason) => controller.error(reason);
              promptOptions?.signal?.addEventListener('abort', () =>
                controller.error(new DOMException('Aborted', 'AbortError')),
              );
              for (const chunk of chunks) {
                await sleep(options.chunkMs ?? 1);
                try {
                  controller.enqueue(chunk);
                } catch {
                  return;
                }
              }
              try {
                controller.close();
              } catch {
                // errored meanwhile
              }
            },
          });
        },
        destroy() {
          log.destroyed += 1;
          stop?.(new DOMException('The session was destroyed.', 'AbortError'));
        },
      };
    },
  };
  return { api, log };
}

const MESSAGES_IN = [
  { role: 'system' as const, content: 'You optimize prompts.' },
  { role: 'user' as const, content: 'haiku about autumn' },
];

describe('StreamPieces: each chunk a piece, or the whole text so far', () => {
  it('keeps pieces as they come, even two equal ones', () => {
    const pieces = new StreamPieces();
    expect(['The', 'The', ' end'].map((c) => pieces.push(c))).toEqual(['The', 'The', ' end']);
    expect(pieces.whole).toBe('TheThe end');
  });

  it('turns whole-text-so-far chunks (older Chrome) into pieces', () => {
    const pieces = new StreamPieces();
    expect(['Write', 'Write a', 'Write a haiku'].map((c) => pieces.push(c))).toEqual([
      'Write',
      ' a',
      ' haiku',
    ]);
    expect(pieces.whole).toBe('Write a haiku');
  });
});

describe('the on-device draft stream', () => {
  it('streams the pieces to onDelta in order and destroys the session after', async () => {
    const { api, log } = fakeLanguageModel({ chunks: ['Write ', 'a haiku ', 'about autumn.'] });
    const draft = createOnDeviceDraft(() => api);
    const deltas: string[] = [];
    const out = await draft.stream({
      messages: MESSAGES_IN,
      signal: new AbortController().signal,
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas).toEqual(['Write ', 'a haiku ', 'about autumn.']);
    expect(out).toEqual({ text: 'Write a haiku about autumn.', usage: null });
    expect(log.creates[0]?.initialPrompts).toEqual([
      { role: 'system', content: 'You optimize prompts.' },
    ]);
    expect(log.prompts).toEqual(['haiku about autumn']);
    expect(log.destroyed).toBe(1);
  });

  it('an abort mid-stream destroys the session and throws cancelled', async () => {
    const { api, log } = fakeLanguageModel({
      chunks: ['one ', 'two ', 'three ', 'four'],
      chunkMs: 30,
    });
    const draft = createOnDeviceDraft(() => api);
    const controller = new AbortController();
    const deltas: string[] = [];
    const running = draft.stream({
      messages: MESSAGES_IN,
      signal: controller.signal,
      onDelta: (d) => {
        deltas.push(d);
        if (deltas.length === 2) controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ code: 'cancelled', message: 'Cancelled.' });
    expect(deltas).toEqual(['one ', 'two ']);
    expect(log.destroyed).toBe(1);
  });

  it('a session that arrives after the cancel is destroyed at once', async () => {
    const { api, log } = fakeLanguageModel();
    const lateApi: LanguageModelApi = {
      availability: api.availability,
      // Chrome may settle create() after the signal fired: the session must not leak.
      create: async (options) => {
        const session = await api.create({ ...options, signal: new AbortController().signal });
        controller.abort();
        return session;
      },
    };
    const controller = new AbortController();
    const draft = createOnDeviceDraft(() => lateApi);
    await expect(
      draft.stream({ messages: MESSAGES_IN, signal: controller.signal, onDelta: () => {} }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(log.sessions).toBe(1);
    expect(log.destroyed).toBe(1);
    expect(log.prompts).toEqual([]);
  });

  it.each([
    ['unavailable', 'this device does not meet its hardware requirements'],
    ['downloadable', 'click “Download the model”'],
  ] as const)('%s → a typed error with words, no session', async (availability, words) => {
    const { api, log } = fakeLanguageModel({ availability });
    const draft = createOnDeviceDraft(() => api);
    const error = await draft
      .stream({ messages: MESSAGES_IN, signal: new AbortController().signal, onDelta: () => {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'provider-error', retryable: false, stage: 'draft' });
    expect((error as Error).message).toContain('Chrome’s on-device model is not available');
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).toContain('Choose another Draft provider in settings.');
    expect(log.creates).toHaveLength(0);
  });

  it('no LanguageModel at all (Firefox, Chrome before 138) → words naming Chrome 138', async () => {
    const draft = createOnDeviceDraft(() => null);
    await expect(
      draft.stream({
        messages: MESSAGES_IN,
        signal: new AbortController().signal,
        onDelta: () => {},
      }),
    ).rejects.toThrow('it needs Chrome 138 or later');
  });

  it('create() failing because the model went away says so in words', async () => {
    let answer: ModelAvailability = 'available';
    const { api } = fakeLanguageModel({
      availability: () => answer,
      createError: new DOMException('Unable to create a text session', 'NotSupportedError'),
    });
    const draft = createOnDeviceDraft(() => {
      answer = 'available';
      return api;
    });
    const run = draft.stream({
      messages: MESSAGES_IN,
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    answer = 'unavailable';
    await expect(run).rejects.toThrow('does not meet its hardware requirements');
  });

  it('create() refused while Chrome is still downloading says so', async () => {
    const { api } = fakeLanguageModel({
      availability: 'downloading',
      createError: new DOMException('Requires a user gesture', 'NotAllowedError'),
    });
    const draft = createOnDeviceDraft(() => api);
    await expect(
      draft.stream({
        messages: MESSAGES_IN,
        signal: new AbortController().signal,
        onDelta: () => {},
      }),
    ).rejects.toThrow(
      'Chrome is still downloading its model — the draft runs here once it is done',
    );
  });

  it('a session that will not start while the model is there: retryable, with words', async () => {
    const { api } = fakeLanguageModel({ createError: new Error('The model crashed') });
    const draft = createOnDeviceDraft(() => api);
    const error = await draft
      .stream({ messages: MESSAGES_IN, signal: new AbortController().signal, onDelta: () => {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'provider-error',
      retryable: true,
      message: 'Chrome’s on-device model did not start (The model crashed). Try again.',
    });
  });

  it('a prompt over the model’s context is too long, in words', async () => {
    const { api, log } = fakeLanguageModel();
    const tooLong: LanguageModelApi = {
      availability: api.availability,
      async create(options) {
        const session = await api.create(options);
        return {
          promptStreaming: () =>
            new ReadableStream<string>({
              start: (c) => c.error(new DOMException('Input too large', 'QuotaExceededError')),
            }),
          destroy: () => session.destroy(),
        };
      },
    };
    const draft = createOnDeviceDraft(() => tooLong);
    await expect(
      draft.stream({
        messages: MESSAGES_IN,
        signal: new AbortController().signal,
        onDelta: () => {},
      }),
    ).rejects.toMatchObject({
      code: 'too-long',
      message:
        'The prompt is too long for Chrome’s on-device model. Shorten it, or choose another Draft provider in settings.',
    });
    expect(log.destroyed).toBe(1);
  });

  it('the first model load in a worker life gets the longer timeout, later ones the stage’s', async () => {
    const { api } = fakeLanguageModel();
    const draft = createOnDeviceDraft(() => api);
    expect(draft.timeoutFor(5000)).toBe(FIRST_LOAD_TIMEOUT_MS);
    expect(draft.timeoutFor(FIRST_LOAD_TIMEOUT_MS + 1)).toBe(FIRST_LOAD_TIMEOUT_MS + 1);
    await draft.stream({
      messages: MESSAGES_IN,
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    expect(draft.timeoutFor(5000)).toBe(5000);
  });
});

describe('the on-device draft in the pipeline', () => {
  let refinementMock: MockProvider;
  const REFINED = 'You are a poet. Write a calm haiku about autumn leaves.';

  beforeAll(async () => {
    refinementMock = await startMockProvider({ scenario: { reply: REFINED } });
  });
  afterAll(async () => {
    await refinementMock.close();
    useOnDeviceDraftForTests(createOnDeviceDraft(() => languageModelIn()));
  });
  beforeEach(async () => {
    await resetExtensionState();
    refinementMock.reset({ reply: REFINED, firstTokenMs: 10 });
    const draft = stageSettings.draft;
    await draft.preset.setValue('chrome-on-device');
    await draft.baseUrl.setValue('');
    await draft.model.setValue('gemini-nano');
    await draft.timeoutMs.setValue(500);
    await configureStage('refinement', refinementMock, REFINEMENT_KEY);
  });

  it('streams the draft through the same events as a provider, then refines', async () => {
    const { api } = fakeLanguageModel({ chunks: ['Draft: ', 'haiku, ', 'calm.'] });
    useOnDeviceDraftForTests(createOnDeviceDraft(() => api));
    const run = await optimize('haiku autumn');
    expect(run.types).toEqual(['draft-delta', 'draft', 'refined-delta', 'refined', 'end']);
    expect(run.events.filter((e) => e.type === 'draft-delta').map((e) => e.delta)).toEqual([
      'Draft: ',
      'haiku, ',
      'calm.',
    ]);
    expect(run.find('draft')?.draft).toBe('Draft: haiku, calm.');
    expect(run.end).toMatchObject({ outcome: 'refined' });
    // The refinement got the on-device draft to improve.
    expect(JSON.stringify(refinementMock.requests.at(-1)?.body)).toContain('Draft: haiku, calm.');
  });

  it('unavailable at run time → fallback with words, the refinement answers alone', async () => {
    const { api } = fakeLanguageModel({ availability: 'unavailable' });
    useOnDeviceDraftForTests(createOnDeviceDraft(() => api));
    const run = await optimize('haiku autumn');
    expect(run.find('fallback')?.reason.message).toContain(
      'Chrome’s on-device model is not available',
    );
    expect(run.end).toMatchObject({ outcome: 'single-stage' });
    expect(run.find('refined')?.refined).toBe(REFINED);
    expect(refinementMock.requests).toHaveLength(1);
  });

  it('a slow first load passes under the first-load ceiling; a slow later one times out', async () => {
    // The draft timeout is 500 ms; each create takes 800 ms.
    const { api } = fakeLanguageModel({ createMs: [800] });
    useOnDeviceDraftForTests(createOnDeviceDraft(() => api));
    const first = await optimize('haiku autumn');
    expect(first.end).toMatchObject({ outcome: 'refined' });
    const second = await optimize('haiku winter');
    expect(second.find('fallback')?.reason).toMatchObject({ code: 'timeout' });
    expect(second.find('fallback')?.reason.message).toContain(
      'the on-device model did not answer after',
    );
    expect(second.end).toMatchObject({ outcome: 'single-stage' });
  });

  it('draft only: costs $0 and says why', async () => {
    const { api } = fakeLanguageModel({ chunks: ['A calm haiku.'] });
    useOnDeviceDraftForTests(createOnDeviceDraft(() => api));
    await configureStage('refinement', null, '');
    const run = await optimize('haiku autumn');
    expect(run.end).toMatchObject({ outcome: 'draft-only' });
    expect(run.find('draft')?.draft).toBe('A calm haiku.');
    const end = run.end as { metadata?: { cost: unknown } };
    expect(end.metadata?.cost).toEqual({
      kind: 'priced',
      usd: 0,
      basis: 'on-device',
      asOf: null,
    });
  });
});

describe('on-device settings', () => {
  const VALUES: SettingsValues = normalizeSettings({}).values as unknown as SettingsValues;

  function formWithDraft(preset: 'chrome-on-device' | 'custom', baseUrl: string) {
    const form = formFromValues({
      ...VALUES,
      draft: { ...VALUES.draft, apiKey: '' },
      refinement: { ...VALUES.refinement, apiKey: '' },
    });
    return { ...form, draft: { ...form.draft, preset, baseUrl, model: 'gemini-nano' } };
  }

  it('the on-device draft saves without a base URL or key', () => {
    const result = validateSettings(formWithDraft('chrome-on-device', ''));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.values.draft).toMatchObject({
        preset: 'chrome-on-device',
        baseUrl: '',
        apiKey: '',
      });
  });

  it('an empty base URL is still refused for any other provider', () => {
    const result = validateSettings(formWithDraft('custom', ''));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[stageFieldId('draft', 'baseUrl')]).toBe(MESSAGES.baseUrl);
  });

  it('the on-device model cannot be the refinement', () => {
    const form = formWithDraft('custom', 'http://localhost:11434/v1');
    const result = validateSettings({
      ...form,
      refinement: { ...form.refinement, preset: 'chrome-on-device', baseUrl: '' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[stageFieldId('refinement', 'preset')]).toBe(MESSAGES.preset);
  });

  it('normalizing keeps the on-device draft with base URL "" whatever was stored', () => {
    const { values, reset } = normalizeSettings({
      draft: { preset: 'chrome-on-device', baseUrl: 'https://evil.example/v1' },
      refinement: { preset: 'chrome-on-device' },
    });
    expect(values.draft).toMatchObject({
      preset: 'chrome-on-device',
      baseUrl: '',
      model: 'gemini-nano',
    });
    expect(values.refinement.preset).toBe('openai');
    expect(reset.map((r) => r.label)).toEqual(['Refinement provider']);
  });

  it('a key typed before switching to the on-device draft is not saved; a saved one is kept', () => {
    expect(keyActionFor({ saved: false }, '', 'gsk_typed', false)).toEqual({ kind: 'none' });
    const saved = {
      saved: true as const,
      origin: 'https://api.groq.com',
      host: 'api.groq.com',
      last4: 'abcd',
    };
    expect(keyActionFor(saved, '', 'gsk_typed', false)).toEqual({ kind: 'keep' });
  });

  it('the connection warm-up skips the on-device draft', () => {
    const stage = (preset: string, baseUrl: string, apiKey: string) => ({
      preset,
      baseUrl,
      apiKey,
      model: 'm',
      timeoutMs: 5000,
    });
    const settings = {
      draft: stage('chrome-on-device', '', ''),
      refinement: stage('openai', 'https://api.openai.com/v1', 'sk'),
      twoStageEnabled: true,
      warmConnection: true,
    } as unknown as PipelineSettings;
    expect(warmTargetOf(settings).origins).toEqual(['https://api.openai.com']);
  });
});

describe('on-device status words', () => {
  it('says each state in words, per browser', () => {
    expect(onDeviceStatusWords('available', 'chrome')).toBe(
      'Ready — runs on this device, nothing leaves it.',
    );
    expect(onDeviceStatusWords('unavailable', 'chrome')).toContain(
      'this device does not meet the hardware requirements',
    );
    expect(onDeviceStatusWords('missing', 'chrome')).toContain('it needs Chrome 138 or later');
    expect(onDeviceStatusWords('missing', 'firefox')).toBe(
      'Not available in Firefox: it has no on-device model for extensions. Choose another Draft provider.',
    );
    expect(onDeviceStatusWords('downloadable', 'chrome')).toContain(
      'downloads its on-device model',
    );
  });

  it('the preset can be chosen only where the model is, or can be downloaded', () => {
    expect(onDeviceSelectable('available')).toBe(true);
    expect(onDeviceSelectable('downloadable')).toBe(true);
    expect(onDeviceSelectable('unavailable')).toBe(false);
    expect(unavailableReason('unavailable', 'chrome')).toBe(
      'this device does not meet its hardware requirements',
    );
    expect(unavailableReason('missing', 'firefox')).toBe('not available in Firefox');
    expect(unavailableReason('available', 'chrome')).toBeNull();
  });

  it('reads the state from LanguageModel; none at all is "missing"', async () => {
    expect(languageModelIn({})).toBeNull();
    expect(await onDeviceState(null)).toBe('missing');
    const { api } = fakeLanguageModel({ availability: 'downloadable' });
    expect(await onDeviceState(languageModelIn({ LanguageModel: api }))).toBe('downloadable');
    const odd = { availability: () => Promise.resolve('readily'), create: api.create };
    expect(await onDeviceState(odd as unknown as LanguageModelApi)).toBe('unavailable');
  });

  it('downloads from a click with progress, then frees the session', async () => {
    const { api, log } = fakeLanguageModel({ availability: 'downloadable', progress: [0, 0.5, 1] });
    const seen: number[] = [];
    await downloadModel(api, (loaded) => seen.push(loaded));
    expect(seen).toEqual([0, 0.5, 1]);
    expect(log.sessions).toBe(1);
    expect(log.destroyed).toBe(1);
  });
});

describe('on-device cost', () => {
  it('an on-device draft alone is $0, said as such', () => {
    const cost = requestCost([{ baseUrl: '', model: 'gemini-nano', usage: null, onDevice: true }]);
    expect(cost).toEqual({ kind: 'priced', usd: 0, basis: 'on-device', asOf: null });
    const words = costWords({
      phase: 'done',
      fromCache: false,
      metadata: { cost },
    } as never);
    expect(words?.text).toBe('$0');
    expect(words?.detail).toBe(
      'Chrome’s on-device model answered: nothing was sent to a provider, so it cost nothing.',
    );
  });

  it('with a priced refinement, the refinement alone is counted', () => {
    const cost = requestCost([
      { baseUrl: '', model: 'gemini-nano', usage: null, onDevice: true },
      {
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        usage: { promptTokens: 1_000_000, completionTokens: 0 },
      },
    ]);
    expect(cost).toMatchObject({ kind: 'priced', basis: 'list' });
    expect((cost as { usd: number }).usd).toBeGreaterThan(0);
  });
});
