import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  modelIds,
  parseProbeRequest,
  probeLocalServer,
  probeTargets,
} from '../../lib/background/local-servers';
import { createMessageRouter } from '../../lib/background/message-router';
import { messageHandlers } from '../../lib/background/message-handlers';
import { classifyError } from '../../lib/background/providers/classify-error';
import {
  LM_STUDIO_CORS_WORDS,
  loopbackRefusalWords,
  ollamaOriginsLine,
  ollamaSetupSteps,
  originFromRootUrl,
  originNote,
} from '../../lib/platform/local-server-words';
import { extensionOrigin } from '../../lib/platform/extension-origin';

beforeEach(() => fakeBrowser.reset());

type Reply = { status: number; body?: unknown } | 'network-error' | 'timeout';

/** A fetch that answers by method and mode, recording what was asked. */
function fakeFetch(replies: { get: Reply; post?: Reply; noCors?: Reply }) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const reply =
      init?.mode === 'no-cors'
        ? (replies.noCors ?? 'network-error')
        : init?.method === 'POST'
          ? (replies.post ?? { status: 404 })
          : replies.get;
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply === 'timeout') throw new DOMException('The operation timed out.', 'TimeoutError');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
    });
  });
  return { fetchFn, calls };
}

const OLLAMA = { server: 'ollama' as const, baseUrl: 'http://localhost:11434/v1' };
const LIST = { data: [{ id: 'llama3.2:latest' }, { id: 'qwen2.5:7b' }, { nope: 1 }] };

describe('probeLocalServer (injected fetch)', () => {
  it('finds a running server and its models, sending no key and no cookies', async () => {
    const { fetchFn, calls } = fakeFetch({ get: { status: 200, body: LIST } });
    expect(await probeLocalServer(OLLAMA, fetchFn)).toEqual({
      ...OLLAMA,
      state: 'running',
      models: ['llama3.2:latest', 'qwen2.5:7b'],
    });
    expect(calls.map((c) => [c.url, c.init?.method ?? 'GET'])).toEqual([
      ['http://localhost:11434/v1/models', 'GET'],
      ['http://localhost:11434/v1/models', 'POST'],
    ]);
    for (const { init } of calls) {
      expect(init?.credentials).toBe('omit');
      expect(init?.headers).toBeUndefined();
      expect(init?.body).toBeUndefined();
      expect(init?.signal).toBeInstanceOf(AbortSignal);
    }
  });

  it('reports Ollama refusing the origin: the list answers (no Origin on GET), the POST gets 403', async () => {
    const { fetchFn } = fakeFetch({ get: { status: 200, body: LIST }, post: { status: 403 } });
    expect(await probeLocalServer(OLLAMA, fetchFn)).toEqual({
      ...OLLAMA,
      state: 'refused',
      status: 403,
    });
  });

  it('reports a refusal of the list itself', async () => {
    const { fetchFn } = fakeFetch({ get: { status: 403 } });
    expect(await probeLocalServer(OLLAMA, fetchFn)).toEqual({
      ...OLLAMA,
      state: 'refused',
      status: 403,
    });
  });

  it('tells a CORS refusal (something answers a no-cors request) from nothing there', async () => {
    const blocked = fakeFetch({ get: 'network-error', noCors: { status: 200 } });
    expect((await probeLocalServer(OLLAMA, blocked.fetchFn)).state).toBe('blocked');
    const absent = fakeFetch({ get: 'network-error', noCors: 'network-error' });
    expect((await probeLocalServer(OLLAMA, absent.fetchFn)).state).toBe('absent');
    const slow = fakeFetch({ get: 'timeout', noCors: 'timeout' });
    expect((await probeLocalServer(OLLAMA, slow.fetchFn)).state).toBe('absent');
  });

  it('reads a list it cannot parse as no models', async () => {
    const { fetchFn } = fakeFetch({ get: { status: 200, body: { models: 'x' } } });
    expect(await probeLocalServer(OLLAMA, fetchFn)).toEqual({
      ...OLLAMA,
      state: 'running',
      models: [],
    });
    expect(modelIds(null)).toEqual([]);
  });
});

describe('probeTargets', () => {
  it('looks at the usual ports, then the typed loopback addresses, each once', () => {
    expect(
      probeTargets([
        { server: 'ollama', baseUrl: 'http://127.0.0.1:5555/v1/' },
        { server: 'ollama', baseUrl: 'http://localhost:11434/v1' },
      ]),
    ).toEqual([
      { server: 'ollama', baseUrl: 'http://localhost:11434/v1' },
      { server: 'lmstudio', baseUrl: 'http://localhost:1234/v1' },
      { server: 'llamacpp', baseUrl: 'http://localhost:8080/v1' },
      { server: 'ollama', baseUrl: 'http://127.0.0.1:5555/v1' },
    ]);
  });

  it.each([
    'http://192.168.1.20:11434/v1',
    'https://api.openai.com/v1',
    'http://localhost.evil.com/v1',
    'file:///etc/passwd',
    'not a url',
  ])('never probes %s (not this computer)', (baseUrl) => {
    expect(probeTargets([{ server: 'ollama', baseUrl }])).toHaveLength(3);
  });

  it('bounds and checks the message’s extra targets', () => {
    expect(parseProbeRequest(undefined)).toEqual({ extra: [] });
    expect(parseProbeRequest([{ server: 'vllm', baseUrl: 'http://localhost:1/v1' }])).toBeNull();
    expect(parseProbeRequest('x')).toBeNull();
    const three = Array.from({ length: 3 }, () => OLLAMA);
    expect(parseProbeRequest(three)).toBeNull();
  });
});

describe('who may ask for a look at this computer’s ports', () => {
  const SELF = { id: 'me', baseUrl: 'chrome-extension://me/' };
  const route = createMessageRouter(messageHandlers, SELF);
  it('extension pages only', () => {
    expect(messageHandlers['find-local-servers'].from).toEqual(['extension-page']);
  });
  it('drops a content script’s request unanswered', () => {
    const content = {
      id: 'me',
      url: 'https://evil.example/',
      frameId: 0,
      tab: { id: 4, incognito: false },
    };
    expect(route({ type: 'find-local-servers', extra: [] }, content)).toBeUndefined();
  });
});

describe('words with the exact extension origin', () => {
  const chrome = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
  const firefox = 'moz-extension://3f1c2d4e-1111-4a2b-9c3d-123456789abc';

  it('reads this install’s origin from runtime.getURL', () => {
    expect(extensionOrigin()).toBe('chrome-extension://test-extension-id');
    expect(originFromRootUrl(`${firefox}/`)).toBe(firefox);
  });

  it.each([chrome, firefox])('gives the one line and each system’s steps for %s', (origin) => {
    expect(ollamaOriginsLine(origin)).toBe(`OLLAMA_ORIGINS=${origin}`);
    const steps = ollamaSetupSteps(origin);
    expect(steps.mac.commands).toEqual([`launchctl setenv OLLAMA_ORIGINS "${origin}"`]);
    expect(steps.mac.then).toContain('quit Ollama');
    expect(steps.win.commands).toEqual([`setx OLLAMA_ORIGINS "${origin}"`]);
    expect(steps.win.then).toContain('Environment Variables');
    expect(steps.linux.commands).toEqual([
      'sudo systemctl edit ollama.service',
      '# under [Service] add:',
      `Environment="OLLAMA_ORIGINS=${origin}"`,
      'sudo systemctl daemon-reload && sudo systemctl restart ollama',
    ]);
    expect(steps.shell.commands).toEqual([`OLLAMA_ORIGINS=${origin} ollama serve`]);
  });

  it('warns Firefox users that the address changes on reinstall, and only them', () => {
    expect(originNote('firefox')).toContain('new moz-extension:// address each time');
    expect(originNote('chrome')).toBeNull();
  });

  it('tells LM Studio users where CORS is turned on', () => {
    expect(LM_STUDIO_CORS_WORDS).toContain('“Enable CORS”');
    expect(LM_STUDIO_CORS_WORDS).toContain('lms server start --cors');
  });

  it('words a 403 from this computer as Ollama’s origin check, with the exact line', () => {
    const error = classifyError(
      { status: 403 },
      { stage: 'draft', preset: 'ollama', provider: 'localhost:11434' },
      false,
    );
    expect(error.code).toBe('provider-error');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      loopbackRefusalWords('localhost:11434', 'chrome-extension://test-extension-id'),
    );
    expect(error.message).toBe(
      'localhost:11434 refused Prompt Relay (HTTP 403). If it is Ollama, allow this extension: set OLLAMA_ORIGINS=chrome-extension://test-extension-id and restart Ollama (Prompt Relay settings → Local models shows how).',
    );
  });

  it('words a network error from this computer with the same line (a CORS refusal looks like one)', () => {
    const error = classifyError(
      new TypeError('Connection error.'),
      { stage: 'refinement', preset: 'lmstudio', provider: '127.0.0.1:1234' },
      false,
    );
    expect(error.code).toBe('network');
    expect(error.message).toBe(
      'Could not reach 127.0.0.1:1234. Check that the server is running and the Refinement base URL. If it is running, it may be refusing Prompt Relay: for Ollama set OLLAMA_ORIGINS=chrome-extension://test-extension-id and restart it; in LM Studio turn on “Enable CORS”.',
    );
    const remote = classifyError(
      new TypeError('Connection error.'),
      { stage: 'draft', preset: 'groq', provider: 'api.groq.com' },
      false,
    );
    expect(remote.message).toBe(
      'Could not reach api.groq.com. Check your connection and the Draft base URL.',
    );
  });

  it('keeps a 403 from any other host a key problem', () => {
    for (const provider of ['api.groq.com', '192.168.1.20:11434', 'localhost.evil.com']) {
      const error = classifyError(
        { status: 403 },
        { stage: 'draft', preset: 'custom', provider },
        false,
      );
      expect(error.code).toBe('invalid-key');
    }
  });
});
