// Connection warm-up: the providers' connections open before an optimization is likely, with no
// prompt and no key, and never because a page asked for it.
import type { Browser } from 'webextension-polyfill';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { configureProviders } from './support/configure-providers';
import { openPopup } from './support/extension-pages';
import { expect, test, type ExtensionFixture } from './support/fixtures';
import { STATUS } from './support/overlay';
import { DRAFT_SCENARIO, FixturePage, REFINEMENT_SCENARIO, sleep } from './support/page-fixture';

let pages: StaticServer;
test.beforeAll(async () => {
  pages = await startStaticServer();
});
test.afterAll(async () => {
  await pages.close();
});

/**
 * Fresh providers on new origins for each test: the worker warms each origin at most once a
 * minute, and that memory must not carry over from another test.
 */
async function freshProviders(extension: ExtensionFixture, warm = true) {
  const draft = await startMockProvider({ scenario: DRAFT_SCENARIO });
  const refinement = await startMockProvider({ scenario: REFINEMENT_SCENARIO });
  await configureProviders(extension.serviceWorker, {
    draftUrl: draft.url,
    refinementUrl: refinement.url,
  });
  if (!warm) {
    await extension.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: Browser }).chrome.storage.sync.set({
        warmConnection: false,
      }),
    );
  }
  return { draft, refinement, close: () => Promise.all([draft.close(), refinement.close()]) };
}

/** Nothing went to the provider but the warm-up: no chat request, no key. */
function expectOnlyWarmups(mock: MockProvider, count: number) {
  expect(mock.warmups).toBe(count);
  expect(mock.requests).toHaveLength(0);
}

/** One optimization on the fixture site, so it counts as "used before". */
async function optimizeOnce(extension: ExtensionFixture, name: 'textarea') {
  const field = await FixturePage.open(extension.context, pages.url, name);
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
  await field.close();
}

test('opening the popup warms both providers, once a minute, with a keyless HEAD', async ({
  extension,
}) => {
  const providers = await freshProviders(extension);
  const popup = await openPopup(extension.context, extension.extensionId);
  await expect.poll(() => providers.draft.warmups).toBe(1);
  await expect.poll(() => providers.refinement.warmups).toBe(1);
  expectOnlyWarmups(providers.draft, 1);
  await popup.reload();
  await sleep(500);
  expectOnlyWarmups(providers.draft, 1);
  await popup.close();
  await providers.close();
});

test('with "Warm up the connection" off, opening the popup sends nothing', async ({
  extension,
}) => {
  const providers = await freshProviders(extension, false);
  const popup = await openPopup(extension.context, extension.extensionId);
  await expect(popup.getByRole('button', { name: 'Optimize' })).toBeVisible();
  await sleep(500);
  expectOnlyWarmups(providers.draft, 0);
  expectOnlyWarmups(providers.refinement, 0);
  await popup.close();
  await providers.close();
});

test('a click into a field on a site used before warms the draft provider; a page cannot', async ({
  extension,
}) => {
  const providers = await freshProviders(extension);
  await optimizeOnce(extension, 'textarea');
  const warmedBefore = providers.draft.warmups;
  const chatsBefore = providers.draft.requests.length;

  const field = await FixturePage.open(extension.context, pages.url, 'textarea');
  // The page's own script: focus at load (an autofocused chat box), and forged modifier keys.
  await field.page.evaluate(() => {
    const editor = document.querySelector<HTMLTextAreaElement>('[data-testid="editor"]')!;
    editor.blur();
    editor.focus();
    for (const key of ['Alt', 'Shift']) {
      editor.dispatchEvent(
        new KeyboardEvent('keydown', { key, altKey: true, shiftKey: true, bubbles: true }),
      );
    }
  });
  await sleep(800);
  expect(providers.draft.warmups).toBe(warmedBefore);

  // The user clicks into the field: that focus may warm the connection.
  await field.page.mouse.click(1, 1);
  await field.focus();
  await expect.poll(() => providers.draft.warmups).toBe(warmedBefore + 1);
  expect(providers.draft.requests).toHaveLength(chatsBefore);
  await field.close();
  await providers.close();
});

test('a click into a field on a site never used sends nothing; holding Alt+Shift does', async ({
  extension,
}) => {
  const providers = await freshProviders(extension);
  const field = await FixturePage.open(extension.context, pages.url, 'textarea');
  await field.page.mouse.click(1, 1);
  await field.focus();
  await sleep(800);
  expectOnlyWarmups(providers.draft, 0);

  await field.page.keyboard.down('Alt');
  await field.page.keyboard.down('Shift');
  await field.page.keyboard.up('Shift');
  await field.page.keyboard.up('Alt');
  await expect.poll(() => providers.draft.warmups).toBe(1);
  expectOnlyWarmups(providers.draft, 1);
  await field.close();
  await providers.close();
});
