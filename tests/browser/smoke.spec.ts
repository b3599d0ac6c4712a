// Smoke test of the browser harness itself: the built extension loads, its pages open, and its
// service worker can be stopped and woken again for cold-start tests.
import { expect, test } from './support/fixtures';
import { openOptions, openPopup } from './support/extension-pages';
import {
  getServiceWorker,
  getServiceWorkerStatus,
  stopServiceWorker,
} from './support/service-worker';
import { clearStorage, getStorage, setStorage } from './support/storage';

interface MarkedGlobal {
  smokeMarker?: string;
}

interface RuntimeGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

test('the service worker is the built background script', ({ extension }) => {
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  expect(extension.serviceWorker.url()).toBe(
    `chrome-extension://${extension.extensionId}/background.js`,
  );
});

test('the popup page opens', async ({ extension }) => {
  const page = await openPopup(extension.context, extension.extensionId);
  await expect(page).toHaveTitle('Prompt Relay');
  await expect(page.locator('body')).toBeVisible();
  await expect(page.locator('body')).not.toHaveText('');
});

test('the options page opens', async ({ extension }) => {
  const page = await openOptions(extension.context, extension.extensionId);
  expect(page.url()).toBe(`chrome-extension://${extension.extensionId}/options.html`);
  await expect(page.locator('body')).toBeVisible();
});

test('the options page shows the bound shortcut, and "Change shortcut" opens Chrome\'s shortcuts page', async ({
  extension,
}) => {
  const page = await openOptions(extension.context, extension.extensionId);
  await expect(
    page.getByText('Press Alt+Shift+O in any text field to optimize what you typed.'),
  ).toBeVisible();
  const opened = extension.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Change shortcut' }).click();
  const shortcuts = await opened;
  await expect.poll(() => shortcuts.url()).toBe('chrome://extensions/shortcuts');
  await shortcuts.close();
});

test('storage helpers write raw chrome.storage keys', async ({ extension }) => {
  const { serviceWorker } = extension;
  await setStorage(serviceWorker, 'local', { 'smoke.key': 'value' });
  expect(await getStorage(serviceWorker, 'local', 'smoke.key')).toEqual({ 'smoke.key': 'value' });
  await clearStorage(serviceWorker, ['local']);
  expect(await getStorage(serviceWorker, 'local', 'smoke.key')).toEqual({});
});

test('the service worker stops and an extension event restarts it fresh', async ({ extension }) => {
  const { context, extensionId, serviceWorker } = extension;
  await serviceWorker.evaluate(() => {
    (globalThis as MarkedGlobal).smokeMarker = 'before stop';
  });

  const stopStarted = Date.now();
  await stopServiceWorker(context, extensionId);
  test.info().annotations.push({ type: 'stop ms', description: String(Date.now() - stopStarted) });
  expect(await getServiceWorkerStatus(context, extensionId)).toBe('stopped');

  // Any extension event wakes it; whether anyone answers a ping does not matter here.
  const page = await openPopup(context, extensionId);
  await page.evaluate(() =>
    (globalThis as unknown as RuntimeGlobal).chrome.runtime
      .sendMessage({ type: 'ping' })
      .catch(() => null),
  );

  const restarted = await getServiceWorker(context);
  // A fresh global scope proves a real restart, not a worker that merely reported a stop.
  expect(await restarted.evaluate(() => (globalThis as MarkedGlobal).smokeMarker)).toBeUndefined();
  expect(await getServiceWorkerStatus(context, extensionId)).toBe('running');
});
