// The mock's realistic pacing and its connection model (set-up delay per new socket, idle drops,
// warm-up requests), which `npm run bench` relies on to tell a warmed connection from a cold one.
import { Agent, request } from 'node:http';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REALISTIC_DRAFT_SCENARIO,
  REALISTIC_DRAFT_TOKENS,
  REALISTIC_REFINEMENT_SCENARIO,
  REALISTIC_REFINEMENT_TOKENS,
  proseOfTokens,
  splitTokens,
  startMockProvider,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';

/** Large against loopback's own cost, so a loaded machine cannot blur "paid" and "not paid". */
const SETUP_MS = 300;
const MESSAGES = [{ role: 'user' as const, content: 'write a haiku' }];
let mock: MockProvider | null = null;
let agent: Agent | null = null;

afterEach(async () => {
  agent?.destroy();
  agent = null;
  await mock?.close();
  mock = null;
});

/** One request over `agent` (keep-alive, one socket), resolved with its status and duration. */
function send(
  method: string,
  path: string,
  opts: { key?: boolean; body?: object } = {},
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const body = opts.body ? JSON.stringify(opts.body) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${mock!.url}${path}`,
      {
        method,
        agent: agent!,
        headers: {
          ...(opts.key ? { authorization: 'Bearer k' } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const chat = () =>
  send('POST', '/v1/chat/completions', {
    key: true,
    body: { model: 'm', messages: MESSAGES, stream: true },
  });

describe('mock provider: realistic profile', () => {
  it('has the token counts it declares', () => {
    expect(splitTokens(proseOfTokens(37))).toHaveLength(37);
    expect(splitTokens(REALISTIC_DRAFT_SCENARIO.reply as string)).toHaveLength(
      REALISTIC_DRAFT_TOKENS,
    );
    expect(splitTokens(REALISTIC_REFINEMENT_SCENARIO.reply as string)).toHaveLength(
      REALISTIC_REFINEMENT_TOKENS,
    );
  });

  it('streams the draft a few tokens per chunk, first chunk at firstTokenMs, at ≈560 tokens/s', async () => {
    mock = await startMockProvider({ scenario: REALISTIC_DRAFT_SCENARIO });
    const client = new OpenAI({ apiKey: 'k', baseURL: `${mock.url}/v1`, maxRetries: 0 });
    const started = performance.now();
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: MESSAGES,
      stream: true,
    });
    const pieces: string[] = [];
    let firstMs = 0;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (!content) continue;
      if (pieces.length === 0) firstMs = performance.now() - started;
      pieces.push(content);
    }
    const totalMs = performance.now() - started;
    expect(pieces.join('')).toBe(REALISTIC_DRAFT_SCENARIO.reply);
    expect(pieces).toHaveLength(REALISTIC_DRAFT_TOKENS / 4);
    expect(splitTokens(pieces[0]!)).toHaveLength(4);
    expect(firstMs).toBeGreaterThanOrEqual(145);
    // 150 ms + 196 tokens / 560 per s ≈ 500 ms; generous upper bound for a loaded machine.
    expect(totalMs).toBeGreaterThanOrEqual(480);
    expect(totalMs).toBeLessThan(1500);
  });

  it('keeps one token per chunk by default', async () => {
    mock = await startMockProvider({ scenario: { reply: 'a b c', firstTokenMs: 0 } });
    const client = new OpenAI({ apiKey: 'k', baseURL: `${mock.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: MESSAGES,
      stream: true,
    });
    const pieces: string[] = [];
    for await (const chunk of stream)
      if (chunk.choices[0]?.delta.content) pieces.push(chunk.choices[0].delta.content);
    expect(pieces).toEqual(['a ', 'b ', 'c']);
  });
});

describe('mock provider: connections', () => {
  it('adds the set-up delay to the first request on each new socket only', async () => {
    mock = await startMockProvider({ connectionSetupMs: SETUP_MS, scenario: { firstTokenMs: 0 } });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await chat();
    const second = await chat();
    expect(first.status).toBe(200);
    expect(first.ms).toBeGreaterThanOrEqual(SETUP_MS - 5);
    expect(second.ms).toBeLessThan(SETUP_MS - 50);
    expect(mock.socketsOpened).toBe(1);

    // After an idle drop, the next request opens (and pays for) a new socket.
    expect(mock.dropIdleSockets()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = await chat();
    expect(third.ms).toBeGreaterThanOrEqual(SETUP_MS - 5);
    expect(mock.socketsOpened).toBe(2);
  });

  it('counts a bodiless keyless request as a warm-up, and it warms the socket', async () => {
    mock = await startMockProvider({ connectionSetupMs: SETUP_MS, scenario: { firstTokenMs: 0 } });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const head = await send('HEAD', '/v1/');
    expect(head.ms).toBeGreaterThanOrEqual(SETUP_MS - 5);
    expect(head.status).toBe(404);
    const models = await send('GET', '/v1/models');
    expect(models.status).toBe(401);
    expect(models.ms).toBeLessThan(SETUP_MS - 50);
    const afterWarming = await chat();
    expect(afterWarming.ms).toBeLessThan(SETUP_MS - 50);
    expect(mock.warmups).toBe(2);
    expect(mock.socketsOpened).toBe(1);
    // Chat requests and keyed /models ("test connection") are not warm-ups.
    await send('GET', '/v1/models', { key: true });
    expect(mock.warmups).toBe(2);
    expect(mock.requests.map((r) => r.path)).toEqual([
      '/v1/models',
      '/v1/chat/completions',
      '/v1/models',
    ]);
    mock.reset();
    expect([mock.warmups, mock.socketsOpened]).toEqual([0, 0]);
  });

  it('spares sockets with a request in flight when dropping idle ones', async () => {
    mock = await startMockProvider({ scenario: { firstTokenMs: 0, failure: { kind: 'hang' } } });
    agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const hanging = chat().catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    mock.setScenario({ failure: undefined });
    await send('HEAD', '/v1/');
    expect(mock.socketsOpened).toBe(2);
    expect(mock.dropIdleSockets()).toBe(1);
    await mock.close();
    await hanging;
  });
});
