// How an in-page request starts, stops and is refused: the context menu, fields that must never be
// read, Esc, a second trigger, two tabs at once, a stopped service worker.
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
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
});

test('the keyboard command (chrome.commands) optimizes the focused field, in the frame that has focus', async ({
  extension,
}) => {
  // pressShortcut runs the worker's real command listener (chrome.commands.onCommand.dispatch);
  // the command reaches every frame of the tab.
  const field = await open(extension, 'iframe-same-origin');
  await field.type('write a haiku about autumn');
  await field.pressShortcut();

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
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  await expect.poll(() => overlay.preview()).toBe(REFINED);
  await expect.poll(() => overlay.isVisible('Copy')).toBe(true);
  await expect.poll(() => overlay.isVisible('Restore original')).toBe(false);
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
    await expect.poll(() => overlay.status(), { message: testId }).toBe(words);
    await expect.poll(() => overlay.isVisible('Restore original')).toBe(false);
    expect(await field.text(testId), testId).toBe(type ?? before);
    // Dismiss it, so the next case's panel is a new one.
    await overlay.click('Close');
    await expect.poll(() => overlay.count()).toBe(0);
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
  await expect.poll(() => field.overlay().status()).toBe(REFUSAL_WORDS.empty);
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
  await expect.poll(() => overlay.status()).toBe('Cancelled — the draft is kept.');
  expect(await field.text()).toBe(DRAFT);
});

test('a second trigger on the same field cancels the first request and optimizes again', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea', 10_000);

  suite.servers.refinement.setScenario(REFINEMENT_SCENARIO);
  await field.pressShortcut();
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await field.text()).toBe(REFINED);
  // The second request optimized what the field held then: the first draft.
  expect(suite.servers.draft.requests).toHaveLength(2);
  expect(messageText(suite.servers.draft.requests[1]?.body?.messages?.at(-1)?.content)).toContain(
    'Draft line two.',
  );
  expect(suite.servers.refinement.requests).toHaveLength(2);
  expect(suite.servers.refinement.requests[1]?.aborted).toBe(false);
  // Only one panel for the field.
  await expect.poll(() => overlay.count()).toBe(1);
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
  await expect.poll(() => zebra.overlay().status()).toMatch(STATUS.refined);
  await expect.poll(() => koala.overlay().status()).toMatch(STATUS.refined);
});

test('a service worker stopped mid-refinement leaves the whole draft and offers Retry', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea', 10_000);

  await stopServiceWorker(extension.context, extension.extensionId);
  await expect.poll(() => overlay.status()).toBe(STATUS.interrupted);
  await expect.poll(() => overlay.isVisible('Retry')).toBe(true);
  expect(await field.text()).toBe(DRAFT);
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);

  // Retry wakes the worker and finishes the job.
  suite.servers.refinement.setScenario(REFINEMENT_SCENARIO);
  await overlay.click('Retry');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await field.text()).toBe(REFINED);
});

test('the default mode chosen in the settings drives an in-page run, and a change applies at once', async ({
  extension,
}) => {
  // The in-page scripts read no settings: the worker sends the mode with the trigger.
  await setStorage(extension.serviceWorker, 'sync', { defaultMode: 'image' });
  const field = await open(extension, 'textarea');
  await field.type('a lighthouse in a storm');
  await field.pressShortcut();
  await expect.poll(() => suite.servers.draft.requests.length).toBe(1);
  expect(JSON.stringify(suite.servers.draft.requests[0]?.body?.messages)).toContain('Mode: image');
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);

  await setStorage(extension.serviceWorker, 'sync', { defaultMode: 'research' });
  await field.focus();
  await field.pressShortcut();
  await expect.poll(() => suite.servers.draft.requests.length).toBe(2);
  expect(JSON.stringify(suite.servers.draft.requests[1]?.body?.messages)).toContain(
    'Mode: research',
  );
});
