// What the history records from real use: the built extension, real pages, the real shortcut path
// (commands.onCommand) and the popup. Entries are read from the extension origin's IndexedDB as
// the History page reads them.
import type { BrowserContext } from '@playwright/test';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import { openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { inPageSuite } from './support/in-page-suite';
import { STATUS } from './support/overlay';
import { DRAFT, REFINED, sleep } from './support/page-fixture';

const suite = inPageSuite();

// Each test starts with an empty history (the browser is shared by the file's tests).
test.beforeEach(async ({ extension }) => {
  const page = await openOptions(extension.context, extension.extensionId);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const NONE = undefined;
        const open = indexedDB.open('prompt-relay-history');
        // Never create the database here: the background creates it, with its stores.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () =>
          open.error?.name === 'AbortError' ? resolve(NONE) : reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) return resolve();
          const tx = db.transaction('entries', 'readwrite');
          tx.objectStore('entries').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
        };
      }),
  );
  await page.close();
});

/** Every history entry, newest first, read on an extension page. */
async function historyEntries(context: BrowserContext, extensionId: string) {
  const page = await openOptions(context, extensionId);
  const entries = await page.evaluate(
    () =>
      new Promise<HistoryEntry[]>((resolve, reject) => {
        const NONE: HistoryEntry[] = [];
        const open = indexedDB.open('prompt-relay-history');
        // Never create the database here: the background creates it, with its stores.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () =>
          open.error?.name === 'AbortError' ? resolve(NONE) : reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) return resolve([]);
          const read = db.transaction('entries').objectStore('entries').index('at').getAll();
          read.onsuccess = () => {
            db.close();
            resolve((read.result as HistoryEntry[]).reverse());
          };
          read.onerror = () => reject(new Error(String(read.error)));
        };
      }),
  );
  await page.close();
  return entries;
}

test('in a field: the entry holds original, draft and refinement; an edit makes it "edited", Apply "applied", leaving the page final', async ({
  extension,
}) => {
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');
  await sleep(100);
  await field.page.keyboard.press('Control+End');
  await field.page.keyboard.type(' Mine.');
  release();
  await expect.poll(() => overlay.status()).toBe(STATUS.offer);

  const entries = () => historyEntries(extension.context, extension.extensionId);
  await expect.poll(async () => (await entries())[0]?.action).toBe('edited');
  const [entry] = await entries();
  expect(entry).toMatchObject({
    source: 'shortcut',
    origin: new URL(field.page.url()).origin,
    url: null,
    mode: 'general',
    original: 'write a haiku about autumn',
    draft: DRAFT,
    refinement: REFINED,
    outcome: 'refined',
    error: null,
    fromCache: false,
    actionFinal: false,
    providers: {
      draft: { origin: suite.servers.draft.url, model: 'llama-3.1-8b-instant' },
      refinement: { origin: suite.servers.refinement.url, model: 'gpt-4o-mini' },
    },
  });
  expect(entry!.timings.draftFirstTokenMs).toBeGreaterThan(0);
  expect(entry!.timings.refinementFirstTokenMs).toBeGreaterThan(entry!.timings.draftFirstTokenMs!);
  expect(entry!.usage.draft?.completionTokens).toBeGreaterThan(0);
  expect(JSON.stringify(entry)).not.toContain('gsk_');
  expect(JSON.stringify(entry)).not.toContain('sk-browser');

  await overlay.click('Apply refined');
  await expect.poll(() => field.text()).toBe(REFINED);
  await expect.poll(async () => (await entries())[0]?.action).toBe('applied');
  // The panel's thumbs, with real clicks.
  await overlay.click('Poor draft');
  await overlay.click('Good refinement');
  await expect
    .poll(async () => (await entries())[0]?.feedback)
    .toEqual({ draft: 'down', refinement: 'up' });

  // Leaving the page makes it final.
  await field.page.goto('about:blank');
  await expect
    .poll(async () => (await entries())[0])
    .toMatchObject({ action: 'applied', actionFinal: true });
});

test('in a field: a result left as it is becomes "kept" once focus has been away for 5 s; Ctrl+Z back to the original is "undid"', async ({
  extension,
}) => {
  // Two optimizations and the product's own 5 s wait after focus left.
  test.setTimeout(60_000);
  const field = await suite.open(extension, 'textarea');
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
  await expect.poll(() => field.text()).toBe(REFINED);
  const entries = () => historyEntries(extension.context, extension.extensionId);
  await expect.poll(async () => (await entries()).length).toBe(1);
  // Focus leaves the field (a click on the page's background).
  await field.page.mouse.click(5, 5);
  await expect
    .poll(async () => (await entries())[0], { timeout: 10_000 })
    .toMatchObject({ action: 'kept', actionFinal: true });

  // Another request in the same field, taken back with Ctrl+Z, then finalized by leaving the page.
  await field.page.getByTestId('editor').click();
  await field.page.keyboard.press('Control+A');
  await field.page.keyboard.type('a limerick about tea');
  await field.pressShortcut();
  await expect.poll(() => field.text()).toBe(REFINED);
  await sleep(600);
  await field.page.keyboard.press('Control+Z');
  await expect.poll(() => field.text()).toBe(DRAFT);
  await field.page.keyboard.press('Control+Z');
  await expect.poll(() => field.text()).toBe('a limerick about tea');
  await field.page.goto('about:blank');
  await expect
    .poll(async () => (await entries())[0])
    .toMatchObject({ original: 'a limerick about tea', action: 'undid', actionFinal: true });
});

test('in a field: focus left while the refinement is on its way still makes the entry final once it lands', async ({
  extension,
}) => {
  // Two 5 s waits after the user left: one while it runs, one after it landed.
  test.setTimeout(60_000);
  const release = suite.servers.refinement.hold();
  const field = await suite.open(extension, 'textarea');
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => field.text()).toBe(DRAFT);
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(1);
  // The user leaves the field and stays away past the 5 s; only then does the refinement land.
  await field.page.mouse.click(5, 5);
  await sleep(5_500);
  release();
  await expect.poll(() => field.overlay().status()).toBe(STATUS.moved);
  const entries = () => historyEntries(extension.context, extension.extensionId);
  await expect
    .poll(async () => (await entries())[0], { timeout: 20_000 })
    .toMatchObject({ refinement: REFINED, action: 'kept', actionFinal: true });
});

test('the popup: its entry has no site; Copy is "copied", a thumbs-down on the draft is kept', async ({
  extension,
}) => {
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves in the popup');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  await popup.getByRole('button', { name: 'Poor draft' }).click();
  await expect(popup.getByRole('button', { name: 'Poor draft' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await popup.getByRole('button', { name: 'Good refinement' }).click();
  await popup.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.getByRole('button', { name: 'Copy', exact: true }).click();
  const entries = () => historyEntries(extension.context, extension.extensionId);
  await expect
    .poll(async () => (await entries())[0])
    .toMatchObject({
      source: 'popup',
      origin: null,
      original: 'haiku autumn leaves in the popup',
      refinement: REFINED,
      action: 'copied',
      feedback: { draft: 'down', refinement: 'up' },
    });
  // Taking the vote back.
  await popup.getByRole('button', { name: 'Good refinement' }).click();
  await expect
    .poll(async () => (await entries())[0]?.feedback)
    .toEqual({ draft: 'down', refinement: null });
  await popup.close();
  await expect.poll(async () => (await entries())[0]?.actionFinal).toBe(true);
});

test('the History page lists an in-field and a popup optimization with their texts, outcome and action; search finds one by a word; Delete all empties it', async ({
  extension,
}) => {
  // In a field: the user's edit turns the refinement into an offer ("edited").
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');
  await sleep(100);
  await field.page.keyboard.press('Control+End');
  await field.page.keyboard.type(' Mine.');
  release();
  await expect.poll(() => overlay.status()).toBe(STATUS.offer);
  // In the popup.
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('a sonnet about the sea');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);

  const history = await extension.context.newPage();
  await history.goto(`chrome-extension://${extension.extensionId}/prompt-history.html`);
  const rows = history.locator('.history-row');
  await expect(history.getByText('2 optimizations, newest first')).toBeVisible();
  await expect(rows.nth(0)).toContainText('a sonnet about the sea');
  await expect(rows.nth(0)).toContainText('Popup');
  await expect(rows.nth(0)).toContainText('Refined');
  await expect(rows.nth(1)).toContainText('write a haiku about autumn');
  await expect(rows.nth(1)).toContainText('Edited (refinement offered)');
  await expect(rows.nth(1)).toContainText('127.0.0.1');

  await rows.nth(1).getByRole('button').first().click();
  const detail = history.getByRole('region', { name: /127\.0\.0\.1/ });
  await expect(detail.getByRole('article', { name: 'Original' })).toContainText(
    'write a haiku about autumn',
  );
  await expect(detail.getByRole('article', { name: 'Draft' })).toContainText('Draft line one.');
  await expect(detail.getByRole('article', { name: 'Refinement' })).toContainText(
    'Refined line one.',
  );

  await history.getByLabel('Search', { exact: true }).fill('sonnet');
  await expect(history.getByText('1 of 2 match')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('a sonnet about the sea');

  await history.getByRole('button', { name: 'Delete all…' }).click();
  await history.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete all' }).click();
  await expect(rows).toHaveCount(0);
  await expect(history.getByRole('heading', { name: 'No optimizations yet' })).toBeVisible();
  expect(await historyEntries(extension.context, extension.extensionId)).toEqual([]);
});
