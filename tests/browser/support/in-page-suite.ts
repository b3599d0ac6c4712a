import { configureProviders } from './configure-providers';
import { test, type ExtensionFixture } from './fixtures';
import {
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
  };
}
