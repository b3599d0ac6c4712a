// Code editors (Monaco with its EditContext input, Monaco with its textarea input, Ace): each
// result is one write, read back from what the editor draws. With the whole document in view the
// request owns all of it (Ctrl+Z: refined → draft → original); otherwise it owns the selection
// (the refinement replaces the undone draft, so Ctrl+Z: refined → original). Assertions read the
// editor's own model (`editor.getValue()`).
import { openPopupWindow } from './support/extension-pages';
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { STATUS } from './support/overlay';
import { DRAFT, FixturePage, REFINED, sleep } from './support/page-fixture';

const ORIGINAL = 'write a haiku about autumn';

const suite = inPageSuite();

/** Everything the provider was sent for a request, as one string. */
function sentText(index = 0): string {
  return JSON.stringify(suite.servers.draft.requests[index]?.body?.messages ?? []);
}

/** A document far longer than the editors' 160–200 px show: most lines are out of view. */
const FILLER = Array.from({ length: 40 }, (_, i) => `Filler line ${i + 1}.`).join('\n');
const LONG_DOCUMENT = `Keep this. Fix me please. Keep that.\n${FILLER}`;

async function setText(field: FixturePage, text: string): Promise<void> {
  await field.page.evaluate(
    (value) =>
      (window as { __fixture?: { setText(text: string): void } }).__fixture!.setText(value),
    text,
  );
}

for (const name of ['monaco', 'monaco-textarea', 'ace'] as const) {
  test(`${name}: the whole document in view is optimized in place; Ctrl+Z steps back refined → draft → original`, async ({
    extension,
  }) => {
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    const overlay = field.overlay();
    await field.type(ORIGINAL);
    await expect.poll(() => field.text()).toBe(ORIGINAL);
    // The refinement waits at the mock until the draft has been seen (see in-page-editors).
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text(), { intervals: [25] }).toBe(DRAFT);
    await expect.poll(() => overlay.status()).toBe(STATUS.draftReady);
    await expect.poll(() => suite.servers.refinement.requests.length).toBe(1);
    release();
    await expect.poll(() => field.text()).toBe(REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(sentText()).toContain(ORIGINAL);

    await field.undo();
    await expect.poll(() => field.text()).toBe(DRAFT);
    await field.undo();
    await expect.poll(() => field.text()).toBe(ORIGINAL);
  });

  test(`${name}: a selection in a longer document: only it is replaced; Ctrl+Z from the refinement goes back to the original`, async ({
    extension,
  }) => {
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    const overlay = field.overlay();
    await field.focus();
    await setText(field, LONG_DOCUMENT);
    await field.selectWithKeyboard('Keep this. '.length, 'Fix me please.'.length);
    await field.pressShortcut();

    await expect
      .poll(() => field.text(), { intervals: [25] })
      .toBe(`Keep this. ${DRAFT} Keep that.\n${FILLER}`);
    await expect.poll(() => field.text()).toBe(`Keep this. ${REFINED} Keep that.\n${FILLER}`);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(sentText()).toContain('Fix me please.');
    expect(sentText()).not.toContain('Keep this');
    expect(sentText()).not.toContain('Filler line');

    await field.undo();
    await expect.poll(() => field.text()).toBe(LONG_DOCUMENT);
  });

  test(`${name}: no selection in a document partly out of view is refused with words, and nothing is sent`, async ({
    extension,
  }) => {
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    await field.focus();
    await setText(field, LONG_DOCUMENT);
    await field.pressShortcut();

    await expect
      .poll(() => field.overlay().status())
      .toBe(
        'This code editor shows only part of its text, so Prompt Relay cannot read all of it. Select the part to optimize, then press the shortcut again.',
      );
    await sleep(300);
    expect(suite.servers.draft.requests).toHaveLength(0);
    expect(suite.servers.refinement.requests).toHaveLength(0);
    expect(await field.text()).toBe(LONG_DOCUMENT);
  });
}

test('ace: Ctrl+A then the shortcut optimizes the whole document in place', async ({
  extension,
}) => {
  const field = await FixturePage.open(extension.context, suite.servers.pages.url, 'ace');
  await field.type(ORIGINAL);
  await field.page.keyboard.press('Control+A');
  await field.pressShortcut();
  await expect.poll(() => field.text()).toBe(REFINED);
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
});

test('monaco: "Insert into page" from the popup puts the result into the editor last focused', async ({
  extension,
}) => {
  const field = await FixturePage.open(extension.context, suite.servers.pages.url, 'monaco');
  await field.type(ORIGINAL);
  const popup = await openPopupWindow(extension.context, extension.serviceWorker);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  await popup.getByRole('button', { name: 'Insert into page' }).click();
  await expect(popup.getByText('Inserted')).toBeVisible();
  await expect.poll(() => field.text()).toBe(REFINED);
});
