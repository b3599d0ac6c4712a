// History entries for tests and benches: valid entries (makeHistoryEntry, checked by the same
// parser the import uses in tests/unit/history-json.test.ts), and writing them straight into the
// extension origin's IndexedDB from any extension page (seedHistory), fast enough for 10 000
// (seedManyHistoryEntries). Pure at the top: unit tests import makeHistoryEntry too.
import type { BrowserContext, Page } from '@playwright/test';
import type { HistoryEntry } from '../../../lib/insights/history-entry';
import { HISTORY_CHANNEL, HISTORY_DB_NAME } from '../../../lib/insights/history-store';

/** The store's database; seeding creates its v1 schema when the database does not exist yet. */
const HISTORY_DB = { name: HISTORY_DB_NAME, store: 'entries', channel: HISTORY_CHANNEL } as const;

/**
 * The newest seeded time: an hour ago, on a whole minute. Relative to now, not a fixed date, so
 * seeded entries stay inside the default 30-day retention the background prunes to.
 */
export const SEED_TIME = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;

let counter = 0;

/** A refined popup request with usage and a price, changed by `overrides`. */
export function makeHistoryEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  counter += 1;
  return {
    id: `seed-${counter.toString().padStart(6, '0')}`,
    at: SEED_TIME - counter * 60_000,
    source: 'popup',
    origin: null,
    url: null,
    mode: 'general',
    original: 'write a short story about a lighthouse keeper',
    draft: 'Write a 500-word short story about a lighthouse keeper on a remote island.',
    refinement:
      'You are a novelist. Write a 500-word short story about an ageing lighthouse keeper on a remote island during a storm; close third person, quiet tone.',
    outcome: 'refined',
    error: null,
    fallback: null,
    fromCache: false,
    action: 'kept',
    actionFinal: true,
    providers: {
      draft: { origin: 'https://api.groq.com', model: 'llama-3.1-8b-instant' },
      refinement: { origin: 'https://api.openai.com', model: 'gpt-4o-mini' },
    },
    timings: {
      draftFirstTokenMs: 180,
      draftMs: 420,
      refinementFirstTokenMs: 900,
      refinementMs: 2100,
      totalMs: 2400,
    },
    usage: {
      draft: { promptTokens: 600, completionTokens: 120 },
      refinement: { promptTokens: 900, completionTokens: 160 },
    },
    costUsd: 0.0004,
    quality: 82,
    feedback: { draft: null, refinement: null },
    ...overrides,
  };
}

/**
 * Writes entries into the history database from an extension page (any page of the extension's
 * origin: prompt-history.html, options.html…). Creates the database with the v1 schema when it does not
 * exist yet (the extension would migrate a later version on its next open), then tells open
 * History pages, as the store does, so they re-read.
 */
export async function seedHistory(
  page: Page,
  entries: HistoryEntry[],
  options: { clear?: boolean } = {},
): Promise<void> {
  await page.evaluate(
    async ({ db: names, entries, clear }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(names.name);
        request.onupgradeneeded = () => {
          if (request.result.objectStoreNames.contains(names.store)) return;
          const store = request.result.createObjectStore(names.store, { keyPath: 'id' });
          store.createIndex('at', 'at');
          store.createIndex('origin', 'origin');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
      });
      if (!db.objectStoreNames.contains(names.store)) {
        db.close();
        throw new Error(`${names.name} exists without its "${names.store}" store`);
      }
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(names.store, 'readwrite');
        const store = tx.objectStore(names.store);
        if (clear) store.clear();
        for (const entry of entries) store.put(entry);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('seeding failed'));
      });
      db.close();
      const channel = new BroadcastChannel(names.channel);
      channel.postMessage({ type: 'imported', count: entries.length });
      channel.close();
    },
    { db: HISTORY_DB, entries, clear: options.clear ?? true },
  );
}

/** Reads every stored entry (any order), to check what a page did. */
export async function readHistory(page: Page): Promise<HistoryEntry[]> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(names.name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    if (!db.objectStoreNames.contains(names.store)) {
      db.close();
      return [];
    }
    const all = await new Promise<HistoryEntry[]>((resolve, reject) => {
      const request = db.transaction(names.store).objectStore(names.store).getAll();
      request.onsuccess = () => resolve(request.result as HistoryEntry[]);
      request.onerror = () => reject(request.error ?? new Error('getAll failed'));
    });
    db.close();
    return all;
  }, HISTORY_DB);
}

/** Varied entries: every mode, outcome, action and a few sites, in a fixed pattern. */
export function historyTemplates(): HistoryEntry[] {
  const sites = [null, 'https://chatgpt.com', 'https://claude.ai', 'https://mail.example.com'];
  const modes = ['general', 'reasoning', 'research', 'socratic', 'video', 'image'] as const;
  const actions = ['kept', 'edited', 'applied', 'copied', 'restored', 'pending'] as const;
  return Array.from({ length: 12 }, (_, i) => {
    const origin = sites[i % sites.length]!;
    const failed = i % 11 === 5;
    const draftOnly = i % 7 === 3;
    return makeHistoryEntry({
      source: origin === null ? 'popup' : 'shortcut',
      origin,
      mode: modes[i % modes.length]!,
      original: `prompt number ${i}: explain how tides work for a ten year old, with one example`,
      outcome: failed ? 'failed' : draftOnly ? 'draft-only' : 'refined',
      error: failed
        ? { code: 'rate-limited', message: 'The provider is rate limiting requests.' }
        : draftOnly
          ? { code: 'timeout', message: 'The refinement took too long.' }
          : null,
      draft: failed ? null : 'Explain how ocean tides work to a ten-year-old, with one example.',
      refinement:
        failed || draftOnly
          ? null
          : 'You are a patient science teacher. Explain to a ten-year-old how the Moon and Sun cause ocean tides, in under 150 words, with one everyday example.',
      action: failed ? 'pending' : actions[i % actions.length]!,
      fromCache: i % 9 === 4,
      costUsd: failed ? null : i % 9 === 4 ? 0 : 0.0004,
    });
  });
}

/**
 * Seeds `count` entries a minute apart (newest at SEED_TIME) in one transaction, built in the page
 * from a dozen templates so only the templates cross the DevTools protocol. For the bench "the
 * History page opens with 10 000 entries in under 1 s".
 */
export async function seedManyHistoryEntries(page: Page, count: number): Promise<void> {
  await seedHistory(page, [], { clear: true });
  await page.evaluate(
    async ({ db: names, templates, count, newest }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(names.name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(names.store, 'readwrite');
        const store = tx.objectStore(names.store);
        for (let i = 0; i < count; i += 1) {
          const template = templates[i % templates.length]!;
          store.put({
            ...template,
            id: `bench-${i.toString().padStart(6, '0')}`,
            at: newest - i * 60_000,
            original: `${template.original} (#${i})`,
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('seeding failed'));
      });
      db.close();
      const channel = new BroadcastChannel(names.channel);
      channel.postMessage({ type: 'imported', count });
      channel.close();
    },
    { db: HISTORY_DB, templates: historyTemplates(), count, newest: SEED_TIME },
  );
}

/**
 * Opens prompt-history.html in a new tab and measures navigation start → the first rows painted, from the
 * page's own `history-first-rows` performance mark (set by the list once its first rows are on
 * screen), alongside the wall time Playwright saw from `goto` to the first row visible. Seed
 * first, from any extension page.
 */
export async function timeHistoryOpen(
  context: BrowserContext,
  extensionId: string,
): Promise<{ markMs: number; wallMs: number; page: Page }> {
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`chrome-extension://${extensionId}/prompt-history.html`);
  await page.locator('.history-row').first().waitFor({ state: 'visible' });
  const wallMs = Date.now() - started;
  const markMs = await page.evaluate(async () => {
    for (let i = 0; i < 100; i += 1) {
      const mark = performance.getEntriesByName('history-first-rows')[0];
      if (mark) return mark.startTime;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Number.NaN;
  });
  return { markMs, wallMs, page };
}

export interface HistoryOpenBench {
  entries: number;
  /** Navigation start → first rows painted, each run, in ms. */
  markMs: number[];
  wallMs: number[];
  /** Navigation start → every entry read (search and filters ready), each run, in ms. */
  allEntriesMs: number[];
  medianMarkMs: number;
  medianWallMs: number;
  medianAllEntriesMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The bench "the History page opens with N entries": seeds N entries (from the extension's
 * manifest.json, a page of its origin that reads nothing itself), lets the database settle, then
 * opens prompt-history.html `runs` times in fresh tabs, each closed once its whole history is read (so
 * no read overlaps the next open). Leaves the history empty.
 */
export async function benchHistoryOpen(
  context: BrowserContext,
  extensionId: string,
  options: { entries?: number; runs?: number; settleMs?: number } = {},
): Promise<HistoryOpenBench> {
  const entries = options.entries ?? 10_000;
  const runs = options.runs ?? 5;
  const seeder = await context.newPage();
  await seeder.goto(`chrome-extension://${extensionId}/manifest.json`);
  await seedManyHistoryEntries(seeder, entries);
  // Writing thousands of entries leaves the database compacting for a moment.
  await seeder.waitForTimeout(options.settleMs ?? 2000);
  const markMs: number[] = [];
  const wallMs: number[] = [];
  const allEntriesMs: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const opened = await timeHistoryOpen(context, extensionId);
      markMs.push(Math.round(opened.markMs));
      wallMs.push(opened.wallMs);
      await opened.page
        .getByText(`${entries.toLocaleString('en')} optimizations, newest first`)
        .waitFor({ timeout: 30_000 });
      allEntriesMs.push(
        Math.round(
          await opened.page.evaluate(
            // A store of one page or less is complete at once: no separate full read.
            () =>
              (
                performance.getEntriesByName('history-all-entries')[0] ??
                performance.getEntriesByName('history-first-rows')[0]
              )?.startTime ?? Number.NaN,
          ),
        ),
      );
      await opened.page.close();
    }
  } finally {
    await seedHistory(seeder, []);
    await seeder.close();
  }
  return {
    entries,
    markMs,
    wallMs,
    allEntriesMs,
    medianMarkMs: median(markMs),
    medianWallMs: median(wallMs),
    medianAllEntriesMs: median(allEntriesMs),
  };
}
