// The options page's live model list and Test connection's timing, against the mock provider
// (issue #11): the list comes from the SAVED endpoint's own /models, with only its own key.
import type { Page } from '@playwright/test';
import {
  MOCK_MODEL_IDS,
  messageText,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';
import { configureProviders, TEST_DRAFT_KEY } from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import { hostOf, providerSuite } from './support/provider-suite';
import { expect, test, type ExtensionFixture } from './support/fixtures';
import { getStorage, setStorage } from './support/storage';
import { inIsolatedWorld } from './support/isolated-world';

const DRAFT = 'Draft: a haiku about autumn leaves, calm tone, three lines.';
const REFINED = 'You are a poet. Write a haiku about autumn leaves. Return only the three lines.';

const mocks = providerSuite({ draft: DRAFT, refined: REFINED });

function modelRequests(mock: MockProvider) {
  return mock.requests.filter((r) => r.path.endsWith('/models'));
}

function chatRequests(mock: MockProvider) {
  return mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
}

async function openSettings(extension: ExtensionFixture): Promise<Page> {
  const options = await openOptions(extension.context, extension.extensionId);
  // The settings are loaded once the saved key's host shows.
  await expect(
    options.getByText(`Saved key for ${hostOf(mocks.draft)} ending in`).first(),
  ).toBeVisible();
  return options;
}

test('the model field offers the saved provider’s own models; the one picked is saved and used', async ({
  extension,
}) => {
  const options = await openSettings(extension);
  const draft = options.getByRole('group', { name: 'Draft', exact: true });
  const field = draft.getByRole('combobox', { name: 'Draft model' });
  await expect(field).toHaveValue('llama-3.1-8b-instant');
  // Settings only looked at send nothing.
  expect(mocks.draft.requests).toHaveLength(0);

  await field.focus();
  await expect(
    draft.getByText(`3 models from ${hostOf(mocks.draft)}`, { exact: true }),
  ).toBeVisible();
  expect(modelRequests(mocks.draft).map((r) => r.authorization)).toEqual([
    `Bearer ${TEST_DRAFT_KEY}`,
  ]);
  expect(mocks.refinement.requests).toHaveLength(0);

  await field.press('ArrowDown');
  const list = draft.getByRole('listbox', { name: `Draft models from ${hostOf(mocks.draft)}` });
  await expect(list).toBeVisible();
  for (const id of MOCK_MODEL_IDS) {
    await expect(list.getByRole('option', { name: id, exact: true })).toBeVisible();
  }
  await expect(list.getByRole('option')).toHaveCount(MOCK_MODEL_IDS.length);
  // The list opens on the model the field holds.
  await expect(list.getByRole('option', { name: 'llama-3.1-8b-instant' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Typing filters; ↓ and Enter pick without submitting the form.
  await field.fill('MOCK');
  await expect(list.getByRole('option')).toHaveText(['mock-model']);
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(field).toHaveValue('mock-model');
  await expect(list).toBeHidden();
  await expect(options.getByText('Saved', { exact: true })).toBeHidden();

  // Free text stays possible: a name the list lacks is kept as typed.
  const refinement = options.getByRole('group', { name: 'Refinement', exact: true });
  const refinementField = refinement.getByRole('combobox', { name: 'Refinement model' });
  await refinementField.fill('my-own-finetune');
  await expect(refinement.getByText(`3 models from ${hostOf(mocks.refinement)}`)).toBeVisible();
  await expect(
    refinement.getByText('No listed model matches: the name you type is used.'),
  ).toBeVisible();
  await refinementField.press('Escape');
  await expect(refinement.getByRole('listbox')).toBeHidden();
  await expect(refinementField).toHaveValue('my-own-finetune');
  // The pointer: the toggle opens the whole list, a click picks.
  await refinement.getByRole('button', { name: 'Show Refinement models' }).click();
  await refinement.getByRole('option', { name: 'gpt-4o-mini', exact: true }).click();
  await expect(refinementField).toHaveValue('gpt-4o-mini');

  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  expect(await getStorage(extension.serviceWorker, 'sync', 'draft.model')).toEqual({
    'draft.model': 'mock-model',
  });

  // Test connection: a tiny streamed request with the saved model, timed.
  await draft.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.locator('#draft-test-status')).toHaveText(
    /^Connected — first token \d+ ms, answer \d+ ms \(mock-model\)$/,
  );
  const [test] = chatRequests(mocks.draft);
  expect(chatRequests(mocks.draft)).toHaveLength(1);
  expect(test?.body).toMatchObject({ model: 'mock-model', stream: true, max_tokens: 8 });
  expect(test?.body?.messages?.map((m) => messageText(m.content))).toEqual(['Reply with OK.']);

  // The pipeline uses it too.
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect.poll(() => chatRequests(mocks.draft).length).toBe(2);
  expect(chatRequests(mocks.draft)[1]?.body?.model).toBe('mock-model');
});

test('the list is only for the saved base URL, and says why not or what failed', async ({
  extension,
}) => {
  mocks.draft.setScenario({ failure: { kind: 'status', status: 401, times: 1 } });
  const options = await openSettings(extension);
  const draft = options.getByRole('group', { name: 'Draft', exact: true });
  const field = draft.getByRole('combobox', { name: 'Draft model' });

  await field.focus();
  await expect(
    draft.getByText(
      `${hostOf(mocks.draft)} rejected the API key. Check the Draft API key in settings.`,
    ),
  ).toBeVisible();
  await draft.getByRole('button', { name: 'Refresh list' }).click();
  await expect(draft.getByText(`3 models from ${hostOf(mocks.draft)}`)).toBeVisible();
  expect(modelRequests(mocks.draft)).toHaveLength(2);

  // An unsaved base URL: nothing is asked, of either host.
  await draft.getByLabel('Draft base URL').fill(`${mocks.other.url}/openai/v1`);
  await expect(draft.getByText('Save to list this provider’s models.')).toBeVisible();
  await expect(draft.getByRole('button', { name: 'Refresh list' })).toHaveCount(0);
  await field.focus();
  await field.press('ArrowDown');
  await expect(draft.getByRole('listbox')).toBeHidden();
  expect(mocks.other.requests).toHaveLength(0);
  expect(modelRequests(mocks.draft)).toHaveLength(2);

  // Saved without a key for the new host: the saved key is not sent there.
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await field.blur();
  await field.focus();
  await expect(
    draft.getByText(
      `Nothing sent: a Draft API key for ${hostOf(mocks.other)} is needed. Enter it and press Save first.`,
    ),
  ).toBeVisible();
  expect(mocks.other.requests).toHaveLength(0);
});

test('a custom endpoint on this computer lists and tests without a key', async ({ extension }) => {
  await configureProviders(extension.serviceWorker, { draftUrl: mocks.draft.url });
  await setStorage(extension.serviceWorker, 'sync', {
    'refinement.preset': 'custom',
    'refinement.baseUrl': `${mocks.refinement.url}/v1`,
    'refinement.model': 'gpt-4o-mini',
  });
  const options = await openSettings(extension);
  const refinement = options.getByRole('group', { name: 'Refinement', exact: true });
  await refinement.getByRole('combobox', { name: 'Refinement model' }).focus();
  await expect(refinement.getByText(`3 models from ${hostOf(mocks.refinement)}`)).toBeVisible();

  await refinement.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.locator('#refinement-test-status')).toHaveText(
    /^Connected — first token \d+ ms, answer \d+ ms \(gpt-4o-mini\)$/,
  );
  // The SDKs insist on some key: a placeholder that is no one's, never the draft's key.
  expect(mocks.refinement.requests.map((r) => [r.path, r.authorization])).toEqual([
    ['/v1/models', 'Bearer no-key'],
    ['/v1/chat/completions', 'Bearer no-key'],
  ]);
});

test('a content script cannot have the models listed with the user’s key', async ({
  extension,
}) => {
  const page = await extension.context.newPage();
  const pageUrl = `${mocks.pages.url}/textarea.html`;
  await page.goto(pageUrl);
  const answer = await inIsolatedWorld(extension.serviceWorker, pageUrl, async () => {
    const api = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
      }
    ).chrome;
    try {
      const reply = await api.runtime.sendMessage({ type: 'list-models', stage: 'draft' });
      return reply === undefined ? 'no answer' : JSON.stringify(reply);
    } catch (error) {
      return `rejected: ${String(error)}`;
    }
  });
  expect(String(answer)).toMatch(/^(no answer|rejected: )/);
  await page.waitForTimeout(200);
  expect(mocks.draft.requests).toHaveLength(0);
});
