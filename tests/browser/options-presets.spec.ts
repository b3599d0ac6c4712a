// The provider presets on the options page (issue #11, item 1): choosing one fills its base URL
// and the model it recommends for the stage; a server on this computer needs no key, and a stage
// set up that way optimizes with nothing but its base URL.
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { configureProviders } from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { getStorage } from './support/storage';

// [label in the list, base URL, draft model, refinement model], literally as a user sees them.
const PRESETS: [string, string, string, string][] = [
  ['Groq', 'https://api.groq.com/openai/v1', 'llama-3.1-8b-instant', 'llama-3.3-70b-versatile'],
  ['OpenAI', 'https://api.openai.com/v1', 'gpt-4.1-nano', 'gpt-4o-mini'],
  ['Cerebras', 'https://api.cerebras.ai/v1', 'gpt-oss-120b', 'gpt-oss-120b'],
  [
    'OpenRouter',
    'https://openrouter.ai/api/v1',
    'meta-llama/llama-3.1-8b-instruct:nitro',
    'openai/gpt-4o-mini',
  ],
  [
    'SambaNova',
    'https://api.sambanova.ai/v1',
    'Meta-Llama-3.1-8B-Instruct',
    'Meta-Llama-3.3-70B-Instruct',
  ],
  [
    'Together AI',
    'https://api.together.xyz/v1',
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
    'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  ],
  [
    'Fireworks AI',
    'https://api.fireworks.ai/inference/v1',
    'accounts/fireworks/models/llama-v3p1-8b-instruct',
    'accounts/fireworks/models/llama-v3p3-70b-instruct',
  ],
  [
    'Google Gemini',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    'gemini-2.0-flash-lite',
    'gemini-2.0-flash',
  ],
  ['Anthropic', 'https://api.anthropic.com/v1', 'claude-3-5-haiku-latest', 'claude-sonnet-4-0'],
  ['Ollama (on this computer)', 'http://localhost:11434/v1', 'llama3.2', 'llama3.1:8b'],
  [
    'LM Studio (on this computer)',
    'http://localhost:1234/v1',
    'llama-3.2-3b-instruct',
    'meta-llama-3.1-8b-instruct',
  ],
  ['llama.cpp server (on this computer)', 'http://localhost:8080/v1', 'default', 'default'],
];

let mock: MockProvider;
test.beforeAll(async () => {
  mock = await startMockProvider({ scenario: { reply: 'Write a haiku about autumn, calm.' } });
});
test.afterAll(async () => mock?.close());

test('choosing each preset fills its base URL and the model it recommends for the stage', async ({
  extension,
}) => {
  await configureProviders(extension.serviceWorker, {});
  const options = await openOptions(extension.context, extension.extensionId);
  for (const [label, baseUrl, draftModel, refinementModel] of PRESETS) {
    await options.getByLabel('Draft provider').selectOption({ label });
    await expect(options.getByLabel('Draft base URL')).toHaveValue(baseUrl);
    await expect(options.getByLabel('Draft model', { exact: true })).toHaveValue(draftModel);
    await options.getByLabel('Refinement provider').selectOption({ label });
    await expect(options.getByLabel('Refinement base URL')).toHaveValue(baseUrl);
    await expect(options.getByLabel('Refinement model', { exact: true })).toHaveValue(
      refinementModel,
    );
  }
  // A provider's own key page is linked beside it; a local server says no key is needed.
  await options.getByLabel('Draft provider').selectOption({ label: 'Cerebras' });
  await expect(options.getByRole('link', { name: 'Get your Cerebras API key' })).toHaveAttribute(
    'href',
    'https://cloud.cerebras.ai/platform',
  );
  await options.getByLabel('Draft provider').selectOption({ label: 'Ollama (on this computer)' });
  await expect(options.getByLabel('Draft API key')).toHaveAttribute(
    'placeholder',
    'Not needed for this server',
  );
  // The on-device model writes drafts only.
  const refinementLabels = await options
    .getByLabel('Refinement provider')
    .locator('option')
    .allTextContents();
  expect(refinementLabels).not.toContain('Chrome on-device model (no key)');
  expect(refinementLabels).toContain('Custom (OpenAI-compatible)');
});

test('a server on this computer chosen with no key optimizes, and is sent no key of the user', async ({
  extension,
}) => {
  mock.reset({ reply: 'Write a haiku about autumn, calm.' });
  await configureProviders(extension.serviceWorker, {});
  const options = await openOptions(extension.context, extension.extensionId);
  await options
    .getByLabel('Refinement provider')
    .selectOption({ label: 'Custom (OpenAI-compatible)' });
  await options.getByLabel('Refinement base URL').fill(`${mock.url}/v1`);
  await options.getByLabel('Refinement model', { exact: true }).fill('mock-model');
  await options.getByLabel('Draft provider').selectOption({ label: 'Custom (OpenAI-compatible)' });
  await options.getByLabel('Draft base URL').fill(`${mock.url}/v1`);
  await options.getByLabel('Draft model', { exact: true }).fill('mock-model');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(async () => (await getStorage(extension.serviceWorker, 'sync'))['draft.baseUrl'])
    .toBe(`${mock.url}/v1`);

  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('write a haiku about autumn');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByText('Write a haiku about autumn, calm.').first()).toBeVisible();
  const chats = mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
  expect(chats.length).toBeGreaterThan(0);
  // Both SDKs insist on a key: a server that needs none gets a placeholder, never a real one.
  expect(chats.map((r) => r.authorization)).toEqual(chats.map(() => 'Bearer no-key'));
});
