import { startStaticServer } from '../fixtures/pages/static-server';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import {
  configureProviders,
  TEST_DRAFT_KEY,
  TEST_REFINEMENT_KEY,
} from './support/configure-providers';
import { openOptions, openPopup, openPopupWindow } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { optimizeAndTime } from './support/popup-timing';

const DRAFT = 'Write a haiku about autumn leaves falling in a quiet park, calm tone, three lines.';
const REFINED =
  'You are a poet. Write a haiku (5-7-5) about autumn leaves drifting down in a quiet city park at dusk. Calm, reflective tone. Return only the three lines.';

let draftMock: MockProvider;
let refinementMock: MockProvider;

test.beforeAll(async () => {
  draftMock = await startMockProvider({
    scenario: { reply: DRAFT, firstTokenMs: 80, tokensPerSecond: 400 },
  });
  refinementMock = await startMockProvider({
    scenario: { reply: REFINED, firstTokenMs: 700, tokensPerSecond: 200 },
  });
});
test.afterAll(async () => {
  await draftMock?.close();
  await refinementMock?.close();
});
test.beforeEach(async ({ extension }) => {
  draftMock.reset();
  refinementMock.reset();
  await configureProviders(extension.serviceWorker, {
    draftUrl: draftMock.url,
    refinementUrl: refinementMock.url,
  });
});

test('keys and base URLs entered on the options page drive a two-stage optimization in the popup', async ({
  extension,
}) => {
  await configureProviders(extension.serviceWorker, {});
  const options = await openOptions(extension.context, extension.extensionId);
  await expect(options.getByRole('status').filter({ hasText: 'No API keys' })).toBeVisible();
  await options.getByLabel('Draft API key', { exact: true }).fill(TEST_DRAFT_KEY);
  await options.getByLabel('Draft base URL').fill(`${draftMock.url}/openai/v1`);
  await options.getByLabel('Refinement API key', { exact: true }).fill(TEST_REFINEMENT_KEY);
  await options.getByLabel('Refinement base URL').fill(`${refinementMock.url}/v1`);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await expect(options.getByText('Two-stage optimization enabled')).toBeVisible();
  await options.close();

  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  const timing = await optimizeAndTime(popup);
  expect(timing.firstTextMs).toBeLessThan(timing.draftReadyMs + 1);
  expect(timing.draftReadyMs).toBeLessThan(timing.refinedMs!);

  const result = popup.getByLabel('Optimized prompt');
  await expect(result).toHaveValue(REFINED);
  await expect(popup.getByRole('status').first()).toContainText(/Refined! Quality score: \d+%/);
  // Each key went only to its own endpoint.
  expect(draftMock.requests.map((r) => r.authorization)).toEqual([`Bearer ${TEST_DRAFT_KEY}`]);
  expect(refinementMock.requests.map((r) => r.authorization)).toEqual([
    `Bearer ${TEST_REFINEMENT_KEY}`,
  ]);
  await popup.close();
});

test('the draft is shown and editable while the refinement runs; an edit is never overwritten', async ({
  extension,
}) => {
  const release = refinementMock.hold();
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByLabel('Prompt', { exact: true }).press('Control+Enter');
  await expect(popup.getByText('Draft ready! Refining in background…')).toBeVisible();
  const result = popup.getByLabel('Optimized prompt');
  await expect(result).toHaveValue(DRAFT);
  await result.press('End');
  await result.pressSequentially(' Mine.');
  release();
  await expect(popup.getByText('Refined version ready —')).toBeVisible();
  await expect(result).toHaveValue(`${DRAFT} Mine.`);
  await popup.getByRole('button', { name: 'Apply' }).click();
  await expect(result).toHaveValue(REFINED);
  await popup.getByRole('button', { name: 'Restore original' }).click();
  await expect(result).toHaveValue('haiku autumn leaves');
  await popup.close();
});

test('while the refinement streams the popup shows its words so far and its text beneath the draft', async ({
  extension,
}) => {
  const slowRefined =
    'You are a poet. Write a haiku about autumn leaves drifting down in a quiet park at dusk, calm and reflective; return only the three lines.';
  refinementMock.setScenario({ reply: slowRefined, tokensPerSecond: 40 });
  // The refinement is let through in steps (its start, 4 words, 12 words, the rest), so each
  // stage is seen whatever the machine's load.
  refinementMock.hold();
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByLabel('Prompt', { exact: true }).press('Control+Enter');
  const result = popup.getByLabel('Optimized prompt');
  const soFar = popup.getByRole('region', { name: 'Refinement so far' });
  await expect(result).toHaveValue(DRAFT);
  await expect(popup.getByText('Refining… waiting for the refinement model')).toBeVisible();
  await expect.poll(() => refinementMock.requests.length).toBe(1);

  const progress = popup.locator('.refinement-progress');
  // Each new hold lets the previous one go.
  refinementMock.hold({ afterChunks: 4 });
  await expect(progress.getByText('Refining… 4 words so far', { exact: true })).toBeVisible();
  await expect(soFar).toContainText('You are a poet.');
  const letRest = refinementMock.hold({ afterChunks: 12 });
  await expect(progress.getByText('Refining… 12 words so far', { exact: true })).toBeVisible();
  await expect(soFar).toContainText('Write a haiku about autumn leaves drifting down');
  // The result box keeps the draft until the refinement is complete.
  await expect(result).toHaveValue(DRAFT);
  await popup.screenshot({ path: test.info().outputPath('popup-refining.png') });
  letRest();

  await expect(result).toHaveValue(slowRefined);
  await expect(soFar).toBeHidden();
  await expect(popup.getByRole('status').first()).toContainText(/Refined! Quality score: \d+%/);
  await popup.close();
});

test('a draft endpoint answering 500 still ends with a refinement (single stage)', async ({
  extension,
}) => {
  draftMock.setScenario({ failure: { kind: 'status', status: 500 } });
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  await expect(popup.getByRole('status').first()).toContainText('Refined!');
  expect(draftMock.requests.length).toBeGreaterThanOrEqual(1);
  await popup.close();
});

test('a refinement endpoint answering 500 leaves the draft and says so', async ({ extension }) => {
  refinementMock.setScenario({ failure: { kind: 'status', status: 500 } });
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    `Refinement failed — the draft is kept. ${new URL(refinementMock.url).host} had a problem (HTTP 500)`,
  );
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(DRAFT);
  await popup.close();
});

test('with no keys the popup says what to do and links to the settings, sending nothing', async ({
  extension,
}) => {
  await configureProviders(extension.serviceWorker, {});
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'No API keys yet. Add a Draft or Refinement API key in Prompt Relay settings',
  );
  await expect(
    popup.getByRole('alert').getByRole('button', { name: 'Open settings' }),
  ).toBeVisible();
  expect(draftMock.requests.length + refinementMock.requests.length).toBe(0);
  await popup.close();
});

test('a rejected key names the host that rejected it', async ({ extension }) => {
  await configureProviders(extension.serviceWorker, { draftUrl: draftMock.url });
  draftMock.setScenario({ failure: { kind: 'status', status: 401 } });
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    `${new URL(draftMock.url).host} rejected the API key. Check the Draft API key in settings.`,
  );
  await popup.close();
});

test('Cancel (Esc) aborts the provider request', async ({ extension }) => {
  refinementMock.hold();
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByText('Draft ready! Refining in background…')).toBeVisible();
  // The worker shows the draft before it sends the refinement's request; Esc before that
  // request is sent aborts nothing a provider could see.
  await expect.poll(() => refinementMock.requests.length).toBe(1);
  await popup.keyboard.press('Escape');
  await expect.poll(() => refinementMock.requests[0]?.aborted).toBe(true);
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(DRAFT);
  await popup.close();
});

test('provider requests come from the extension worker, not from a page', async ({ extension }) => {
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  for (const request of [...draftMock.requests, ...refinementMock.requests]) {
    expect(request.headers.origin).toBe(`chrome-extension://${extension.extensionId}`);
  }
  await popup.close();
});

test('"Insert into page" puts the result into the field last focused in the active tab', async ({
  extension,
}) => {
  const pages = await startStaticServer();
  try {
    const page = await extension.context.newPage();
    await page.goto(`${pages.url}/textarea.html`);
    await page.getByTestId('editor').click();
    await page.keyboard.type('draft me');
    const popup = await openPopupWindow(extension.context, extension.serviceWorker);
    await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
    await popup.getByRole('button', { name: 'Optimize' }).click();
    await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
    await popup.getByRole('button', { name: 'Insert into page' }).click();
    await expect(popup.getByText('Inserted')).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { __fixture: { getText(): string } }).__fixture.getText(),
        ),
      )
      .toBe(REFINED);
  } finally {
    await pages.close();
  }
});

test('the popup starts with the text selected on the page', async ({ extension }) => {
  const pages = await startStaticServer();
  try {
    const page = await extension.context.newPage();
    await page.goto(`${pages.url}/demo.html`);
    await page.evaluate(() => {
      const heading = document.querySelector('h1')!;
      getSelection()!.selectAllChildren(heading);
    });
    const popup = await openPopupWindow(extension.context, extension.serviceWorker);
    await expect(popup.getByLabel('Prompt', { exact: true })).toHaveValue('Prompt Relay demo');
  } finally {
    await pages.close();
  }
});
