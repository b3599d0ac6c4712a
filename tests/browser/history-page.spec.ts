// The History page (prompt-history.html) over a store seeded with known entries: the list and its
// words, search and filters, the texts side by side and as changes, Copy, Delete and Delete all,
// export then import, the settings, Optimize again, and the links to the page.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { configureProviders } from './support/configure-providers';
import { extensionUrl, openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import {
  makeHistoryEntry,
  readHistory,
  SEED_TIME,
  seedHistory,
  seedManyHistoryEntries,
  timeHistoryOpen,
} from './support/history-seed';
import { getStorage } from './support/storage';

const MINUTE = 60_000;

/** Oldest first here; the page must turn them round. */
const SEEDED = [
  makeHistoryEntry({
    id: 'entry-popup-failed',
    at: SEED_TIME - 30 * MINUTE,
    source: 'popup',
    origin: null,
    mode: 'video',
    original: 'a drone shot gliding over a foggy harbour at dawn',
    draft: null,
    refinement: null,
    outcome: 'failed',
    error: { code: 'rate-limited', message: 'The provider is rate limiting requests.' },
    action: 'pending',
    actionFinal: false,
    providers: { draft: null, refinement: null },
    usage: { draft: null, refinement: null },
    costUsd: null,
  }),
  makeHistoryEntry({
    id: 'entry-claude-draft-only',
    at: SEED_TIME - 20 * MINUTE,
    source: 'context-menu',
    origin: 'https://claude.ai',
    mode: 'research',
    original: 'summarize recent papers on coral reef bleaching',
    draft: 'Summarize peer-reviewed papers from the last three years on coral reef bleaching.',
    refinement: null,
    outcome: 'draft-only',
    error: { code: 'timeout', message: 'The refinement model took too long to answer.' },
    action: 'edited',
    providers: {
      draft: { origin: 'https://api.groq.com', model: 'llama-3.1-8b-instant' },
      refinement: { origin: 'https://api.openai.com', model: 'gpt-4o-mini' },
    },
    fromCache: true,
    costUsd: 0,
  }),
  makeHistoryEntry({
    id: 'entry-chatgpt-refined',
    at: SEED_TIME - 10 * MINUTE,
    source: 'shortcut',
    origin: 'https://chatgpt.com',
    mode: 'general',
    original: 'haiku about autumn leaves',
    draft: 'Write a haiku about autumn leaves falling in a quiet park.',
    refinement:
      'You are a poet. Write a haiku (5-7-5) about autumn leaves drifting down in a quiet park at dusk.',
    outcome: 'refined',
    action: 'kept',
    costUsd: 0.0004,
  }),
];

async function openHistory(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl(extensionId, 'prompt-history.html'));
  return page;
}

/** Seeds from the History page itself, then reloads it so the test starts from a fresh read. */
async function historyWith(
  context: BrowserContext,
  extensionId: string,
  entries = SEEDED,
): Promise<Page> {
  const page = await openHistory(context, extensionId);
  await seedHistory(page, entries);
  await page.reload();
  return page;
}

async function resetHistorySettings(worker: Worker): Promise<void> {
  await worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { sync: { remove(k: string): Promise<void> } } };
      }
    ).chrome.storage.sync.remove('historySettings'),
  );
}

const rows = (page: Page) => page.locator('.history-row');

/**
 * What the clipboard holds, read from a plain web page: permissions cannot be granted to the
 * extension's origin, but the browser's clipboard is one for every page.
 */
async function readClipboard(context: BrowserContext): Promise<string> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>clipboard</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    await page.goto(origin);
    await page.bringToFront();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    await page.close();
    return text;
  } finally {
    server.close();
  }
}

test.beforeEach(async ({ extension }) => {
  await resetHistorySettings(extension.serviceWorker);
});

test('lists the entries newest first, each in words: site, mode, outcome, action, models, time, cost', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId);
  await expect(page.getByText('3 optimizations, newest first')).toBeVisible();
  await expect(rows(page)).toHaveCount(3);

  const first = rows(page).nth(0);
  await expect(first).toContainText('haiku about autumn leaves');
  for (const words of [
    'chatgpt.com',
    'General',
    'Refined',
    'Kept',
    'llama-3.1-8b-instant → gpt-4o-mini',
    '2.4 s',
    '≈ $0.0004',
  ]) {
    await expect(first).toContainText(words);
  }
  const second = rows(page).nth(1);
  await expect(second).toContainText('summarize recent papers on coral reef bleaching');
  for (const words of [
    'claude.ai',
    'Research',
    'Draft only: timed out',
    'Edited (refinement offered)',
    'Cached · $0',
  ]) {
    await expect(second).toContainText(words);
  }
  const third = rows(page).nth(2);
  await expect(third).toContainText('a drone shot gliding over a foggy harbour at dawn');
  for (const words of ['Popup', 'Video generation', 'Failed: rate limited', 'Not final yet', '—']) {
    await expect(third).toContainText(words);
  }
  await expect(
    page.getByText('Choose an entry to see its original, draft and refinement side by side.'),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('history-list.png'), fullPage: true });
});

test('search finds an entry by a word of its original; filters narrow the list', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId);
  const search = page.getByLabel('Search', { exact: true });
  await search.fill('CORAL');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('summarize recent papers on coral reef bleaching');
  await expect(page.getByText('1 of 3 match')).toBeVisible();

  // A word only in a refinement counts too.
  await search.fill('dusk');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('haiku about autumn leaves');

  await search.fill('submarine');
  await expect(
    page.getByText('No optimization matches this search and these filters.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
  await expect(rows(page)).toHaveCount(3);

  await page.getByLabel('Outcome').selectOption({ label: 'Failed' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Failed: rate limited');
  await page.getByLabel('Outcome').selectOption({ label: 'All outcomes' });

  await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Popup (1)' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('a drone shot');
  await page.getByLabel('Site', { exact: true }).selectOption({ label: 'All sites' });

  await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Research' });
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel('What you did').selectOption({ label: 'Kept' });
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByText('0 of 3 match')).toBeVisible();
});

test('an entry shows its texts side by side and as word changes; Copy puts a text on the clipboard', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId);
  await rows(page).first().getByRole('button').click();
  const detail = page.getByRole('region', { name: /chatgpt\.com/ });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('chatgpt.com');
  await expect(detail.getByRole('article', { name: 'Original' })).toContainText(
    'haiku about autumn leaves',
  );
  await expect(detail.getByRole('article', { name: 'Draft' })).toContainText(
    'Write a haiku about autumn leaves falling in a quiet park.',
  );
  await expect(detail.getByRole('article', { name: 'Refinement' })).toContainText(
    'You are a poet. Write a haiku (5-7-5)',
  );
  await expect(detail).toContainText('Keyboard shortcut');
  await expect(detail).toContainText('draft: 600 in, 120 out; refinement: 900 in, 160 out');

  await detail.getByRole('button', { name: 'Copy refinement' }).click();
  await expect(detail.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await readClipboard(extension.context)).toBe(SEEDED[2]!.refinement);
  await page.bringToFront();

  await detail.getByLabel('Changes, word by word').check();
  await expect(detail.getByLabel('Compare')).toHaveValue('original-refinement');
  await detail.getByLabel('Compare').selectOption({ label: 'Draft → Refinement' });
  const diff = detail.locator('.diff');
  await expect(diff).toHaveText(/Write a haiku.*about autumn leaves.*in a quiet park.*/);
  await expect(diff.locator('ins').first()).toBeVisible();
  await expect(diff.locator('ins', { hasText: 'poet' })).toHaveCount(1);
  await expect(diff.locator('del', { hasText: 'falling' })).toHaveCount(1);
  // Text nodes only: markup in a text stays text.
  await page.screenshot({ path: test.info().outputPath('history-detail.png'), fullPage: true });

  // The draft-only entry says why there is no refinement.
  await rows(page).nth(1).getByRole('button').click();
  await expect(page.getByRole('article', { name: 'Refinement' })).toContainText('None: timed out.');
  await expect(page.getByText('The refinement model took too long to answer.')).toBeVisible();
});

test('texts that look like HTML are shown as text, never run', async ({ extension }) => {
  const page = await historyWith(extension.context, extension.extensionId, [
    makeHistoryEntry({
      id: 'entry-markup',
      original: '<img src=x onerror="document.title=\'pwned\'"> <b>bold</b>',
      draft: '<script>document.title="pwned"</script> draft',
      refinement: '<i>refined</i>',
    }),
  ]);
  await rows(page).first().getByRole('button').click();
  await expect(page.getByRole('article', { name: 'Original' })).toContainText('<b>bold</b>');
  await page.getByLabel('Changes, word by word').check();
  await expect(page.locator('.diff')).toContainText('<img src=x onerror=');
  await expect(page.locator('.diff')).toContainText('refined');
  expect(await page.locator('.history-page img, .history-page b, .history-page i').count()).toBe(0);
  expect(await page.title()).toBe('Prompt Relay history');
});

test('Delete removes one entry (Undo puts it back); Delete all asks, then empties the list', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId);
  await rows(page).nth(1).getByRole('button').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByText('Entry deleted.')).toBeVisible();
  await expect(page.getByText('coral reef')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).nth(1)).toContainText('coral reef');

  await page.getByRole('button', { name: 'Delete all…' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(
    'Delete all 3 entries from this browser? This cannot be undone',
  );
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(rows(page)).toHaveCount(3);

  await page.getByRole('button', { name: 'Delete all…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete all' }).click();
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();
  await expect(
    page.getByText(
      'Each prompt you optimize — from the toolbar popup, the keyboard shortcut or the right-click menu — appears here',
    ),
  ).toBeVisible();
  expect(await readHistory(page)).toEqual([]);
  // Still empty after a fresh read.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();
});

test('Export downloads every entry as JSON; Import brings them back and counts them', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^prompt-relay-history-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    format: string;
    version: number;
    entries: { id: string }[];
  };
  expect(file.format).toBe('prompt-relay-history');
  expect(file.version).toBe(1);
  expect(file.entries.map((e) => e.id)).toEqual([
    'entry-chatgpt-refined',
    'entry-claude-draft-only',
    'entry-popup-failed',
  ]);
  await expect(page.getByText('Exported 3 entries.')).toBeVisible();

  await page.getByRole('button', { name: 'Delete all…' }).click();
  await page.getByRole('button', { name: 'Yes, delete all' }).click();
  await expect(page.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();

  // The file plus one entry that is not valid and one field outside the schema.
  const tampered = {
    ...file,
    entries: [...file.entries.map((e) => ({ ...e, injected: '<script>' })), { id: 'broken entry' }],
  };
  await page.getByLabel('Import from a file…').setInputFiles({
    name: 'history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(tampered)),
  });
  await expect(
    page.getByText('Imported 3 entries; 1 entry could not be read and was skipped.'),
  ).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).first()).toContainText('haiku about autumn leaves');
  const stored = await readHistory(page);
  expect(stored.map((e) => e.id).sort()).toEqual(SEEDED.map((e) => e.id).sort());
  expect(JSON.stringify(stored)).not.toContain('injected');

  // Importing the same file again adds nothing.
  await page.getByLabel('Import from a file…').setInputFiles({
    name: 'history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByText('Imported 0 entries; 3 were already there.')).toBeVisible();

  // Entries older than the kept days are imported, then deleted at once, and the page says so.
  const old = makeHistoryEntry({ id: 'entry-old', at: Date.now() - 40 * 24 * 60 * MINUTE });
  await page.getByLabel('Import from a file…').setInputFiles({
    name: 'old.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...file, entries: [old] })),
  });
  await expect(
    page.getByText(
      'Imported 1 entry. To fit your history settings (30 days, 1,000 entries), the oldest entry was then deleted; raise the limits below and import again to keep them.',
    ),
  ).toBeVisible();
  await expect(rows(page)).toHaveCount(3);

  await page.getByLabel('Import from a file…').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "something-else"}'),
  });
  await expect(
    page.getByText('This file is not a Prompt Relay history export.', { exact: false }),
  ).toBeVisible();
});

test('the settings save, survive a reload, and the empty page says when history is off', async ({
  extension,
}) => {
  const page = await historyWith(extension.context, extension.extensionId, []);
  await expect(page.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();
  await expect(page.getByText('Nothing here is sent anywhere', { exact: false })).toBeVisible();
  await expect(page.getByText('Kept in this browser only', { exact: false })).toBeVisible();

  await expect(page.getByLabel('Keep a history')).toBeChecked();
  await expect(page.getByLabel('Keep entries for (days)')).toHaveValue('30');
  await expect(page.getByLabel('Keep at most (entries)')).toHaveValue('1000');
  await expect(page.getByLabel('Keep full page addresses')).not.toBeChecked();

  await page.getByLabel('Keep a history').uncheck();
  await page.getByLabel('Keep entries for (days)').fill('400');
  await page.getByLabel('Keep at most (entries)').fill('50');
  await page.getByLabel('Keep full page addresses').check();
  await page
    .getByLabel('Never record on these sites')
    .fill('https://Mail.Example.com/inbox\nnot a site');
  await page.getByRole('button', { name: 'Save history settings' }).click();
  await expect(page.getByText('Fix the marked fields, then save again.')).toBeVisible();
  await expect(page.getByText('Enter a whole number of days from 1 to 365')).toBeVisible();
  await expect(
    page.getByText('“not a site” is not a site’s host name', { exact: false }),
  ).toBeVisible();

  await page.getByLabel('Keep entries for (days)').fill('7');
  await page
    .getByLabel('Never record on these sites')
    .fill('https://Mail.Example.com/inbox\nbank.example');
  await page.getByRole('button', { name: 'Save history settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'History is off' })).toBeVisible();

  expect(
    (await getStorage(extension.serviceWorker, 'sync', 'historySettings')).historySettings,
  ).toEqual({
    enabled: false,
    keepDays: 7,
    keepEntries: 50,
    fullUrls: true,
    excludedSites: ['mail.example.com', 'bank.example'],
  });

  await page.reload();
  await expect(page.getByLabel('Keep a history')).not.toBeChecked();
  await expect(page.getByLabel('Keep entries for (days)')).toHaveValue('7');
  await expect(page.getByLabel('Keep at most (entries)')).toHaveValue('50');
  await expect(page.getByLabel('Keep full page addresses')).toBeChecked();
  await expect(page.getByLabel('Never record on these sites')).toHaveValue(
    'mail.example.com\nbank.example',
  );
  await expect(page.getByRole('heading', { name: 'History is off' })).toBeVisible();
  await expect(
    page.getByText('Nothing is recorded while “Keep a history” is off.', { exact: false }),
  ).toBeVisible();
});

test('saving smaller limits deletes the entries beyond them at once, and says how many', async ({
  extension,
}) => {
  const many = Array.from({ length: 12 }, (_, i) =>
    makeHistoryEntry({ id: `limit-${i}`, at: Date.now() - i * MINUTE, original: `prompt ${i}` }),
  );
  const page = await historyWith(extension.context, extension.extensionId, many);
  await expect(page.getByText('12 optimizations, newest first')).toBeVisible();
  await page.getByLabel('Keep at most (entries)').fill('10');
  await page.getByRole('button', { name: 'Save history settings' }).click();
  await expect(
    page.getByText('Saved. 2 older entries were deleted to fit the new limits.'),
  ).toBeVisible();
  await expect(page.getByText('10 optimizations, newest first')).toBeVisible();
  await expect(rows(page).last()).toContainText('prompt 9');
});

test('a new entry appears while the page is open', async ({ extension }) => {
  const page = await historyWith(extension.context, extension.extensionId, []);
  await expect(page.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();
  const other = await openOptions(extension.context, extension.extensionId);
  await seedHistory(other, [SEEDED[2]!]);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('haiku about autumn leaves');
  await other.close();
});

test('10 000 entries: the first rows show quickly, 100 at a time, and search covers them all', async ({
  extension,
}) => {
  // Seeding 10 000 entries and reading them all takes seconds on a loaded machine.
  test.setTimeout(60_000);
  const seeder = await openHistory(extension.context, extension.extensionId);
  await seedManyHistoryEntries(seeder, 10_000);
  await seeder.close();
  // The figure itself comes from benchHistoryOpen (median of runs); one open here, for the log.
  const { markMs, wallMs, page } = await timeHistoryOpen(extension.context, extension.extensionId);
  test.info().annotations.push({
    type: 'history-open',
    description: `first rows painted ${Math.round(markMs)} ms after navigation start; ${wallMs} ms from goto`,
  });
  await expect(rows(page)).toHaveCount(100);
  await expect(page.getByText('10,000 optimizations, newest first')).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Show 100 more (9,900 not shown)' }).click();
  await expect(rows(page)).toHaveCount(200);
  await page.getByLabel('Search', { exact: true }).fill('#9999)');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByText('1 of 10,000 match')).toBeVisible();
  // Leave the worker's other tests a small store.
  await seedHistory(page, []);
});

test.describe('Optimize again', () => {
  let draftMock: MockProvider;
  let refinementMock: MockProvider;
  const DRAFT = 'Write a haiku about autumn leaves.';
  const REFINED = 'You are a poet. Write a 5-7-5 haiku about autumn leaves at dusk.';

  test.beforeAll(async () => {
    draftMock = await startMockProvider({
      scenario: { reply: DRAFT, firstTokenMs: 50, tokensPerSecond: 400 },
    });
    refinementMock = await startMockProvider({
      scenario: { reply: REFINED, firstTokenMs: 200, tokensPerSecond: 400 },
    });
  });
  test.afterAll(async () => {
    await draftMock?.close();
    await refinementMock?.close();
  });

  test('runs the original again here, and the new run lands at the top of the list', async ({
    extension,
  }) => {
    await configureProviders(extension.serviceWorker, {
      draftUrl: draftMock.url,
      refinementUrl: refinementMock.url,
    });
    await resetHistorySettings(extension.serviceWorker);
    const page = await historyWith(extension.context, extension.extensionId);
    await rows(page).first().getByRole('button').click();
    await page.getByRole('button', { name: 'Optimize again' }).click();
    const panel = page.getByRole('region', { name: 'Optimize again' });
    await expect(panel.getByLabel('Optimized prompt')).toHaveValue(REFINED);
    await expect(panel.getByRole('status').first()).toContainText('Refined!');
    await page.screenshot({ path: test.info().outputPath('history-optimize-again.png') });
    expect(refinementMock.requests.length).toBe(1);
    await expect(rows(page)).toHaveCount(4);
    await expect(rows(page).first()).toContainText('haiku about autumn leaves');
    await expect(rows(page).first()).toContainText('Popup');
    await expect(rows(page).first()).toContainText('Refined');
  });
});

test('the popup and the settings page link to the History page, which replaces no browser page', async ({
  extension,
}) => {
  // WXT reads an entrypoint named "history" as Chrome's own History override: the page is
  // prompt-history.html, and the manifest overrides nothing.
  const manifest = await extension.serviceWorker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }
    ).chrome.runtime.getManifest(),
  );
  expect(manifest.chrome_url_overrides).toBeUndefined();

  const popup = await openPopup(extension.context, extension.extensionId);
  const opened = extension.context.waitForEvent('page');
  await popup.getByRole('link', { name: 'History' }).click();
  const fromPopup = await opened;
  await fromPopup.waitForLoadState();
  expect(fromPopup.url()).toBe(extensionUrl(extension.extensionId, 'prompt-history.html'));
  await expect(fromPopup.getByRole('heading', { name: 'Prompt Relay history' })).toBeVisible();

  const options = await openOptions(extension.context, extension.extensionId);
  await options.getByRole('link', { name: 'History' }).click();
  await expect(options).toHaveURL(extensionUrl(extension.extensionId, 'prompt-history.html'));
  await expect(options.getByRole('heading', { name: 'Prompt Relay history' })).toBeVisible();
});
