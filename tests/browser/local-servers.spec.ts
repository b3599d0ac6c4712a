// Local models that connect (issue #11, part 3): the options page finds a server on this computer,
// says exactly what to set when Ollama refuses the extension's origin (with this install's real
// origin), connects after "Check again", and sends nothing over plain http:// to a host on the
// network until the user confirms that origin.
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/fake-ollama';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { configureProviders } from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { launchExtension } from './support/launch-extension';
import { getStorage, setStorage } from './support/storage';

let ollama: FakeOllama;
let pages: StaticServer;

test.beforeAll(async () => {
  ollama = await startFakeOllama();
  pages = await startStaticServer();
});
test.afterAll(async () => {
  await ollama?.close();
  await pages?.close();
});
test.beforeEach(async ({ extension }) => {
  ollama.allowOrigins([]);
  ollama.requests.length = 0;
  // From the defaults: a keyless stage an earlier spec left in this worker (a Custom loopback
  // URL) would otherwise run instead of the server under test.
  await configureProviders(extension.serviceWorker, {});
});

test('Ollama refusing the extension: the exact OLLAMA_ORIGINS line, then connected after Check again', async ({
  extension,
}) => {
  const origin = `chrome-extension://${extension.extensionId}`;
  const options = await openOptions(extension.context, extension.extensionId);
  await options.getByLabel('Draft provider').selectOption('ollama');
  await options.getByLabel('Draft base URL').fill(`${ollama.origin}/v1`);

  const card = options.locator('#local-models');
  await expect(
    card.getByText(
      `Ollama on this computer (127.0.0.1:${ollama.port}) refused Prompt Relay (HTTP 403).`,
    ),
  ).toBeVisible();
  await expect(card.locator('.local-origin-line')).toHaveText(`OLLAMA_ORIGINS=${origin}`);
  // This machine runs Linux: its steps first, with the same exact origin.
  await expect(card.getByText(`Environment="OLLAMA_ORIGINS=${origin}"`)).toBeVisible();
  await expect(card.getByText(`OLLAMA_ORIGINS=${origin} ollama serve`)).toBeVisible();
  // The look sent no key.
  const looks = ollama.requests.filter((r) => r.path === '/v1/models');
  expect(looks.length).toBeGreaterThan(0);
  expect(looks.every((r) => r.authorization === null)).toBe(true);

  ollama.allowOrigins([origin]);
  await card.getByRole('button', { name: 'Check again' }).click();
  await expect(
    card.getByText(`Ollama is running on this computer (127.0.0.1:${ollama.port})`),
  ).toBeVisible();
  await expect(card.getByText('It serves 2 models: llama3.2:latest, qwen2.5:7b.')).toBeVisible();
  await expect(card.locator('.local-origin-line')).toHaveCount(0);

  await card.getByRole('button', { name: 'Use it for Refinement' }).click();
  await expect(options.getByLabel('Refinement provider')).toHaveValue('ollama');
  await expect(options.getByLabel('Refinement base URL')).toHaveValue(`${ollama.origin}/v1`);
  // Ollama's preset model (llama3.2) is not among those it serves: the first served one.
  await expect(options.getByLabel('Refinement model', { exact: true })).toHaveValue(
    'llama3.2:latest',
  );
});

test('an optimization refused by Ollama carries the same exact line', async ({ extension }) => {
  const origin = `chrome-extension://${extension.extensionId}`;
  await setStorage(extension.serviceWorker, 'sync', {
    'draft.preset': 'ollama',
    'draft.baseUrl': `${ollama.origin}/v1`,
    'draft.model': 'llama3.2',
    twoStageEnabled: false,
  });
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('write a haiku about autumn');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    `127.0.0.1:${ollama.port} refused Prompt Relay (HTTP 403). If it is Ollama, allow this extension: set OLLAMA_ORIGINS=${origin} and restart Ollama`,
  );
  const chat = ollama.requests.filter((r) => r.path === '/v1/chat/completions');
  expect(chat.map((r) => r.origin)).toEqual([origin]);
});

test('a web page cannot make the background look at this computer’s ports', async ({
  extension,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${pages.url}/textarea.html`);
  const pageUrl = page.url();
  const target = `${ollama.origin}/v1`;
  // From the content scripts' world (same extension id as the pages): the message is dropped.
  const reply = await extension.serviceWorker.evaluate(
    async ({ pageUrl, target }) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
          scripting: {
            executeScript(i: {
              target: { tabId: number };
              func: (target: string) => unknown;
              args: [string];
            }): Promise<{ result?: unknown }[]>;
          };
        };
      };
      const [tab] = await chrome.tabs.query({ url: pageUrl });
      const [frame] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        args: [target],
        func: async (baseUrl: string) => {
          const api = (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: object): Promise<unknown> } };
            }
          ).chrome;
          try {
            const answer = await api.runtime.sendMessage({
              type: 'find-local-servers',
              extra: [{ server: 'ollama', baseUrl }],
            });
            return answer ?? 'no answer';
          } catch (error) {
            return `refused: ${String(error)}`;
          }
        },
      });
      return frame?.result;
    },
    { pageUrl, target },
  );
  expect(typeof reply === 'string' && (reply === 'no answer' || reply.startsWith('refused'))).toBe(
    true,
  );
  await page.waitForTimeout(300);
  expect(ollama.requests).toEqual([]);
});

test('measured: the background’s requests carry the extension’s Origin, GET and POST', async ({
  extension,
}) => {
  const url = `${ollama.origin}/v1/models`;
  await extension.serviceWorker.evaluate(async (target) => {
    await fetch(target);
    await fetch(target, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
  }, url);
  expect(ollama.requests.map((r) => [r.method, r.origin])).toEqual([
    // Chromium 156: no Origin on the GET (the extension has host access), its own on the POST.
    ['GET', null],
    ['POST', `chrome-extension://${extension.extensionId}`],
  ]);
});

test('plain http:// to a public host is offered no confirmation', async ({ extension }) => {
  const options = await openOptions(extension.context, extension.extensionId);
  await options.getByLabel('Draft base URL').fill('http://203.0.113.7:11434/v1');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(
    options.getByText('Use https:// — plain http:// is allowed only for this computer (localhost)'),
  ).toBeVisible();
  await expect(options.getByRole('button', { name: /Allow unencrypted requests/ })).toHaveCount(0);
});

test.describe('a host on the network over plain http://', () => {
  const LAN_NAME = 'ollama-box.lan';

  test('is refused until its origin is confirmed, and nothing is sent before', async () => {
    // It launches a browser of its own, as the shared fixture does (which allows 60 s for that).
    test.setTimeout(90_000);
    // The name resolves to the fake server, as a box on the user's network would.
    const launched = await launchExtension({
      args: [`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`],
    });
    try {
      const id = launched.extensionId;
      const lanOrigin = `http://${LAN_NAME}:${ollama.port}`;
      ollama.allowOrigins([`chrome-extension://${id}`]);
      const options = await openOptions(launched.context, id);
      await options.getByLabel('Draft provider').selectOption('ollama');
      await options.getByLabel('Draft base URL').fill(`${lanOrigin}/v1`);
      await expect(
        options.getByText(
          `Send prompts (and the key, if any) unencrypted to ${lanOrigin}? Only on a network you trust`,
        ),
      ).toBeVisible();

      await options.getByRole('button', { name: 'Save' }).click();
      await expect(
        options.getByText(
          `${LAN_NAME}:${ollama.port} is on your network over plain http://: confirm in Prompt Relay settings that prompts may go to ${lanOrigin} unencrypted, or use https://`,
        ),
      ).toBeVisible();
      await expect(options.getByText('Nothing saved — fix the highlighted field.')).toBeVisible();
      expect(await getStorage(launched.serviceWorker, 'sync', 'draft.baseUrl')).toEqual({});

      // A stored unconfirmed URL (synced from elsewhere) is refused by the background too.
      await setStorage(launched.serviceWorker, 'sync', {
        'draft.preset': 'ollama',
        'draft.baseUrl': `${lanOrigin}/v1`,
      });
      const fresh = await openOptions(launched.context, id);
      const draft = fresh.locator('fieldset', { hasText: 'Draft provider' });
      await draft.getByRole('button', { name: 'Test connection' }).click();
      await expect(fresh.locator('#draft-test-status')).toContainText(
        `Nothing sent to ${LAN_NAME}:${ollama.port}`,
      );
      expect(ollama.requests.filter((r) => r.host.startsWith(LAN_NAME))).toEqual([]);
      await fresh.close();

      await options
        .getByRole('button', { name: `Allow unencrypted requests to ${lanOrigin}` })
        .click();
      await expect(
        options.getByText(`You allowed unencrypted requests to ${lanOrigin} on this device.`),
      ).toBeVisible();
      expect(await getStorage(launched.serviceWorker, 'local', 'confirmedHttpOrigins')).toEqual({
        confirmedHttpOrigins: [lanOrigin],
      });
      await options.getByRole('button', { name: 'Save' }).click();
      await expect(options.getByText('Saved', { exact: true })).toBeVisible();
      expect(await getStorage(launched.serviceWorker, 'sync', 'draft.baseUrl')).toEqual({
        'draft.baseUrl': `${lanOrigin}/v1`,
      });

      const draftSection = options.locator('fieldset', { hasText: 'Draft provider' });
      await draftSection.getByRole('button', { name: 'Test connection' }).click();
      await expect(options.locator('#draft-test-status')).toContainText('Connected');
      expect(
        ollama.requests.filter((r) => r.host === `${LAN_NAME}:${ollama.port}`).length,
      ).toBeGreaterThan(0);
    } finally {
      await launched.close();
    }
  });
});
