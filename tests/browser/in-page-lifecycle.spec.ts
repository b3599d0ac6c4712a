// How an in-page request starts, stops and is refused: the context menu, fields that must never be
// read, Esc, a second trigger, two tabs at once, a stopped service worker.
import type { Worker } from '@playwright/test';
import { messageText, type LoggedRequest } from '../fixtures/mock-provider/mock-provider';
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { Overlay, STATUS } from './support/overlay';
import { DRAFT, REFINED, sleep, type FixturePage } from './support/page-fixture';
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
  // Held until the draft has been seen: it lasts only 0.6 s before the refinement replaces it.
  const release = suite.servers.refinement.hold();
  await clickContextMenu(extension.serviceWorker, field.page.url(), { editable: true });

  await expect.poll(() => field.text()).toBe(DRAFT);
  release();
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
  const release = suite.servers.refinement.hold();
  await field.pressShortcut();

  await expect.poll(() => field.text()).toBe(DRAFT);
  release();
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

interface RefusedCase {
  testId: string;
  /** What the user types first; nothing for fields that take no typing. */
  type?: string;
  words: string;
}

/** Each field in turn: the shortcut there shows the words, changes nothing and sends nothing. */
async function expectRefused(field: FixturePage, cases: RefusedCase[]): Promise<void> {
  const overlay = field.overlay();
  for (const { testId, type, words } of cases) {
    const before = await field.text(testId);
    await field.page.getByTestId(testId).click({ force: testId === 'disabled' });
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
}

test('fields that must not be read are refused with words, and nothing is sent', async ({
  extension,
}) => {
  const field = await open(extension, 'refused-fields');
  const cases: RefusedCase[] = [
    { testId: 'password', type: 'hunter2', words: 'Prompt Relay never reads password fields.' },
    {
      testId: 'cc-number',
      type: '4111111111111111',
      words: 'Prompt Relay never reads payment card fields.',
    },
    {
      testId: 'one-time-code',
      type: '123456',
      words: 'Prompt Relay never reads one-time code fields.',
    },
    {
      testId: 'readonly',
      words:
        'This field is read-only, so there is nothing to optimize in place. Select its text and use the right-click menu to get a copy.',
    },
    // A disabled field cannot take focus, so the shortcut finds no field at all.
    {
      testId: 'disabled',
      words: 'Click into a text field (or select text) first, then press the shortcut again.',
    },
  ];
  await expectRefused(field, cases);
});

test('secrets in disguise are refused with words, and nothing is sent: a revealed password, a masked field, a PIN, an OTP id', async ({
  extension,
}) => {
  const field = await open(extension, 'refused-fields');
  // The user's "Show password" toggle leaves a type=text input with autocomplete=current-password.
  await field.page.getByRole('button', { name: 'Show password' }).click();
  await expect(field.page.getByTestId('revealed')).toHaveAttribute('type', 'text');
  const cases: RefusedCase[] = [
    { testId: 'revealed', type: 'hunter2', words: 'Prompt Relay never reads password fields.' },
    { testId: 'masked', type: '9137', words: 'Prompt Relay never reads password fields.' },
    { testId: 'pin', type: '4821', words: 'Prompt Relay never reads password fields.' },
    {
      testId: 'otp-code',
      type: '492017',
      words: 'Prompt Relay never reads one-time code fields.',
    },
  ];
  await expectRefused(field, cases);
});

test('fields named "shipping" and "opinion" are ordinary: they are optimized', async ({
  extension,
}) => {
  const field = await open(extension, 'refused-fields');
  const overlay = new Overlay(field.page);
  // An input turns the reply's line breaks into spaces.
  const cases = [
    { testId: 'shipping', refined: 'Refined line one. Refined line two.' },
    { testId: 'opinion', refined: 'Refined line one.\nRefined line two.' },
  ];
  for (const [index, { testId, refined }] of cases.entries()) {
    await field.page.getByTestId(testId).click();
    await field.page.keyboard.type('write a haiku about autumn');
    await field.pressShortcut();
    await expect.poll(() => field.text(testId), testId).toBe(refined);
    await expect.poll(() => overlay.status(), { message: testId }).toMatch(STATUS.refined);
    expect(suite.servers.refinement.requests, testId).toHaveLength(index + 1);
    expect(
      messageText(suite.servers.draft.requests[index]?.body?.messages?.at(-1)?.content),
      testId,
    ).toContain('write a haiku about autumn');
    await overlay.click('Close');
    await expect.poll(() => overlay.count()).toBe(0);
  }
});

test('a whitespace-only field says there is nothing to optimize, and nothing is sent', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  await field.type('   \n  ');
  await field.pressShortcut();
  await expect
    .poll(() => field.overlay().status())
    .toBe('There is no text to optimize. Type a prompt first.');
  await sleep(300);
  expect(requestCount()).toBe(0);
  expect(await field.text()).toBe('   \n  ');
});

test('Esc in the field while refining cancels: the refinement request is aborted, the draft stays', async ({
  extension,
}) => {
  const { field, overlay } = await suite.untilRefining(extension, 'textarea');

  await field.page.keyboard.press('Escape');
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);
  await expect.poll(() => overlay.status()).toBe('Cancelled — the draft is kept.');
  expect(await field.text()).toBe(DRAFT);
});

test('a second trigger while the draft streams changes nothing, and Restore original gives back the true original', async ({
  extension,
}) => {
  // The draft stops after two pieces until released: it stays half written whatever the load
  // (each new piece also clears the notice below, which a paced stream did within 170 ms).
  const release = suite.servers.draft.hold({ afterChunks: 2 });
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  // Part of the draft is in the field, not all of it.
  await expect.poll(() => field.text()).toMatch(/^Draft/);
  expect(await field.text()).not.toBe(DRAFT);
  await field.pressShortcut();
  await expect
    .poll(() => overlay.status())
    .toBe('Already optimizing this field. Press Esc to cancel it first.');
  release();
  await expect.poll(() => overlay.status(), { timeout: 10_000 }).toMatch(STATUS.refined);
  expect(suite.servers.draft.requests).toHaveLength(1);
  expect(await field.text()).toBe(REFINED);
  await overlay.click('Restore original');
  await expect.poll(() => field.text()).toBe('write a haiku about autumn');
});

test('a trigger on a field still showing the result optimizes the original again, not the result', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  await field.focus();
  await field.pressShortcut();
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(2);
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  const second = messageText(suite.servers.draft.requests[1]?.body?.messages?.at(-1)?.content);
  expect(second).toContain('write a haiku about autumn');
  expect(second).not.toContain('Refined line');
  await overlay.click('Restore original');
  await expect.poll(() => field.text()).toBe('write a haiku about autumn');
  await expect.poll(() => overlay.count()).toBe(1);
});

test('after the user edits the result, a new trigger optimizes their text and the earlier original stays restorable', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  await field.focus();
  await field.page.keyboard.press('End');
  await field.page.keyboard.type(' In Japanese.');
  await field.pressShortcut();
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(2);
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(messageText(suite.servers.draft.requests[1]?.body?.messages?.at(-1)?.content)).toContain(
    'Refined line two. In Japanese.',
  );
  await overlay.click('Restore original');
  await expect.poll(() => field.text()).toBe('Refined line one.\nRefined line two. In Japanese.');
  await overlay.click('Restore earlier original');
  await expect.poll(() => field.text()).toBe('write a haiku about autumn');
});

test('two tabs optimizing at the same time each get only their own result', async ({
  extension,
}) => {
  const which = (request: LoggedRequest) =>
    JSON.stringify(request.body?.messages ?? []).includes('zebra') ? 'Zebra' : 'Koala';
  suite.servers.draft.setScenario({ reply: (request) => `${which(request)} draft.` });
  suite.servers.refinement.setScenario({ reply: (request) => `${which(request)} refined.` });
  // Both refinements wait at the mock until both drafts have been seen.
  const release = suite.servers.refinement.hold();
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
  release();
  await expect.poll(() => zebra.text()).toBe('Zebra refined.');
  await expect.poll(() => koala.text()).toBe('Koala refined.');
  await expect.poll(() => zebra.overlay().status()).toMatch(STATUS.refined);
  await expect.poll(() => koala.overlay().status()).toMatch(STATUS.refined);
});

test('a service worker stopped mid-refinement leaves the whole draft and offers Retry', async ({
  extension,
}) => {
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');

  await stopServiceWorker(extension.context, extension.extensionId);
  await expect.poll(() => overlay.status()).toBe(STATUS.interrupted);
  await expect.poll(() => overlay.isVisible('Retry')).toBe(true);
  expect(await field.text()).toBe(DRAFT);
  await expect.poll(() => suite.servers.refinement.requests[0]?.aborted).toBe(true);

  // Retry wakes the worker and finishes the job.
  release();
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
  // A new prompt in the field (a trigger on our untouched result would re-run its own session).
  await field.focus();
  await field.page.keyboard.press('Control+A');
  await field.page.keyboard.type('a quiet harbour at dawn');
  await field.pressShortcut();
  await expect.poll(() => suite.servers.draft.requests.length).toBe(2);
  expect(JSON.stringify(suite.servers.draft.requests[1]?.body?.messages)).toContain(
    'Mode: research',
  );
});
