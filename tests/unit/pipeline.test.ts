import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EndEvent } from '../../lib/messaging/protocol';
import {
  messageText,
  startMockProvider,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';
import {
  cacheEnabled,
  noContextSites,
  priceOverrides,
  sendPageContext,
  twoStageEnabled,
} from '../../lib/settings/settings-items';
import { forgetBreakersInMemory } from '../../lib/background/pipeline/circuit-breakers';
import {
  DRAFT_KEY,
  REFINEMENT_KEY,
  configureStage,
  optimize,
  resetExtensionState,
} from './support/pipeline-harness';

let draftMock: MockProvider;
let refinementMock: MockProvider;

/** Error words name the host that answered: the mock's `127.0.0.1:port`. */
function host(mock: MockProvider): string {
  return new URL(mock.url).host;
}

const DRAFT_TEXT = 'Draft: write a haiku about autumn leaves, calm tone, three lines.';
const REFINED_TEXT =
  'You are a poet. Write a haiku about autumn leaves in a calm, reflective tone. Return three lines only.';

beforeAll(async () => {
  draftMock = await startMockProvider({ scenario: { reply: DRAFT_TEXT } });
  refinementMock = await startMockProvider({ scenario: { reply: REFINED_TEXT } });
});
afterAll(async () => {
  await draftMock.close();
  await refinementMock.close();
});
beforeEach(async () => {
  await resetExtensionState();
  draftMock.reset({ reply: DRAFT_TEXT, firstTokenMs: 10 });
  refinementMock.reset({ reply: REFINED_TEXT, firstTokenMs: 10 });
  await configureStage('draft', draftMock, DRAFT_KEY);
  await configureStage('refinement', refinementMock, REFINEMENT_KEY);
});

describe('two stages', () => {
  it('streams the draft, then the refinement, in protocol order', async () => {
    const run = await optimize('haiku autumn leaves');
    expect(run.types).toEqual(['draft-delta', 'draft', 'refined-delta', 'refined', 'end']);
    expect(run.text('draft-delta')).toBe(DRAFT_TEXT);
    expect(run.find('draft')?.draft).toBe(DRAFT_TEXT);
    expect(run.text('refined-delta')).toBe(REFINED_TEXT);
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);
    expect(run.end).toMatchObject({ outcome: 'refined', fromCache: false });
    const metadata = run.end && 'metadata' in run.end ? run.end.metadata : null;
    expect(metadata?.usedTwoStage).toBe(true);
    expect(metadata?.models).toEqual({
      draft: 'llama-3.1-8b-instant',
      refinement: 'gpt-4o-mini',
    });
    expect(metadata?.usage.draft?.completionTokens).toBeGreaterThan(0);
    // The mock listens on 127.0.0.1: the public models' names there are not priced.
    expect(metadata?.cost).toEqual({
      kind: 'no-price',
      unpriced: [
        { origin: draftMock.url, model: 'llama-3.1-8b-instant' },
        { origin: refinementMock.url, model: 'gpt-4o-mini' },
      ],
    });
  });

  it('sends the draft request through groq-sdk with a small max_tokens, and gives the refinement both texts', async () => {
    await optimize('haiku autumn leaves', { mode: 'video' });
    const [draftReq] = draftMock.requests;
    expect(draftReq?.path).toBe('/openai/v1/chat/completions');
    const draftBody = draftReq?.body as {
      max_tokens: number;
      stream: boolean;
      messages: { content: string }[];
    };
    expect(draftBody.stream).toBe(true);
    expect(draftBody.max_tokens).toBeLessThanOrEqual(300);
    expect(draftBody.messages[0]?.content).toContain('75–125 words');
    const refinementBody = refinementMock.requests[0]?.body as { messages: { content: string }[] };
    expect(refinementMock.requests[0]?.path).toBe('/v1/chat/completions');
    expect(refinementBody.messages[1]?.content).toContain('haiku autumn leaves');
    expect(refinementBody.messages[1]?.content).toContain(DRAFT_TEXT);
  });

  it('sends each key only to its own base URL', async () => {
    await optimize('haiku autumn leaves');
    expect(draftMock.requests.map((r) => r.authorization)).toEqual([`Bearer ${DRAFT_KEY}`]);
    expect(refinementMock.requests.map((r) => r.authorization)).toEqual([
      `Bearer ${REFINEMENT_KEY}`,
    ]);
  });
});

describe('fallbacks', () => {
  it('goes single-stage when there is no draft key', async () => {
    await configureStage('draft', null, '');
    const run = await optimize('haiku');
    expect(run.types).toEqual(['refined-delta', 'refined', 'end']);
    expect(run.end).toMatchObject({ outcome: 'single-stage' });
    expect(draftMock.requests).toHaveLength(0);
  });

  it('uses the refinement provider alone when two-stage is off, without calling it a fallback', async () => {
    await twoStageEnabled.setValue(false);
    const run = await optimize('haiku');
    expect(run.types).toEqual(['refined-delta', 'refined', 'end']);
    expect(run.end).toMatchObject({ outcome: 'single-stage' });
    expect(draftMock.requests).toHaveLength(0);
  });

  it('falls back to single stage when the draft provider answers 500 (after one retry)', async () => {
    draftMock.setScenario({ failure: { kind: 'status', status: 500 } });
    const run = await optimize('haiku');
    expect(draftMock.requests).toHaveLength(2);
    expect(run.types).toEqual(['fallback', 'refined-delta', 'refined', 'end']);
    expect(run.find('fallback')?.reason.code).toBe('provider-error');
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);
    expect(run.end).toMatchObject({ outcome: 'single-stage' });
    const refinementBody = refinementMock.requests[0]?.body as { messages: { content: string }[] };
    expect(refinementBody.messages[1]?.content).not.toContain('Draft:');
  });

  it('falls back when the draft times out, and aborts the hanging draft request', async () => {
    await configureStage('draft', draftMock, DRAFT_KEY, 500);
    draftMock.setScenario({ failure: { kind: 'hang' } });
    const startedAt = Date.now();
    const run = await optimize('haiku');
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(run.find('fallback')?.reason).toMatchObject({ code: 'timeout', stage: 'draft' });
    expect(run.find('fallback')?.reason.message).toMatch(
      /did not answer after 1 second.*raise the Draft timeout/,
    );
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);
    await expect.poll(() => draftMock.requests[0]?.aborted).toBe(true);
  });

  it('keeps the draft and says so when the refinement fails', async () => {
    refinementMock.setScenario({ failure: { kind: 'status', status: 500 } });
    const run = await optimize('haiku');
    expect(run.types).toEqual(['draft-delta', 'draft', 'refinement-failed', 'end']);
    expect(run.find('refinement-failed')?.reason).toEqual(run.error);
    const error = run.error;
    expect(error).toMatchObject({ code: 'provider-error', stage: 'refinement' });
    expect(error?.message).toMatch(
      new RegExp(
        `^Refinement failed — the draft is kept\\. ${host(refinementMock)} had a problem \\(HTTP 500\\)`,
      ),
    );
    expect(run.end).toMatchObject({ outcome: 'draft-only' });
  });

  it('returns the draft as the result when only a draft key is set', async () => {
    await configureStage('refinement', null, '');
    const run = await optimize('haiku');
    expect(run.types).toEqual(['draft-delta', 'draft', 'end']);
    expect(run.end).toMatchObject({ outcome: 'draft-only' });
    expect(run.error).toBeUndefined();
  });

  it('points to the settings when there is no key at all, and sends nothing', async () => {
    await configureStage('draft', null, '');
    await configureStage('refinement', null, '');
    const run = await optimize('haiku');
    expect(run.types).toEqual(['end']);
    expect(run.end).toMatchObject({ outcome: 'failed' });
    expect(run.error).toMatchObject({ code: 'no-keys', stage: 'request' });
    expect(run.error?.message).toContain('settings');
    expect(draftMock.requests.length + refinementMock.requests.length).toBe(0);
  });

  it('reports a draft-and-refinement failure with the refinement words when both fail', async () => {
    draftMock.setScenario({ failure: { kind: 'status', status: 503 } });
    refinementMock.setScenario({ failure: { kind: 'status', status: 401 } });
    const run = await optimize('haiku');
    expect(run.types).toEqual(['fallback', 'end']);
    expect(run.end).toMatchObject({ outcome: 'failed' });
    expect(run.error?.message).toBe(
      `${host(refinementMock)} rejected the API key. Check the Refinement API key in settings.`,
    );
  });

  it('refuses empty and oversized prompts with words, sending nothing', async () => {
    expect((await optimize('   ')).error?.code).toBe('empty-prompt');
    const long = await optimize('x'.repeat(20_001));
    expect(long.error?.code).toBe('too-long');
    expect(long.error?.message).toContain('20,001 characters');
    expect(draftMock.requests.length + refinementMock.requests.length).toBe(0);
  });
});

describe('errors and resilience', () => {
  it('names the host that rejected the key on 401, without retrying', async () => {
    await configureStage('refinement', null, '');
    draftMock.setScenario({ failure: { kind: 'status', status: 401 } });
    const run = await optimize('haiku');
    expect(draftMock.requests).toHaveLength(1);
    expect(run.error).toMatchObject({
      code: 'invalid-key',
      stage: 'draft',
      retryable: false,
      provider: host(draftMock),
    });
    // The mock is not Groq's host: no guessed "get one at console.groq.com" link.
    expect(run.error?.message).toBe(
      `${host(draftMock)} rejected the API key. Check the Draft API key in settings.`,
    );
  });

  it('retries once after a 429, honouring Retry-After', async () => {
    refinementMock.setScenario({
      failure: { kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 },
    });
    const run = await optimize('haiku');
    expect(refinementMock.requests).toHaveLength(2);
    const gap = refinementMock.requests[1]!.receivedAt - refinementMock.requests[0]!.receivedAt;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);
  });

  it('says when to retry if the rate limit outlasts the stage', async () => {
    await configureStage('draft', null, '');
    refinementMock.setScenario({
      failure: { kind: 'status', status: 429, retryAfterSeconds: 120 },
    });
    const run = await optimize('haiku');
    expect(refinementMock.requests).toHaveLength(1);
    expect(run.error).toMatchObject({ code: 'rate-limited', retryAfterMs: 120_000 });
    expect(run.error?.message).toBe(
      `${host(refinementMock)} is rate-limiting requests. Try again in 120 seconds.`,
    );
  });

  it('does not retry once text has been streamed (no duplicated text)', async () => {
    await configureStage('draft', null, '');
    refinementMock.setScenario({ failure: { kind: 'disconnect-mid-stream', afterChunks: 3 } });
    const run = await optimize('haiku');
    expect(refinementMock.requests).toHaveLength(1);
    expect(run.error?.code).toBe('network');
  });

  it('treats a malformed stream as an unreadable response', async () => {
    await configureStage('draft', null, '');
    refinementMock.setScenario({ failure: { kind: 'malformed-chunk', afterChunks: 2 } });
    const run = await optimize('haiku');
    expect(run.error?.stage).toBe('refinement');
    expect(['bad-response', 'network']).toContain(run.error?.code);
  });

  it('opens the draft host’s breaker after repeated failures and goes single-stage without calling it', async () => {
    draftMock.setScenario({ failure: { kind: 'status', status: 500 } });
    for (let i = 0; i < 2; i += 1) await optimize(`haiku ${i}`);
    const callsBefore = draftMock.requests.length;
    expect(callsBefore).toBeGreaterThanOrEqual(3);

    const run = await optimize('haiku again');
    expect(draftMock.requests.length).toBe(callsBefore);
    expect(run.find('fallback')?.reason.code).toBe('breaker-open');
    expect(run.find('fallback')?.reason.message).toMatch(
      new RegExp(`^${host(draftMock)} is failing; single-stage for the next 1[45] s\\.$`),
    );
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);

    // The worker may be stopped between requests: the open breaker is remembered.
    forgetBreakersInMemory();
    const afterRestart = await optimize('haiku once more');
    expect(draftMock.requests.length).toBe(callsBefore);
    expect(afterRestart.find('fallback')?.reason.code).toBe('breaker-open');
  });

  it('does not open a breaker for a rejected key', async () => {
    await configureStage('refinement', null, '');
    draftMock.setScenario({ failure: { kind: 'status', status: 401 } });
    for (let i = 0; i < 4; i += 1) await optimize(`haiku ${i}`);
    expect(draftMock.requests).toHaveLength(4);
  });
});

describe('cancellation', () => {
  it('aborts the provider request at once and emits nothing more', async () => {
    refinementMock.setScenario({ firstTokenMs: 5000 });
    const controller = new AbortController();
    const running = optimize('haiku', {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'draft') setTimeout(() => controller.abort(), 50);
      },
    });
    const run = await running;
    expect(run.types).toEqual(['draft-delta', 'draft']);
    await expect.poll(() => refinementMock.requests[0]?.aborted).toBe(true);
  });
});

describe('cache', () => {
  it('answers an identical request from the cache, at once and without provider calls', async () => {
    await cacheEnabled.setValue(true);
    const first = await optimize('haiku autumn');
    expect(first.end?.fromCache).toBe(false);
    const calls = draftMock.requests.length + refinementMock.requests.length;

    const again = await optimize('haiku autumn');
    // The same events, in the same order, as a live answer: clients need no cache path.
    expect(again.types).toEqual(['draft-delta', 'draft', 'refined', 'end']);
    expect(again.text('draft-delta')).toBe(DRAFT_TEXT);
    expect(again.find('refined')?.refined).toBe(REFINED_TEXT);
    expect(again.end?.fromCache).toBe(true);
    expect(draftMock.requests.length + refinementMock.requests.length).toBe(calls);
  });

  it('misses on a prefix, another mode, or when switched off', async () => {
    await cacheEnabled.setValue(true);
    await optimize('haiku autumn');
    const calls = () => refinementMock.requests.length;
    await optimize('haiku autum');
    expect(calls()).toBe(2);
    await optimize('haiku autumn', { mode: 'video' });
    expect(calls()).toBe(3);
    await cacheEnabled.setValue(false);
    await optimize('haiku autumn');
    expect(calls()).toBe(4);
  });

  it('does not store a result whose refinement failed', async () => {
    await cacheEnabled.setValue(true);
    refinementMock.setScenario({ failure: { kind: 'status', status: 500, times: 2 } });
    await optimize('haiku');
    const again = await optimize('haiku');
    expect(again.end?.fromCache).toBe(false);
  });
});

/** What the end event says it cost. */
function costOf(run: { end: EndEvent | undefined }) {
  return run.end && 'metadata' in run.end ? run.end.metadata?.cost : undefined;
}

describe('cost', () => {
  // Output only, so the figures follow from the replies alone: the draft's 11 words are 14
  // tokens for the mock (words × 1.3), the refinement's 19 are 25.
  const prices = (draftOut: number, refinementOut: number) => [
    {
      origin: draftMock.url,
      model: 'llama-3.1-8b-instant',
      inputPerMTok: 0,
      outputPerMTok: draftOut,
    },
    {
      origin: refinementMock.url,
      model: 'gpt-4o-mini',
      inputPerMTok: 0,
      outputPerMTok: refinementOut,
    },
  ];

  it('prices each stage at its own endpoint with the prices from the settings', async () => {
    await priceOverrides.setValue(prices(1000, 2000));
    const run = await optimize('haiku autumn leaves');
    const metadata = run.end && 'metadata' in run.end ? run.end.metadata : null;
    expect(metadata?.usage.draft?.completionTokens).toBe(14);
    expect(metadata?.usage.refinement?.completionTokens).toBe(25);
    const cost = costOf(run);
    expect(cost).toMatchObject({ kind: 'priced', basis: 'yours', asOf: null });
    // 14 × $1000 / 1M + 25 × $2000 / 1M
    expect(cost?.kind === 'priced' && cost.usd).toBeCloseTo(0.064, 12);
  });

  it('charges the input tokens the provider reported too', async () => {
    await priceOverrides.setValue([
      {
        origin: draftMock.url,
        model: 'llama-3.1-8b-instant',
        inputPerMTok: 1000,
        outputPerMTok: 0,
      },
      { origin: refinementMock.url, model: 'gpt-4o-mini', inputPerMTok: 0, outputPerMTok: 0 },
    ]);
    const run = await optimize('haiku autumn leaves');
    const metadata = run.end && 'metadata' in run.end ? run.end.metadata : null;
    const promptTokens = metadata?.usage.draft?.promptTokens ?? 0;
    expect(promptTokens).toBeGreaterThan(0);
    const cost = costOf(run);
    expect(cost?.kind === 'priced' && cost.usd).toBeCloseTo(promptTokens / 1000, 12);
  });

  it('follows a price changed in the settings on the next request', async () => {
    await priceOverrides.setValue(prices(1000, 2000));
    await optimize('haiku autumn leaves');
    await priceOverrides.setValue(prices(0, 0));
    expect(costOf(await optimize('haiku autumn leaves'))).toMatchObject({ kind: 'priced', usd: 0 });
  });

  it('counts only the stage that answered when two-stage is off', async () => {
    await twoStageEnabled.setValue(false);
    await priceOverrides.setValue(prices(1000, 2000));
    const cost = costOf(await optimize('haiku autumn leaves'));
    expect(cost?.kind === 'priced' && cost.usd).toBeCloseTo(0.05, 12);
  });

  it('is unknown when one stage has no price, rather than the other stage alone', async () => {
    await priceOverrides.setValue(prices(1000, 2000).slice(0, 1));
    expect(costOf(await optimize('haiku autumn leaves'))).toEqual({
      kind: 'no-price',
      unpriced: [{ origin: refinementMock.url, model: 'gpt-4o-mini' }],
    });
  });

  it('says a cache hit was cached and cost nothing', async () => {
    await cacheEnabled.setValue(true);
    await priceOverrides.setValue(prices(1000, 2000));
    await optimize('haiku autumn leaves');
    const again = await optimize('haiku autumn leaves');
    expect(again.end?.fromCache).toBe(true);
    expect(costOf(again)).toEqual({ kind: 'cached' });
  });
});

describe('page context', () => {
  const page = { origin: 'https://mail.example.com', incognito: false };
  const context = {
    pageTitle: 'Inbox (3) - Secret Project',
    pageUrl: 'https://mail.example.com/inbox/secret-project',
    fieldHint: 'Reply to Dana',
  };
  const sent = (mock: MockProvider) =>
    mock.requests.map((r) =>
      (r.body?.messages ?? []).map((m) => messageText(m.content)).join('\n'),
    );

  it('sends the page title, address and field label by default', async () => {
    await optimize('haiku autumn', { context, scope: page });
    for (const text of [...sent(draftMock), ...sent(refinementMock)]) {
      expect(text).toContain('Page title: Inbox (3) - Secret Project');
      expect(text).toContain('Page: https://mail.example.com/inbox/secret-project');
      expect(text).toContain('Field: Reply to Dana');
    }
  });

  it.each([
    ['page context is turned off', async () => sendPageContext.setValue(false)],
    ['the site is listed', async () => noContextSites.setValue(['mail.example.com'])],
    ['its parent domain is listed', async () => noContextSites.setValue(['example.com'])],
  ])('sends none of it when %s, to either stage', async (_name, set) => {
    await set();
    await optimize('haiku autumn', { context, scope: page });
    const texts = [...sent(draftMock), ...sent(refinementMock)];
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain('haiku autumn');
      expect(text).not.toContain('Secret Project');
      expect(text).not.toContain('Page:');
      expect(text).not.toContain('Reply to Dana');
    }
  });

  it('still sends it on a site the list does not cover', async () => {
    await noContextSites.setValue(['example.com']);
    await optimize('haiku autumn', {
      context: { ...context, pageUrl: 'https://mail.example.org/inbox' },
      scope: { origin: 'https://mail.example.org', incognito: false },
    });
    expect(sent(draftMock)[0]).toContain('Page title: Inbox (3) - Secret Project');
  });

  it('leaves a dropped context out of the cache key: another title on a listed site is a hit', async () => {
    await cacheEnabled.setValue(true);
    await noContextSites.setValue(['example.com']);
    await optimize('haiku autumn', { context, scope: page });
    const again = await optimize('haiku autumn', {
      context: { ...context, pageTitle: 'Inbox (4) - Secret Project' },
      scope: page,
    });
    expect(again.find('end')?.fromCache).toBe(true);
    expect(refinementMock.requests).toHaveLength(1);
  });
});

describe('model refusals', () => {
  const REFUSAL = "I'm sorry, but I can't help with that.";

  it('a refusing draft is never shown as a draft: the refinement provider answers alone', async () => {
    draftMock.setScenario({ reply: REFUSAL });
    const run = await optimize('haiku autumn leaves');
    expect(run.find('draft')).toBeUndefined();
    expect(run.find('fallback')?.reason).toMatchObject({
      code: 'model-refused',
      message:
        "The model declined to rewrite this prompt (it answered “I'm sorry, but I can't help with that.”). Your text is unchanged.",
    });
    expect(run.find('refined')?.refined).toBe(REFINED_TEXT);
  });

  it('a refusal from the only stage ends the request with words, and is not cached', async () => {
    await cacheEnabled.setValue(true);
    await twoStageEnabled.setValue(false);
    refinementMock.setScenario({ reply: REFUSAL });
    const run = await optimize('haiku autumn leaves');
    expect(run.find('refined')).toBeUndefined();
    expect(run.error).toMatchObject({ code: 'model-refused', stage: 'refinement' });
    refinementMock.setScenario({ reply: REFINED_TEXT });
    const again = await optimize('haiku autumn leaves');
    expect(again.find('refined')?.refined).toBe(REFINED_TEXT);
  });

  it('a refusing refinement keeps the draft', async () => {
    refinementMock.setScenario({ reply: REFUSAL });
    const run = await optimize('haiku autumn leaves');
    expect(run.find('draft')?.draft).toBe(DRAFT_TEXT);
    expect(run.error?.message).toBe(
      "Refinement failed — the draft is kept. The refinement model declined to rewrite it (it answered “I'm sorry, but I can't help with that.”).",
    );
    expect(run.end).toMatchObject({ outcome: 'draft-only' });
  });

  it('a prompt that merely opens like a refusal is a prompt', async () => {
    draftMock.setScenario({
      reply: "I can't decide between two job offers; help me compare them.",
    });
    const run = await optimize('job offers');
    expect(run.find('draft')?.draft).toBe(
      "I can't decide between two job offers; help me compare them.",
    );
  });
});
