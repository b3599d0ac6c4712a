import { startMockProvider, type MockProvider } from '../../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../../fixtures/pages/static-server';
import { configureProviders } from './configure-providers';
import { test } from './fixtures';

/** The mocks and the page server a spec of the settings and keys shares. */
export interface ProviderSuite {
  readonly draft: MockProvider;
  readonly refinement: MockProvider;
  /** A third server: another host a base URL can be moved to. */
  readonly other: MockProvider;
  readonly pages: StaticServer;
}

/**
 * Servers for the whole file, and before each test the mocks back to their replies and the
 * extension configured for the draft and refinement mocks.
 */
export function providerSuite(replies: {
  draft: string;
  refined: string;
  other?: string;
}): ProviderSuite {
  let servers: ProviderSuite | undefined;
  const otherScenario = replies.other === undefined ? {} : { reply: replies.other };
  test.beforeAll(async () => {
    const [draft, refinement, other, pages] = await Promise.all([
      startMockProvider({ scenario: { reply: replies.draft } }),
      startMockProvider({ scenario: { reply: replies.refined } }),
      startMockProvider({ scenario: otherScenario }),
      startStaticServer(),
    ]);
    servers = { draft, refinement, other, pages };
  });
  test.afterAll(async () => {
    await Promise.all([
      servers?.draft.close(),
      servers?.refinement.close(),
      servers?.other.close(),
      servers?.pages.close(),
    ]);
  });
  test.beforeEach(async ({ extension }) => {
    servers!.draft.reset({ reply: replies.draft });
    servers!.refinement.reset({ reply: replies.refined });
    servers!.other.reset(otherScenario);
    await configureProviders(extension.serviceWorker, {
      draftUrl: servers!.draft.url,
      refinementUrl: servers!.refinement.url,
    });
  });
  return {
    get draft() {
      return servers!.draft;
    },
    get refinement() {
      return servers!.refinement;
    },
    get other() {
      return servers!.other;
    },
    get pages() {
      return servers!.pages;
    },
  };
}

/** A mock's host as the settings page names it. */
export function hostOf(mock: MockProvider): string {
  return new URL(mock.url).host;
}
