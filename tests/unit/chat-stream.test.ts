// The streamed chat call through the official SDK against the project's mock: what a preset adds
// to the request body arrives, and a server that needs no key gets a placeholder, never a key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { streamChat } from '../../lib/background/providers/chat-stream';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ scenario: { reply: 'A short draft.', firstTokenMs: 5 } });
});
afterAll(async () => mock.close());

async function call(apiKey: string, extraBody?: Record<string, unknown>) {
  const deltas: string[] = [];
  const result = await streamChat({
    endpoint: { preset: 'custom', apiKey, baseUrl: `${mock.url}/v1`, model: 'mock-model' },
    messages: [{ role: 'user', content: 'write a haiku' }],
    maxTokens: 50,
    ...(extraBody ? { extraBody } : {}),
    signal: new AbortController().signal,
    onDelta: (delta) => deltas.push(delta),
  });
  return { result, deltas, request: mock.requests.at(-1)! };
}

describe('a streamed chat call', () => {
  it('carries the preset’s extra members (Cerebras: the lowest reasoning effort)', async () => {
    const { result, request } = await call('sk-1', { reasoning_effort: 'low' });
    expect(result.text).toBe('A short draft.');
    expect(request.body).toMatchObject({
      reasoning_effort: 'low',
      model: 'mock-model',
      stream: true,
      max_tokens: 50,
    });
  });

  it('never lets an extra member replace the model, the messages or the stream flag', async () => {
    const { request } = await call('sk-1', { model: 'other', stream: false, messages: [] });
    expect(request.body).toMatchObject({ model: 'mock-model', stream: true });
    expect(request.body?.messages).toHaveLength(1);
  });

  it('streams only the answer of a reasoning model, never its reasoning', async () => {
    mock.setScenario({ reasoning: 'The user wants a haiku. Keep it short.', tokensPerSecond: 200 });
    try {
      const { result, deltas } = await call('sk-1');
      expect(deltas.join('')).toBe('A short draft.');
      expect(result.text).toBe('A short draft.');
    } finally {
      mock.reset({ reply: 'A short draft.', firstTokenMs: 5 });
    }
  });

  it('sends a placeholder, not a key, where none is needed', async () => {
    const { result, request } = await call('');
    expect(result.text).toBe('A short draft.');
    expect(request.authorization).toBe('Bearer no-key');
  });
});
