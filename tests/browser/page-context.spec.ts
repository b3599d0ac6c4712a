// The page title, address and field label go with the prompt only as the user chose: the setting
// is made on the options page and enforced by the background, whatever the page sends.
import { messageText, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { openOptions } from './support/extension-pages';
import { expect, test, type ExtensionFixture } from './support/fixtures';
import { inPageSuite } from './support/in-page-suite';
import { STATUS } from './support/overlay';
import { getStorage, setStorage } from './support/storage';

const suite = inPageSuite();
const PROMPT = 'write a haiku about autumn';

/** Everything the provider was sent for each request, as one text. */
function sentTexts(mock: MockProvider): string[] {
  return mock.requests.map((request) =>
    (request.body?.messages ?? []).map((message) => messageText(message.content)).join('\n'),
  );
}

/** Optimizes a prompt in the textarea fixture and returns once both stages were asked. */
async function optimizeTextarea(extension: ExtensionFixture): Promise<void> {
  const field = await suite.open(extension, 'textarea');
  await field.type(PROMPT);
  await field.pressShortcut();
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
  expect(suite.servers.draft.requests).toHaveLength(1);
  expect(suite.servers.refinement.requests).toHaveLength(1);
}

test('by default the page title and address go with the prompt', async ({ extension }) => {
  await optimizeTextarea(extension);
  for (const text of [...sentTexts(suite.servers.draft), ...sentTexts(suite.servers.refinement)]) {
    expect(text).toContain(PROMPT);
    expect(text).toContain('Page title: Textarea · Prompt Relay fixture');
    expect(text).toContain('Page: http://127.0.0.1:');
  }
});

test('a site listed on the options page gets no page context, and the list is checked on Save', async ({
  extension,
}) => {
  const options = await openOptions(extension.context, extension.extensionId);
  const sites = options.getByLabel('Never send them on these sites');
  await expect(
    options.getByLabel('Send the page title, address and field label with the prompt'),
  ).toBeChecked();
  await sites.fill('my bank');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(
    options.getByText(
      '“my bank” is not a site’s host name. Enter one host per line, such as mail.example.com',
    ),
  ).toBeVisible();
  await expect(sites).toBeFocused();

  await sites.fill('http://127.0.0.1/anything\nMail.Example.com');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  // Saved as hosts, and shown as saved.
  await expect(sites).toHaveValue('127.0.0.1\nmail.example.com');
  expect(await getStorage(extension.serviceWorker, 'sync', 'noContextSites')).toEqual({
    noContextSites: ['127.0.0.1', 'mail.example.com'],
  });
  await options.close();

  await optimizeTextarea(extension);
  for (const text of [...sentTexts(suite.servers.draft), ...sentTexts(suite.servers.refinement)]) {
    expect(text).toContain(PROMPT);
    expect(text).not.toContain('Textarea · Prompt Relay fixture');
    expect(text).not.toContain('Page:');
  }
});

test('turned off, no page sends its context; the site list is then disabled', async ({
  extension,
}) => {
  const options = await openOptions(extension.context, extension.extensionId);
  const sites = options.getByLabel('Never send them on these sites');
  await expect(sites).toBeEnabled();
  await options
    .getByLabel('Send the page title, address and field label with the prompt')
    .uncheck();
  await expect(sites).toBeDisabled();
  await options.close();

  // Set through storage for speed: the options page round trip is the test above.
  await setStorage(extension.serviceWorker, 'sync', { sendPageContext: false });
  await optimizeTextarea(extension);
  for (const text of [...sentTexts(suite.servers.draft), ...sentTexts(suite.servers.refinement)]) {
    expect(text).toContain(PROMPT);
    expect(text).not.toContain('Textarea · Prompt Relay fixture');
    expect(text).not.toContain('Page:');
  }
});
