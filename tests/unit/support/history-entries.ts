import type { HistoryEntry } from '../../../lib/insights/history-entry';

/** A complete, valid entry; `overrides` change what a test is about. */
export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    at: Date.UTC(2026, 11, 1, 12, 0, 0),
    source: 'shortcut',
    origin: 'https://chat.example',
    url: null,
    mode: 'general',
    original: 'haiku autumn leaves',
    draft: 'Draft: a haiku about autumn leaves.',
    refinement: 'Refined: a 5-7-5 haiku about autumn leaves at dusk.',
    outcome: 'refined',
    error: null,
    fallback: null,
    fromCache: false,
    action: 'pending',
    actionFinal: false,
    providers: {
      draft: { origin: 'https://api.groq.com', model: 'llama-3.1-8b-instant' },
      refinement: { origin: 'https://api.openai.com', model: 'gpt-4o-mini' },
    },
    timings: {
      draftFirstTokenMs: 180,
      draftMs: 420,
      refinementFirstTokenMs: 900,
      refinementMs: 2400,
      totalMs: 2600,
    },
    usage: {
      draft: { promptTokens: 200, completionTokens: 80 },
      refinement: { promptTokens: 300, completionTokens: 120 },
    },
    costUsd: 0.0001,
    quality: 75,
    feedback: { draft: null, refinement: null },
    ...overrides,
  };
}

/** The id of the n-th test entry (valid UUID form). */
export function entryId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}
