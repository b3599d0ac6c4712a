// Playwright fixtures for tests of the built extension. One browser per test worker: launching
// takes ≈1.5 s (more on a busy machine), so sharing it halves suite time. The price is shared
// state: chrome.storage and the worker's globals persist across tests in the same worker, so a
// test that depends on settings sets them itself (see storage.ts).
import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { launchExtension } from './launch-extension';

export interface ExtensionFixture {
  context: BrowserContext;
  extensionId: string;
  /** Stays valid across worker stops/restarts: Playwright reuses the same Worker object. */
  serviceWorker: Worker;
}

interface WorkerFixtures {
  extension: ExtensionFixture;
}

interface TestFixtures {
  /** Closes the tabs a test opened, so pages (and their ports to the worker) do not leak. */
  closeTestPages: void;
}

// The fixture callback is named `provide`, not Playwright's usual `use`: the React hooks lint rule
// mistakes `use(...)` for React's `use` hook.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  extension: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
    async ({}, provide) => {
      const launched = await launchExtension();
      try {
        await provide({
          context: launched.context,
          extensionId: launched.extensionId,
          serviceWorker: launched.serviceWorker,
        });
      } finally {
        await launched.close();
      }
    },
    // Launching may exceed the 30 s test budget on a loaded 2-core machine.
    { scope: 'worker', timeout: 60_000 },
  ],
  // The built-in context/page would launch Playwright's bundled browser, which is not installed
  // here; point them at the extension's browser instead.
  context: async ({ extension }, provide) => {
    await provide(extension.context);
  },
  page: async ({ extension }, provide) => {
    const page: Page = await extension.context.newPage();
    await provide(page);
    await page.close().catch(() => undefined);
  },
  closeTestPages: [
    async ({ extension }, provide) => {
      const before = new Set(extension.context.pages());
      await provide();
      const opened = extension.context.pages().filter((page) => !before.has(page));
      await Promise.all(opened.map((page) => page.close().catch(() => undefined)));
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
