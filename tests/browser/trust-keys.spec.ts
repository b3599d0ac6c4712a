// Keys stay where only the background can read them, are bound to the server they were saved
// for, and a bad stored setting never locks the user out (issue #6, items 2, 3, 5, 8).
import type { Page } from '@playwright/test';
import {
  configureProviders,
  TEST_DRAFT_KEY,
  TEST_REFINEMENT_KEY,
} from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import { hostOf, providerSuite } from './support/provider-suite';
import { expect, test } from './support/fixtures';
import { readSecrets } from './support/secrets';
import { stopServiceWorker } from './support/service-worker';
import { getStorage } from './support/storage';
import { inIsolatedWorld } from './support/isolated-world';

const DRAFT = 'Write a haiku about autumn leaves in a quiet park, calm tone, three lines.';
const REFINED =
  'You are a poet. Write a haiku (5-7-5) about autumn leaves in a quiet park. Calm tone. Return only the three lines.';

const mocks = providerSuite({ draft: DRAFT, refined: REFINED, other: 'other' });

/** The extension API as the isolated world sees it (the project has no @types/chrome). */
interface IsolatedChrome {
  chrome: {
    storage: Record<'local' | 'sync', { get(keys: null): Promise<unknown> }> & {
      onChanged: { addListener(listener: (changes: unknown) => void): void };
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
}

async function optimizeInPopup(popup: Page, prompt: string): Promise<void> {
  await popup.getByLabel('Prompt', { exact: true }).fill(prompt);
  await popup.getByRole('button', { name: 'Optimize' }).click();
}

test('the content scripts’ world can read no key, and never receives a new one', async ({
  extension,
}) => {
  const page = await extension.context.newPage();
  const pageUrl = `${mocks.pages.url}/textarea.html`;
  await page.goto(pageUrl);

  const read = await inIsolatedWorld(extension.serviceWorker, pageUrl, async () => {
    const api = (globalThis as unknown as IsolatedChrome).chrome;
    const out: string[] = [];
    for (const area of ['local', 'sync'] as const) {
      try {
        out.push(JSON.stringify(await api.storage[area].get(null)));
      } catch (error) {
        out.push(`failed: ${String(error)}`);
      }
    }
    try {
      out.push(JSON.stringify(await api.runtime.sendMessage({ type: 'key-status' })));
    } catch (error) {
      out.push(`failed: ${String(error)}`);
    }
    return out.join('\n');
  });
  expect(String(read)).not.toContain(TEST_DRAFT_KEY);
  expect(String(read)).not.toContain(TEST_REFINEMENT_KEY);
  // A content script shares the extension's id; the key status is for extension pages only.
  expect(String(read)).not.toContain(TEST_DRAFT_KEY.slice(-4));

  await inIsolatedWorld(extension.serviceWorker, pageUrl, () => {
    const scope = globalThis as unknown as IsolatedChrome & { seenChanges: string[] };
    scope.seenChanges = [];
    try {
      scope.chrome.storage.onChanged.addListener((changes) => {
        scope.seenChanges.push(JSON.stringify(changes));
      });
    } catch (error) {
      scope.seenChanges.push(`failed: ${String(error)}`);
    }
    return true;
  });

  const NEW_KEY = 'gsk_new_secret_typed_9876';
  const options = await openOptions(extension.context, extension.extensionId);
  const keyField = options.getByLabel('Draft API key', { exact: true });
  await expect(keyField).toHaveValue('');
  await keyField.fill(NEW_KEY);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  // The field never shows a saved key, only which host it is for and its last characters.
  await expect(keyField).toHaveValue('');
  await expect(
    options.getByText(`Saved key for ${hostOf(mocks.draft)} ending in 9876 — type to replace.`),
  ).toBeVisible();
  expect((await readSecrets(extension.serviceWorker)).draft).toMatchObject({
    apiKey: NEW_KEY,
    origin: mocks.draft.url,
  });

  await page.waitForTimeout(300);
  const seen = String(
    await inIsolatedWorld(extension.serviceWorker, pageUrl, () =>
      (globalThis as unknown as { seenChanges: string[] }).seenChanges.join('\n'),
    ),
  );
  expect(seen).not.toContain(NEW_KEY);
  expect(seen).not.toContain('apiKey');
});

test('a tampered setting leaves a working options page with a notice, and optimizing works', async ({
  extension,
}) => {
  const { context, extensionId, serviceWorker } = extension;
  await serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: Record<'local' | 'sync', { set(v: object): Promise<void> }> };
    };
    await chrome.storage.sync.set({ 'draft.timeoutMs': 'abc' });
    // A non-string key where earlier versions kept keys.
    await chrome.storage.local.set({ 'draft.apiKey': 42 });
  });
  // A worker start runs the move of old keys; it must survive the bad value.
  await stopServiceWorker(context, extensionId);

  const options = await openOptions(context, extensionId);
  await expect(
    options.getByText(
      'Some saved settings were not valid and were reset to their defaults: Draft timeout. Save to keep the defaults.',
    ),
  ).toBeVisible();
  await expect(options.getByLabel('Draft timeout (ms)')).toHaveValue('5000');
  await expect(options.getByRole('button', { name: 'Save' })).toBeEnabled();
  expect(await getStorage(serviceWorker, 'local', 'draft.apiKey')).toEqual({});

  const popup = await openPopup(context, extensionId);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  expect(mocks.draft.requests.map((r) => r.authorization)).toEqual([`Bearer ${TEST_DRAFT_KEY}`]);

  // Saving keeps the defaults and the notice goes.
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await expect(options.getByText('Some saved settings were not valid')).toHaveCount(0);
  expect(await getStorage(serviceWorker, 'sync', 'draft.timeoutMs')).toEqual({
    'draft.timeoutMs': 5000,
  });
});

test('after a base URL change to another origin, Test connection sends no key to the new host', async ({
  extension,
}) => {
  const options = await openOptions(extension.context, extension.extensionId);
  const draft = options.getByRole('group', { name: 'Draft' });
  await draft.getByLabel('Draft base URL').fill(`${mocks.other.url}/openai/v1`);
  // Soft: the request check below is the point, and must run whatever the words say.
  await expect
    .soft(
      draft.getByText(
        `Your saved key is for ${hostOf(mocks.draft)}. Enter a key for ${hostOf(mocks.other)}`,
      ),
    )
    .toBeVisible();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();

  await draft.getByRole('button', { name: 'Test connection' }).click();
  const status = options.locator('#draft-test-status');
  await expect(status).not.toHaveText(/^$|Testing…/);
  expect(mocks.other.requests.map((r) => r.authorization)).toEqual([]);
  await expect(status).toHaveText(
    `Nothing sent: a Draft API key for ${hostOf(mocks.other)} is needed. Enter it and press Save first.`,
  );
  await expect(
    options.getByText(
      `The Draft key for ${hostOf(mocks.draft)} was forgotten: enter a key for ${hostOf(mocks.other)}.`,
    ),
  ).toBeVisible();
  expect((await readSecrets(extension.serviceWorker)).draft).toBeUndefined();
});

test('a key goes to a new host only when the user confirms it', async ({ extension }) => {
  const options = await openOptions(extension.context, extension.extensionId);
  const refinement = options.getByRole('group', { name: 'Refinement' });
  await refinement.getByLabel('Refinement base URL').fill(`${mocks.other.url}/v1`);
  await refinement
    .getByLabel(`Use my ${hostOf(mocks.refinement)} key for ${hostOf(mocks.other)} too`)
    .check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await expect(
    refinement.getByText(
      `Saved key for ${hostOf(mocks.other)} ending in ${TEST_REFINEMENT_KEY.slice(-4)}`,
    ),
  ).toBeVisible();

  await refinement.getByRole('button', { name: 'Test connection' }).click();
  await expect(refinement.getByText(/^Connected — first token \d+ ms/)).toBeVisible();
  expect(mocks.other.requests.map((r) => r.authorization)).toEqual([
    `Bearer ${TEST_REFINEMENT_KEY}`,
  ]);
  expect(mocks.refinement.requests).toHaveLength(0);
});

test('a plain http:// base URL to another host is refused on the options page', async ({
  extension,
}) => {
  const options = await openOptions(extension.context, extension.extensionId);
  await options.getByLabel('Draft base URL').fill('http://example.com/v1');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(
    options.getByText('Use https:// — plain http:// is allowed only for this computer (localhost)'),
  ).toBeVisible();
  await expect(options.getByText('Nothing saved — fix the highlighted field.')).toBeVisible();
  expect(await getStorage(extension.serviceWorker, 'sync', 'draft.baseUrl')).toEqual({
    'draft.baseUrl': `${mocks.draft.url}/openai/v1`,
  });
});

test('a stored plain http:// base URL with a key is refused before any request', async ({
  extension,
}) => {
  await extension.serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { sync: { set(v: object): Promise<void> } } };
    };
    await chrome.storage.sync.set({ 'refinement.baseUrl': 'http://example.com/v1' });
  });
  const popup = await openPopup(extension.context, extension.extensionId);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByRole('alert')).toContainText(
    'Nothing sent: the Refinement base URL (http://example.com/v1) is plain http:// to example.com',
  );
  expect(mocks.draft.requests.length + mocks.refinement.requests.length).toBe(0);
});

test('"Clear cache and site list" empties the result cache', async ({ extension }) => {
  await configureProviders(extension.serviceWorker, {
    draftUrl: mocks.draft.url,
    refinementUrl: mocks.refinement.url,
    cache: true,
  });
  const popup = await openPopup(extension.context, extension.extensionId);
  const result = popup.getByLabel('Optimized prompt');
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(result).toHaveValue(REFINED);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByText('(from cache)')).toBeVisible();
  expect(mocks.refinement.requests).toHaveLength(1);

  const options = await openOptions(extension.context, extension.extensionId);
  await options.getByRole('button', { name: 'Clear cache and site list' }).click();
  await expect(options.getByText('Cache and site list cleared.')).toBeVisible();

  await popup.bringToFront();
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect.poll(() => mocks.refinement.requests.length).toBe(2);
  await expect(result).toHaveValue(REFINED);
});

test('turning the cache off and saving clears it', async ({ extension }) => {
  await configureProviders(extension.serviceWorker, {
    draftUrl: mocks.draft.url,
    refinementUrl: mocks.refinement.url,
    cache: true,
  });
  const options = await openOptions(extension.context, extension.extensionId);
  const save = async () => {
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  };
  // Saved once first, so the settings are stored exactly as the options page writes them.
  await save();

  const popup = await openPopup(extension.context, extension.extensionId);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByText('(from cache)')).toBeVisible();
  expect(mocks.refinement.requests).toHaveLength(1);

  await options.bringToFront();
  const cacheToggle = options.getByLabel('Cache results');
  await cacheToggle.uncheck();
  await save();
  await cacheToggle.check();
  await save();

  await popup.bringToFront();
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect.poll(() => mocks.refinement.requests.length).toBe(2);
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
});

test('a saved key can be removed on its own, and is then sent nowhere', async ({ extension }) => {
  const options = await openOptions(extension.context, extension.extensionId);
  const draftKeyHint = options.getByText(`Saved key for ${hostOf(mocks.draft)} ending in`);
  await expect(draftKeyHint).toBeVisible();
  await options.getByRole('button', { name: 'Delete Draft key' }).click();
  await expect(draftKeyHint).toBeHidden();
  expect((await readSecrets(extension.serviceWorker)).draft).toBeUndefined();

  const popup = await openPopup(extension.context, extension.extensionId);
  await optimizeInPopup(popup, 'haiku autumn leaves');
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  expect(mocks.draft.requests).toHaveLength(0);
});
