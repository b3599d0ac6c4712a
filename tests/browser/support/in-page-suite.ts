import { configureProviders } from './configure-providers';
import { expect, test, type ExtensionFixture } from './fixtures';
import { STATUS, type Overlay } from './overlay';
import {
  DRAFT,
  DRAFT_SCENARIO,
  FixturePage,
  REFINEMENT_SCENARIO,
  startInPageServers,
  type FixturePageName,
  type InPageServers,
} from './page-fixture';

export interface InPageSuite {
  /** The mock providers and the fixture-page server, shared by the file's tests. */
  readonly servers: InPageServers;
  open(extension: ExtensionFixture, name: FixturePageName): Promise<FixturePage>;
  /**
   * Types a prompt in a fixture page, presses the shortcut and returns once the draft is in the
   * field and its refinement has been asked for. The refinement is held at the mock until the
   * test calls `release()`, whatever the machine's load: what the test does "meanwhile" really
   * happens before it. Unreleased, it is let go by the next test's reset.
   */
  untilRefining(
    extension: ExtensionFixture,
    name: FixturePageName,
  ): Promise<{ field: FixturePage; overlay: Overlay; release: () => void }>;
}

/**
 * The set-up every in-page spec shares: servers for the whole file, and before each test the
 * mocks back to their default scenarios and the extension configured for them.
 */
export function inPageSuite(): InPageSuite {
  let servers: InPageServers | undefined;
  test.beforeAll(async () => {
    servers = await startInPageServers();
  });
  test.afterAll(async () => {
    await servers?.close();
  });
  test.beforeEach(async ({ extension }) => {
    servers!.draft.reset(DRAFT_SCENARIO);
    servers!.refinement.reset(REFINEMENT_SCENARIO);
    await configureProviders(extension.serviceWorker, {
      draftUrl: servers!.draft.url,
      refinementUrl: servers!.refinement.url,
    });
  });
  return {
    get servers() {
      return servers!;
    },
    open: (extension, name) => FixturePage.open(extension.context, servers!.pages.url, name),
    async untilRefining(extension, name) {
      const release = servers!.refinement.hold();
      const field = await FixturePage.open(extension.context, servers!.pages.url, name);
      const overlay = field.overlay();
      await field.type('write a haiku about autumn');
      await field.pressShortcut();
      await expect.poll(() => overlay.status()).toBe(STATUS.draftReady);
      await expect.poll(() => field.text()).toBe(DRAFT);
      await expect.poll(() => servers!.refinement.requests.length).toBe(1);
      return { field, overlay, release };
    },
  };
}
