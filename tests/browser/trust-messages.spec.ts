// The background trusts messages by role, not by `sender.id` (which content scripts share): these
// tests act as a compromised content script would, from the content scripts' own isolated world
// (`scripting.executeScript` runs there by default), and check what the user would see.
import type { Worker } from '@playwright/test';
import { configureProviders } from './support/configure-providers';
import { expect, test } from './support/fixtures';
import { FixturePage, startInPageServers, type InPageServers } from './support/page-fixture';

let servers: InPageServers;
test.beforeAll(async () => {
  servers = await startInPageServers();
});
test.afterAll(async () => {
  await servers?.close();
});
test.beforeEach(async ({ extension }) => {
  servers.draft.reset({ reply: 'Draft.', firstTokenMs: 50, tokensPerSecond: 400 });
  servers.refinement.reset({ reply: 'Refined.', firstTokenMs: 50, tokensPerSecond: 400 });
  await configureProviders(extension.serviceWorker, {
    draftUrl: servers.draft.url,
    refinementUrl: servers.refinement.url,
  });
});

interface ScriptingGlobal {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    scripting: {
      executeScript(i: {
        target: { tabId: number };
        func: () => unknown;
      }): Promise<{ result?: unknown }[]>;
    };
  };
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as ScriptingGlobal;
    // Each fixture tab's URL carries a unique fragment, which match patterns cannot express.
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
    return tab!.id!;
  }, url);
}

test("a content script in one tab cannot make the background insert text into another tab's field", async ({
  extension,
}) => {
  const attacker = await FixturePage.open(extension.context, servers.pages.url, 'input');
  const victim = await FixturePage.open(extension.context, servers.pages.url, 'textarea');
  await victim.page.bringToFront();
  await victim.type('my own words');

  const tabId = await tabIdOf(extension.serviceWorker, attacker.page.url());
  // The function given to executeScript runs in the attacker tab's content-script world.
  const reply = await extension.serviceWorker.evaluate(async (tabId) => {
    const { chrome } = globalThis as unknown as ScriptingGlobal;
    const [frame] = await chrome.scripting.executeScript({
      target: { tabId },
      func: () =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          }
        ).chrome.runtime
          .sendMessage({ type: 'insert-into-page', text: 'INJECTED BY ANOTHER TAB' })
          .then(
            (answer) => answer ?? 'no answer',
            () => 'no answer',
          ),
    });
    return frame?.result;
  }, tabId);
  expect(reply).toBe('no answer');
  await victim.page.waitForTimeout(300);
  expect(await victim.text()).toBe('my own words');
});

test('a page that opens more optimizations than a person would gets the budget words, not a provider call', async ({
  extension,
}) => {
  // The first three never answer while the test looks: their drafts are held at the mock.
  servers.draft.hold();
  const page = await FixturePage.open(extension.context, servers.pages.url, 'textarea');

  const tabId = await tabIdOf(extension.serviceWorker, page.page.url());
  const firstAnswers = await extension.serviceWorker.evaluate(async (tabId) => {
    const { chrome: api } = globalThis as unknown as ScriptingGlobal;
    const [frame] = await api.scripting.executeScript({
      target: { tabId },
      func: async () => {
        const { chrome } = globalThis as unknown as {
          chrome: {
            runtime: {
              connect(info: { name: string }): {
                postMessage(m: unknown): void;
                onMessage: {
                  addListener(l: (m: { type: string; error?: { message: string } }) => void): void;
                };
              };
            };
          };
        };
        const answers: (string | null)[] = [null, null, null, null];
        for (let i = 0; i < answers.length; i += 1) {
          const port = chrome.runtime.connect({ name: 'prompt-relay/optimize' });
          port.onMessage.addListener((event) => {
            answers[i] ??= event.error ? event.error.message : event.type;
          });
          port.postMessage({ type: 'start', request: { prompt: `prompt ${i}`, mode: 'general' } });
        }
        // Until the fourth is answered (at once, by the budget), however slow the machine.
        for (const end = Date.now() + 10_000; answers[3] === null && Date.now() < end;) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return answers;
      },
    });
    return frame?.result;
  }, tabId);

  expect(firstAnswers).toEqual([
    null,
    null,
    null,
    'Prompt Relay is already optimizing several prompts in this tab. Wait for one to finish (or press Esc to cancel it), then try again.',
  ]);
  await expect.poll(() => servers.draft.requests.length).toBe(3);
});
