import Groq from 'groq-sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoReply } from '../fixtures/mock-provider/demo-rewrites';
import {
  startMockProvider,
  type LoggedRequest,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';

const MESSAGES = [
  { role: 'system' as const, content: 'Mode: general\nRewrite the prompt.' },
  { role: 'user' as const, content: 'Original prompt:\n<<<\nwrite a haiku about rain\n>>>' },
];

let mock: MockProvider;

function openai(opts: { apiKey?: string } = {}): OpenAI {
  // logLevel off: the SDK logs unparsable chunks before throwing, which is noise here.
  return new OpenAI({
    apiKey: opts.apiKey ?? 'k',
    baseURL: `${mock.url}/v1`,
    maxRetries: 0,
    logLevel: 'off',
  });
}

async function collect(stream: AsyncIterable<OpenAI.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

async function waitFor(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  mock = await startMockProvider({ scenario: { firstTokenMs: 5, tokensPerSecond: 2000 } });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
});

describe('mock provider', () => {
  it('streams the reply and usage to the openai SDK', async () => {
    mock.setScenario({ reply: 'Hello there,  mock world.' });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello there,  mock world.');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(4);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));

    const logged = mock.requests[0];
    expect(logged?.path).toBe('/v1/chat/completions');
    expect(logged?.authorization).toBe('Bearer k');
    expect(logged?.body?.model).toBe('gpt-4o-mini');
    expect(logged?.aborted).toBe(false);
  });

  it('answers non-streaming requests with a chat.completion', async () => {
    const res = await openai().chat.completions.create({ model: 'm', messages: MESSAGES });
    expect(res.choices[0]?.message.content).toBe('Optimized prompt.');
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('passes the logged request to a reply function', async () => {
    mock.setScenario({ reply: (req: LoggedRequest) => `model=${String(req.body?.model)}` });
    const stream = await openai().chat.completions.create({
      model: 'x1',
      messages: MESSAGES,
      stream: true,
    });
    expect(await collect(stream)).toBe('model=x1');
  });

  it('streams to groq-sdk on /openai/v1/chat/completions', async () => {
    const groq = new Groq({ apiKey: 'k', baseURL: mock.url, maxRetries: 0 });
    const stream = await groq.chat.completions.create({
      model: 'llama-3.1-8b-instant',
      messages: MESSAGES,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Optimized prompt.');
    expect(mock.requests[0]?.path).toBe('/openai/v1/chat/completions');
  });

  it('rejects requests without a bearer key with 401', async () => {
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: MESSAGES }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
    expect(mock.requests[0]?.authorization).toBeNull();
  });

  it('surfaces 429 with retry-after on the SDK error', async () => {
    mock.setScenario({ failure: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const err: unknown = await openai()
      .chat.completions.create({ model: 'm', messages: MESSAGES, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const apiErr = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiErr.status).toBe(429);
    expect(apiErr.headers?.get('retry-after')).toBe('7');
  });

  it('fails only the first `times` requests', async () => {
    mock.setScenario({ failure: { kind: 'status', status: 503, times: 2 } });
    const client = openai();
    const attempt = () =>
      client.chat.completions.create({ model: 'm', messages: MESSAGES }).then(
        () => 200,
        (e: unknown) => (e as InstanceType<typeof OpenAI.APIError>).status,
      );
    expect([await attempt(), await attempt(), await attempt()]).toEqual([503, 503, 200]);
  });

  it('applies status failures to /models so a bad key shows in "test connection"', async () => {
    mock.setScenario({ failure: { kind: 'status', status: 401, times: 1 } });
    const client = openai();
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(
      expect.arrayContaining(['llama-3.1-8b-instant', 'gpt-4o-mini', 'mock-model']),
    );
    expect(mock.requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/models']);
  });

  it('hangs until the client aborts, and logs the abort', async () => {
    mock.setScenario({ failure: { kind: 'hang' } });
    const controller = new AbortController();
    const pending = openai()
      .chat.completions.create(
        { model: 'm', messages: MESSAGES, stream: true },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e);
    await waitFor(() => mock.requests.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    await waitFor(() => mock.requests[0]?.aborted === true);
  });

  it('logs an abort in the middle of a stream', async () => {
    mock.setScenario({ reply: 'one two three four five six', tokensPerSecond: 20 });
    const controller = new AbortController();
    const stream = await openai().chat.completions.create(
      { model: 'm', messages: MESSAGES, stream: true },
      { signal: controller.signal },
    );
    let text = '';
    // The SDK ends the iteration quietly on a user abort rather than throwing.
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text) controller.abort();
    }
    expect(text).toBe('one ');
    await waitFor(() => mock.requests[0]?.aborted === true);
  });

  it('makes SDK iteration throw on a mid-stream disconnect', async () => {
    mock.setScenario({
      reply: 'one two three four',
      failure: { kind: 'disconnect-mid-stream', afterChunks: 2 },
    });
    const stream = await openai().chat.completions.create({
      model: 'm',
      messages: MESSAGES,
      stream: true,
    });
    let text = '';
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(text).toBe('one two ');
    // The server cut the line itself: that is not a client abort.
    expect(mock.requests[0]?.aborted).toBe(false);
  });

  it('makes SDK iteration throw on a malformed chunk', async () => {
    mock.setScenario({ failure: { kind: 'malformed-chunk', afterChunks: 1 } });
    const stream = await openai().chat.completions.create({
      model: 'm',
      messages: MESSAGES,
      stream: true,
    });
    await expect(collect(stream)).rejects.toThrow(SyntaxError);
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(mock.requests).toHaveLength(0);
  });

  it('holds chat responses until released, then streams them whole', async () => {
    const release = mock.hold();
    let text: string | null = null;
    void openai()
      .chat.completions.create({ model: 'm', messages: MESSAGES, stream: true })
      .then(collect)
      .then((t) => (text = t));
    await waitFor(() => mock.requests.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(text).toBeNull();
    release();
    await waitFor(() => text !== null);
    expect(text).toBe('Optimized prompt.');
  });

  it('with afterChunks, streams that many chunks, pauses until released, then the rest', async () => {
    mock.setScenario({ reply: 'one two three four' });
    const release = mock.hold({ afterChunks: 2 });
    let text = '';
    let ended = false;
    void (async () => {
      const stream = await openai().chat.completions.create({
        model: 'm',
        messages: MESSAGES,
        stream: true,
      });
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      ended = true;
    })();
    await waitFor(() => text === 'one two ');
    await new Promise((r) => setTimeout(r, 100));
    expect(text).toBe('one two ');
    expect(ended).toBe(false);
    release();
    await waitFor(() => ended);
    expect(text).toBe('one two three four');
  });

  it('lets held responses go on reset, and answers later ones at once', async () => {
    mock.hold();
    const held = openai().chat.completions.create({ model: 'm', messages: MESSAGES });
    await waitFor(() => mock.requests.length === 1);
    mock.reset();
    expect((await held).choices[0]?.message.content).toBe('Optimized prompt.');
    const next = await openai().chat.completions.create({ model: 'm', messages: MESSAGES });
    expect(next.choices[0]?.message.content).toBe('Optimized prompt.');
  });

  it('closes promptly even with a hanging request open', async () => {
    const own = await startMockProvider({ scenario: { failure: { kind: 'hang' } } });
    const pending = fetch(`${own.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: MESSAGES }),
    }).catch((e: unknown) => e);
    await waitFor(() => own.requests.length === 1);
    await own.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('demoReply', () => {
  const request = (mode: string, stage: 'draft' | 'refinement'): LoggedRequest => ({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    authorization: 'Bearer k',
    receivedAt: 0,
    aborted: false,
    body: {
      messages: [
        { role: 'system', content: `Mode: ${mode}\nYou rewrite prompts.` },
        {
          role: 'user',
          content:
            'Original prompt:\n<<<\na fox running through snow\n>>>' +
            (stage === 'refinement' ? '\n\nDraft:\n<<<\nA fox.\n>>>' : ''),
        },
      ],
    },
  });
  const words = (s: string) => s.split(/\s+/).length;

  it('writes deterministic per-mode drafts and longer refinements', () => {
    for (const mode of ['general', 'reasoning', 'research', 'socratic', 'video', 'image']) {
      const draft = demoReply(request(mode, 'draft'), 'draft');
      const refinement = demoReply(request(mode, 'refinement'), 'refinement');
      expect(draft).toContain('fox running through snow');
      expect(draft).toBe(demoReply(request(mode, 'draft'), 'draft'));
      expect(words(draft)).toBeGreaterThanOrEqual(55);
      expect(words(draft)).toBeLessThanOrEqual(110);
      expect(words(refinement)).toBeGreaterThan(words(draft));
      expect(words(refinement)).toBeLessThanOrEqual(160);
      expect(refinement).not.toMatch(/^#/m);
    }
    expect(demoReply(request('video', 'draft'), 'draft')).toMatch(/^A cinematic shot of a fox/);
  });

  it('falls back to the last user message as the original', () => {
    const req = request('general', 'draft');
    req.body = { messages: [{ role: 'user', content: 'plan a trip to Kyoto' }] };
    expect(demoReply(req, 'draft')).toContain('Plan a trip to Kyoto.');
  });
});
