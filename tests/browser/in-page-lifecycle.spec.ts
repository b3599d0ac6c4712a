// How an in-page request starts, stops and is refused: the context menu, fields that must never be
// read, Esc, a second trigger, two tabs at once, a stopped service worker, an unbound shortcut.
import type { Worker } from '@playwright/test';
import { REFUSAL_WORDS } from '../../lib/in-page/in-page-words';
import { messageText, type LoggedRequest } from '../fixtures/mock-provider/mock-provider';
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { Overlay, STATUS } from './support/overlay';
import { DRAFT, REFINED, REFINEMENT_SCENARIO, sleep } from './support/page-fixture';
import { stopServiceWorker } from './support/service-worker';
import { setStorage } from './support/storage';

/** The slice of the worker's `chrome` these tests use; the project has no @types/chrome. */
interface WorkerChrome {
  chrome: {
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
    contextMenus: { onClicked: { dispatch(info: object, tab: object): void } };
    commands: { onCommand: { dispatch(command: string, tab: object): void } };
  };
}

const suite = inPageSuite();

const open = suite.open;

function requestCount(): number {
  return suite.servers.draft.requests.length + suite.servers.refinement.requests.length;
}

/**
 * Runs the extension's real context-menu listener, as a click on "Optimize prompt" would (headless
 * Chromium shows no native context menu to click).
 */
async function clickContextMenu(
  worker: Worker,
  pageUrl: string,
  info: { editable: boolean; selectionText?: string },
): Promise<void> {
  await worker.evaluate(
    async ({ pageUrl, info }) => {
      const { chrome } = globalThis as unknown as WorkerChrome;
      const tab = (await chrome.tabs.query({})).find((t) => t.url === pageUrl);
      if (tab?.id === undefined) throw new Error(`no tab shows ${pageUrl}`);
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId: 'optimize-prompt', frameId: 0, pageUrl, ...info },
        { id: tab.id },
      );
    },
    { pageUrl, info },
  );
}

test('the context menu in a focused field optimizes that field', async ({ extension }) => {
  const field = await open(extension, 'textarea');
  await field.type('write a haiku about autumn');
  await clickContextMenu(extension.serviceWorker, field.page.url(), { editable: true });

  await expect.poll(() => field.text()).toBe(DRAFT);
  await expect.poll(() => field.text()).toBe(REFINED);
  await expect(new Overlay(field.scope).status).toHaveText(STATUS.refined);
});

test('the keyboard command (chrome.commands) optimizes the focused field, in the frame that has focus', async ({
  extension,
}) => {
  // Real key presses reach chrome.commands only from the OS (headless gets the content-script
  // listener instead); dispatching runs the worker's real command listener.
  const field = await open(extension, 'iframe-same-origin');
  await field.type('write a haiku about autumn');
  await extension.serviceWorker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as WorkerChrome;
    const tab = (await chrome.tabs.query({})).find((t) => t.url === pageUrl);
    if (tab?.id === undefined) throw new Error(`no tab shows ${pageUrl}`);
    chrome.commands.onCommand.dispatch('optimize-prompt', { id: tab.id });
  }, field.page.url());

  await expect.poll(() => field.text()).toBe(DRAFT);
  await expect.poll(() => field.text()).toBe(REFINED);
  // One request: only the frame holding the focused field acted.
  expect(suite.servers.draft.requests).toHaveLength(1);
});

test('the context menu on selected page text shows the result to copy and changes no field', async ({
  extension,
}) => {
  const field = await open(extension, 'demo');
  const before = await field.text();
  const paragraph = field.page.locator('p.tagline');
  await paragraph.click({ clickCount: 3 });
  const selected = await field.page.evaluate(() => document.getSelection()?.toString() ?? '');
  expect(selected).toContain('Write a rough prompt');
  await clickContextMenu(extension.serviceWorker, field.page.url(), {
    editable: false,
    selectionText: selected.trim(),
  });

  const overlay = new Overlay(field.page);
  await expect(overlay.status).toHaveText(STATUS.refined);
  await expect(overlay.preview).toHaveText(REFINED);
  await expect(overlay.button('Copy')).toBeVisible();
  await expect(overlay.button('Restore original')).toBeHidden();
  expect(messageText(suite.servers.draft.requests[0]?.body?.messages?.at(-1)?.content)).toContain(
    'Write a rough prompt',
  );
  expect(await field.text()).toBe(before);
  await expect(paragraph).toHaveText(
    'Write a rough prompt, and let Prompt Relay make it better in place.',
  );
});

test('fields that must not be read are refused with words, and nothing is sent', async ({
  extension,
}) => {
  const field = await open(extension, 'refused-fields');
  const overlay = new Overlay(field.page);
  const cases: { testId: string; type?: string; words: string }[] = [
    { testId: 'password', type: 'hunter2', words: REFUSAL_WORDS.password },
    { testId: 'cc-number', type: '4111111111111111', words: REFUSAL_WORDS.payment },
    { testId: 'one-time-code', type: '123456', words: REFUSAL_WORDS['one-time-code'] },
    { testId: 'readonly', words: REFUSAL_WORDS['read-only'] },
    // A disabled field cannot take focus, so the shortcut finds no field at all.
    { testId: 'disabled', words: REFUSAL_WORDS['not-editable'] },
  ];
  for (const { testId, type, words } of cases) {
    const input = field.page.getByTestId(testId);
    const before = await field.text(testId);
    await input.click({ force: testId === 'disabled' });
    if (type) await field.page.keyboard.type(type);
    await field.pressShortcut();
    await expect(overlay.status, testId).toHaveText(words);
    await expect(overlay.button('Restore original')).toBeHidden();
    expect(await field.text(testId), testId).toBe(type ?? before);
    // Dismiss it, so the next case's panel is a new one.
    await overlay.button('Close').click();
    await expect(overlay.root).toHaveCount(0);
  }
  // A request would have been opened at once on the trigger; give a late one time to show.
  await sleep(300);
  expect(requestCount()).toBe(0);
});

test('a whitespace-only field says there is nothing to optimize, and nothing is sent', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  await field.type('   \n  ');
  await field.pressShortcut();
  await expect(new Overlay(field.scope).status).toHaveText(REFUSAL_WORDS.empty);
  await sleep(300);
  expect(requestCount()).toBe(0);
  expect(await field.text()).toBe('   \n  ');
});

test('Esc in the field while refining cancels: the refinement request is aborted, the draft stays', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea', 10_000);

  await field.page.keyboard.press('Escape');
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);
  await expect(overlay.status).toHaveText('Cancelled — the draft is kept.');
  expect(await field.text()).toBe(DRAFT);
});

test('a second trigger on the same field cancels the first request and optimizes again', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea', 10_000);

  suite.servers.refinement.setScenario(REFINEMENT_SCENARIO);
  await field.pressShortcut();
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);
  await expect(overlay.status).toHaveText(STATUS.refined);
  expect(await field.text()).toBe(REFINED);
  // The second request optimized what the field held then: the first draft.
  expect(suite.servers.draft.requests).toHaveLength(2);
  expect(messageText(suite.servers.draft.requests[1]?.body?.messages?.at(-1)?.content)).toContain(
    'Draft line two.',
  );
  expect(suite.servers.refinement.requests).toHaveLength(2);
  expect(suite.servers.refinement.requests[1]?.aborted).toBe(false);
  // Only one panel for the field.
  await expect(overlay.root).toHaveCount(1);
});

test('two tabs optimizing at the same time each get only their own result', async ({
  extension,
}) => {
  const which = (request: LoggedRequest) =>
    JSON.stringify(request.body?.messages ?? []).includes('zebra') ? 'Zebra' : 'Koala';
  suite.servers.draft.setScenario({ reply: (request) => `${which(request)} draft.` });
  suite.servers.refinement.setScenario({
    reply: (request) => `${which(request)} refined.`,
    firstTokenMs: 1500,
  });
  const zebra = await open(extension, 'textarea');
  const koala = await open(extension, 'textarea');

  await zebra.page.bringToFront();
  await zebra.type('a haiku about a zebra');
  await zebra.pressShortcut();
  await koala.page.bringToFront();
  await koala.type('a haiku about a koala');
  await koala.pressShortcut();

  await expect.poll(() => zebra.text()).toBe('Zebra draft.');
  await expect.poll(() => koala.text()).toBe('Koala draft.');
  // Both refinements were under way at once.
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(2);
  await expect.poll(() => zebra.text()).toBe('Zebra refined.');
  await expect.poll(() => koala.text()).toBe('Koala refined.');
  await expect(new Overlay(zebra.scope).status).toHaveText(STATUS.refined);
  await expect(new Overlay(koala.scope).status).toHaveText(STATUS.refined);
});

test('a service worker stopped mid-refinement leaves the whole draft and offers Retry', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea', 10_000);

  await stopServiceWorker(extension.context, extension.extensionId);
  await expect(overlay.status).toHaveText(STATUS.interrupted);
  await expect(overlay.button('Retry')).toBeVisible();
  expect(await field.text()).toBe(DRAFT);
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);

  // Retry wakes the worker and finishes the job.
  suite.servers.refinement.setScenario(REFINEMENT_SCENARIO);
  await overlay.button('Retry').click();
  await expect(overlay.status).toHaveText(STATUS.refined);
  expect(await field.text()).toBe(REFINED);
});

// Content scripts can no longer read chrome.storage (the background sets its access level to
// trusted contexts), so the in-page key listener cannot learn the binding; the listener itself
// goes away when the shortcut reaches the product only as the browser command (issue #6).
test.fixme('with the shortcut unbound, Alt+Shift+O does nothing', async ({ extension }) => {
  await setStorage(extension.serviceWorker, 'local', { shortcut: '' });
  const field = await open(extension, 'textarea');
  const overlay = new Overlay(field.scope);
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await sleep(1000);
  expect(requestCount()).toBe(0);
  await expect(overlay.root).toHaveCount(0);

  // The same page acts once the binding is back: the script was listening all along.
  await setStorage(extension.serviceWorker, 'local', { shortcut: 'Alt+Shift+O' });
  // storage.onChanged reaches the content script within a few ms.
  await sleep(300);
  await field.pressShortcut();
  await expect.poll(() => suite.servers.draft.requests.length).toBe(1);
});
