// The Dashboard page (dashboard.html): figures and charts from the history store, live, with
// empty states that explain themselves. The store is seeded with entries of known timings,
// costs, actions and votes (tests/fixtures/history/seeded-entries.ts, the unit tests' seed).
import type { Page } from '@playwright/test';
import type { Browser } from 'webextension-polyfill';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import { HISTORY_CHANNEL, HISTORY_DB_NAME } from '../../lib/insights/history-store';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { seedId, seededEntries } from '../fixtures/history/seeded-entries';
import { configureProviders } from './support/configure-providers';
import { extensionUrl, openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { setStorage } from './support/storage';

const EMPTY_WORDS =
  'No optimizations recorded yet — optimize a prompt and its timings appear here.';
const REFINED = 'You are a poet. Write a haiku about autumn leaves. Return only the three lines.';

let draftMock: MockProvider;
let refinementMock: MockProvider;

test.beforeAll(async () => {
  draftMock = await startMockProvider({
    scenario: { reply: 'Write a haiku about autumn leaves.', firstTokenMs: 50 },
  });
  refinementMock = await startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 100 } });
});
test.afterAll(async () => {
  await draftMock?.close();
  await refinementMock?.close();
});
test.beforeEach(async ({ extension }) => {
  // Default settings (history on), and the mocks as providers.
  await configureProviders(extension.serviceWorker, {
    draftUrl: draftMock.url,
    refinementUrl: refinementMock.url,
  });
});

async function openDashboard(page: Page, extensionId: string): Promise<void> {
  await page.goto(extensionUrl(extensionId, 'dashboard.html'));
  // Once the first read is done the page has opened (and so created) the history database.
  await expect(page.getByText('Reading the history…')).toHaveCount(0);
}

/**
 * Replaces the history with `entries`, written to the extension origin's IndexedDB from the
 * page, and announced the way the store announces its writes.
 */
async function replaceHistory(page: Page, entries: HistoryEntry[]): Promise<void> {
  await page.evaluate(
    async ({ entries, name, channel }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('entries', 'readwrite');
        const store = tx.objectStore('entries');
        store.clear();
        for (const entry of entries) store.put(entry);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
      const announce = new BroadcastChannel(channel);
      announce.postMessage({ type: 'imported', count: entries.length });
      announce.close();
    },
    { entries, name: HISTORY_DB_NAME, channel: HISTORY_CHANNEL },
  );
}

/** Per canvas, how many pixels carry one of the chart series' colours (the plotted data). */
async function plottedPixels(page: Page): Promise<number[]> {
  return page.locator('canvas').evaluateAll((canvases) => {
    const series = ['#3b5bdb', '#e8590c', '#0c8599', '#7048e8', '#2f9e44', '#e03131'].map((hex) =>
      [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)),
    );
    return canvases.map((element) => {
      const canvas = element as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! < 200) continue;
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (
          series.some(
            ([sr, sg, sb]) => Math.abs(r - sr!) + Math.abs(g - sg!) + Math.abs(b - sb!) < 24,
          )
        )
          count += 1;
      }
      return count;
    });
  });
}

function section(page: Page, title: string) {
  return page.getByRole('region', { name: title, exact: true });
}

function tile(page: Page, term: string) {
  return page
    .locator('.tile')
    .filter({ has: page.getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition');
}

test('an empty history says how to fill it; with history off it says so and turns it on', async ({
  extension,
  page,
}) => {
  await openDashboard(page, extension.extensionId);
  await replaceHistory(page, []);
  await expect(page.getByText(EMPTY_WORDS)).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(0);

  await setStorage(extension.serviceWorker, 'sync', {
    historySettings: {
      enabled: false,
      keepDays: 30,
      keepEntries: 1000,
      fullUrls: false,
      excludedSites: [],
    },
  });
  await expect(
    page.getByText(
      'History is off, so no optimizations are recorded and there is nothing to show here.',
    ),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Turn history on' }).click();
  await expect(page.getByText(EMPTY_WORDS)).toBeVisible();
  const stored = await extension.serviceWorker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
    return (await chrome.storage.sync.get('historySettings')).historySettings as {
      enabled: boolean;
    };
  });
  expect(stored.enabled).toBe(true);
});

test('seeded entries show as charts and literal figures; a thumbs-down on a draft shows', async ({
  extension,
  page,
}) => {
  await openDashboard(page, extension.extensionId);
  // Written after the page opened: the announcement alone brings them in, no reload.
  await replaceHistory(page, seededEntries(Date.now()));

  // The last 30 days (the default) hold all 11 entries.
  await expect(tile(page, 'Requests')).toHaveText('11');
  await expect(tile(page, 'Cost')).toHaveText('$0.0105 (3 requests without a known cost)');
  await expect(tile(page, 'Accepted')).toHaveText('62.5% (5 of 8)');
  await expect(section(page, 'Draft first token')).toContainText(
    'p50 180 ms · p95 420 ms (8 requests)',
  );
  await expect(section(page, 'Draft total time')).toContainText(
    'p50 400 ms · p95 900 ms (7 requests)',
  );
  await expect(section(page, 'Refinement time')).toContainText(
    'p50 1.30 s · p95 2.00 s (7 requests)',
  );
  await expect(section(page, 'End-to-end time')).toContainText(
    'p50 1.70 s · p95 5.00 s (8 requests)',
  );
  await expect(section(page, 'Fallback, error and cache hit rates')).toContainText(
    'Cache hits 10% (1 of 10) · Fallbacks 11.1% (1 of 9) · Errors 22.2% (2 of 9): Network 11.1% (1 of 9), Rate limited 11.1% (1 of 9)',
  );
  await expect(section(page, 'Requests and cost per provider and model')).toContainText(
    'Most used: llama-3.1-8b-instant (api.groq.com) → gpt-4o-mini (api.openai.com), 8 requests, $0.00864 (2 requests without a known cost).',
  );
  await expect(section(page, 'Acceptance per mode')).toContainText(
    'Accepted 62.5% (5 of 8). 1 request not settled yet.',
  );
  const draftFeedback = section(page, 'Draft feedback per draft model');
  await expect(draftFeedback).toContainText('Drafts: 2 up · 2 down (50% up).');

  // Every chart is drawn, and has its data on it (pixels in the series' colours).
  await expect(page.locator('canvas')).toHaveCount(13);
  await expect.poll(async () => Math.min(...(await plottedPixels(page)))).toBeGreaterThan(40);

  // The figures behind a chart, as a table a screen reader can read.
  await draftFeedback.getByText('Figures as a table').click();
  const groqRow = draftFeedback.getByRole('row', { name: /llama-3\.1-8b-instant/ });
  await expect(groqRow).toHaveText(/llama-3\.1-8b-instant \(api\.groq\.com\)\s*2\s*1\s*66\.7%/);

  // A thumbs-down on a draft (entry 5: Groq's draft, General mode), sent as the panel and the
  // popup send it, lands in the store through the background and shows here.
  const recorded = await page.evaluate(
    (id) =>
      (globalThis as unknown as { chrome: Browser }).chrome.runtime.sendMessage({
        type: 'history-feedback',
        id,
        stage: 'draft',
        vote: 'down',
      }),
    seedId(4),
  );
  expect(recorded).toBe(true);
  await expect(draftFeedback).toContainText('Drafts: 2 up · 3 down (40% up).');
  await expect(groqRow).toHaveText(/llama-3\.1-8b-instant \(api\.groq\.com\)\s*2\s*2\s*50%/);
  const byMode = section(page, 'Draft feedback per mode');
  await byMode.getByText('Figures as a table').click();
  await expect(byMode.getByRole('row', { name: /General/ })).toHaveText(/General\s*1\s*2\s*33\.3%/);

  // A shorter period leaves out the entry from two weeks ago.
  await page.getByRole('radio', { name: 'Last 7 days' }).check();
  await expect(tile(page, 'Requests')).toHaveText('10');
  await expect(tile(page, 'Cost')).toHaveText('$0.00554 (3 requests without a known cost)');
});

test('a new optimization shows at once; the popup and the settings link to the dashboard', async ({
  extension,
  page,
}) => {
  await openDashboard(page, extension.extensionId);
  await replaceHistory(page, seededEntries(Date.now()));
  await expect(tile(page, 'Requests')).toHaveText('11');

  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);

  // The background writes the entry after the request ends; the open dashboard follows.
  await expect(tile(page, 'Requests')).toHaveText('12');
  await expect(section(page, 'Requests and cost per provider and model')).toContainText(
    `llama-3.1-8b-instant (${new URL(draftMock.url).host}) → gpt-4o-mini (${new URL(refinementMock.url).host})`,
  );

  const fromPopup = extension.context.waitForEvent('page');
  await popup.getByRole('link', { name: 'Dashboard' }).click();
  const opened = await fromPopup;
  await expect(opened).toHaveURL(extensionUrl(extension.extensionId, 'dashboard.html'));
  await expect(opened.getByRole('heading', { name: 'Prompt Relay dashboard' })).toBeVisible();

  const options = await openOptions(extension.context, extension.extensionId);
  const fromOptions = extension.context.waitForEvent('page');
  await options.getByRole('link', { name: 'Dashboard' }).click();
  await expect(await fromOptions).toHaveURL(extensionUrl(extension.extensionId, 'dashboard.html'));
});
