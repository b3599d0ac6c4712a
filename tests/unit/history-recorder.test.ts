import { describe, expect, it } from 'vitest';
import { createHistoryRecorder, type RecorderStore } from '../../lib/background/history-recorder';
import type { HistoryEntry, UserAction, Vote } from '../../lib/insights/history-entry';
import { normalizeHistorySettings, type HistorySettings } from '../../lib/insights/history-policy';
import type { ResultMetadata, ServerEvent } from '../../lib/messaging/protocol';
import { entryId } from './support/history-entries';

function memoryStore(): RecorderStore & { entries: Map<string, HistoryEntry>; prunes: number } {
  const entries = new Map<string, HistoryEntry>();
  const store = {
    entries,
    prunes: 0,
    put: (entry: HistoryEntry) => {
      entries.set(entry.id, structuredClone(entry));
      return Promise.resolve();
    },
    recordAction: (id: string, action: UserAction, final: boolean) => {
      const entry = entries.get(id);
      if (!entry || entry.actionFinal) return Promise.resolve(false);
      entries.set(id, {
        ...entry,
        action: action === 'pending' ? entry.action : action,
        actionFinal: final,
      });
      return Promise.resolve(true);
    },
    recordFeedback: (id: string, stage: 'draft' | 'refinement', vote: Vote | null) => {
      const entry = entries.get(id);
      if (!entry) return Promise.resolve(false);
      entries.set(id, { ...entry, feedback: { ...entry.feedback, [stage]: vote } });
      return Promise.resolve(true);
    },
    prune: () => {
      store.prunes += 1;
      return Promise.resolve(0);
    },
  };
  return store;
}

const METADATA: ResultMetadata = {
  draftMs: 400,
  refinementMs: 2000,
  totalMs: 2500,
  mode: 'general',
  usedTwoStage: true,
  models: { draft: 'llama-3.1-8b-instant', refinement: 'gpt-4o-mini' },
  usage: {
    draft: { promptTokens: 200, completionTokens: 80 },
    refinement: { promptTokens: 300, completionTokens: 120 },
  },
  cost: { kind: 'priced', usd: 0.000123, basis: 'list', asOf: '2026-06' },
  quality: {
    original: { score: 20, checklist: [] },
    draft: { score: 50, checklist: [] },
    refined: { score: 83, checklist: [] },
  },
};

const STAGES = {
  draft: { origin: 'https://api.groq.com', model: 'llama-3.1-8b-instant' },
  refinement: { origin: 'https://api.openai.com', model: 'gpt-4o-mini' },
};

function setup(settings: Partial<HistorySettings> = {}) {
  let clock = 1_000;
  const store = memoryStore();
  const recorder = createHistoryRecorder({
    store,
    loadSettings: () => Promise.resolve(normalizeHistorySettings(settings)),
    now: () => clock,
  });
  const advance = (ms: number) => (clock += ms);
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { store, recorder, advance, flush };
}

const PAGE = {
  origin: 'https://chat.example',
  url: 'https://chat.example/c/42?q=secret',
  incognito: false,
};

function begin(ctx: ReturnType<typeof setup>, id = entryId(1), page: typeof PAGE | null = PAGE) {
  return ctx.recorder.begin({
    requestId: id,
    source: page ? 'shortcut' : 'popup',
    request: { prompt: 'haiku autumn', mode: 'general' },
    page,
    stages: STAGES,
  });
}

describe('history recorder', () => {
  it('records a two-stage request from its events: texts, first-token times, usage, cost', async () => {
    const ctx = setup();
    const observe = begin(ctx);
    const events: [number, ServerEvent][] = [
      [150, { type: 'draft-delta', delta: 'Draft ' }],
      [50, { type: 'draft-delta', delta: 'text' }],
      [10, { type: 'draft', draft: 'Draft text' }],
      [700, { type: 'refined-delta', delta: 'Refined' }],
      [300, { type: 'refined', refined: 'Refined text' }],
      [5, { type: 'end', outcome: 'refined', fromCache: false, metadata: METADATA }],
    ];
    for (const [ms, event] of events) {
      ctx.advance(ms);
      observe(event);
    }
    await ctx.flush();
    expect(ctx.store.entries.get(entryId(1))).toEqual({
      id: entryId(1),
      at: 1_000,
      source: 'shortcut',
      origin: 'https://chat.example',
      url: null,
      mode: 'general',
      original: 'haiku autumn',
      draft: 'Draft text',
      refinement: 'Refined text',
      outcome: 'refined',
      error: null,
      fallback: null,
      fromCache: false,
      action: 'pending',
      actionFinal: false,
      providers: STAGES,
      timings: {
        draftFirstTokenMs: 150,
        draftMs: 400,
        refinementFirstTokenMs: 910,
        refinementMs: 2000,
        totalMs: 2500,
      },
      usage: METADATA.usage,
      costUsd: 0.000123,
      quality: 83,
      feedback: { draft: null, refinement: null },
    });
    expect(ctx.store.prunes).toBe(1);
  });

  it('nothing is written before the end, and the full address only when allowed', async () => {
    const ctx = setup({ fullUrls: true });
    const observe = begin(ctx);
    observe({ type: 'draft', draft: 'D' });
    await ctx.flush();
    expect(ctx.store.entries.size).toBe(0);
    observe({ type: 'end', outcome: 'draft-only', fromCache: false, metadata: null });
    await ctx.flush();
    expect(ctx.store.entries.get(entryId(1))?.url).toBe('https://chat.example/c/42?q=secret');
  });

  it.each([
    ['history is off', { enabled: false }, PAGE],
    [
      'the site is excluded (subdomains too)',
      { excludedSites: ['example'] },
      { ...PAGE, origin: 'https://example' },
    ],
    [
      'the site is excluded by its parent domain',
      { excludedSites: ['chat.example'] },
      { ...PAGE, origin: 'https://eu.chat.example' },
    ],
    ['the tab is private', {}, { ...PAGE, incognito: true }],
  ])('nothing is recorded when %s', async (_why, settings, page) => {
    const ctx = setup(settings);
    const observe = begin(ctx, entryId(1), page);
    observe({ type: 'end', outcome: 'cancelled', fromCache: false });
    await ctx.flush();
    expect(ctx.store.entries.size).toBe(0);
    expect(await ctx.recorder.action(entryId(1), 'kept', true)).toBe(false);
  });

  it('a failure keeps its code and words; a fallback keeps its code; a cache hit costs $0', async () => {
    const ctx = setup();
    const failed = begin(ctx, entryId(1));
    failed({
      type: 'end',
      outcome: 'failed',
      fromCache: false,
      error: {
        code: 'invalid-key',
        message: 'api.openai.com rejected the API key.',
        stage: 'refinement',
        retryable: false,
      },
    });
    const fellBack = begin(ctx, entryId(2), null);
    fellBack({
      type: 'fallback',
      reason: { code: 'timeout', message: 'x', stage: 'draft', retryable: true },
    });
    fellBack({ type: 'refined', refined: 'R' });
    fellBack({ type: 'end', outcome: 'single-stage', fromCache: true, metadata: METADATA });
    await ctx.flush();
    expect(ctx.store.entries.get(entryId(1))).toMatchObject({
      outcome: 'failed',
      error: { code: 'invalid-key', message: 'api.openai.com rejected the API key.' },
      costUsd: null,
    });
    expect(ctx.store.entries.get(entryId(2))).toMatchObject({
      source: 'popup',
      origin: null,
      outcome: 'single-stage',
      fallback: { code: 'timeout' },
      fromCache: true,
      costUsd: 0,
    });
  });

  it('what the user does before the entry is written is in it; after, it goes to the store', async () => {
    const ctx = setup();
    const observe = begin(ctx);
    observe({ type: 'draft', draft: 'D' });
    expect(await ctx.recorder.action(entryId(1), 'edited', false)).toBe(true);
    expect(await ctx.recorder.feedback(entryId(1), 'draft', 'down')).toBe(true);
    observe({ type: 'end', outcome: 'refined', fromCache: false, metadata: METADATA });
    // Arrives while the entry is being written.
    await ctx.recorder.action(entryId(1), 'applied', false);
    await ctx.flush();
    await ctx.flush();
    expect(ctx.store.entries.get(entryId(1))).toMatchObject({
      action: 'applied',
      actionFinal: false,
      feedback: { draft: 'down', refinement: null },
    });
    await ctx.recorder.action(entryId(1), 'pending', true);
    await ctx.recorder.feedback(entryId(1), 'refinement', 'up');
    expect(ctx.store.entries.get(entryId(1))).toMatchObject({
      action: 'applied',
      actionFinal: true,
      feedback: { draft: 'down', refinement: 'up' },
    });
  });
});
