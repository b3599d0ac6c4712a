import type { Worker } from '@playwright/test';
import type { Browser } from 'webextension-polyfill';
import { resetSecrets, type SecretsSetup } from './secrets';

export interface ProviderSetup {
  draftUrl?: string | null;
  refinementUrl?: string | null;
  draftKey?: string;
  refinementKey?: string;
  draftTimeoutMs?: number;
  refinementTimeoutMs?: number;
  cache?: boolean;
}

export const TEST_DRAFT_KEY = 'gsk_browser_test_draft';
export const TEST_REFINEMENT_KEY = 'sk-browser-test-refinement';

export interface StorageContents {
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
  /** Keys for the background's secret store (IndexedDB), bound to the base URL's origin. */
  secrets: SecretsSetup;
}

/** What the options page would store for this set-up: chrome.storage entries and keys. */
export function providerStorage(setup: ProviderSetup): StorageContents {
  const local: Record<string, unknown> = {};
  const sync: Record<string, unknown> = { cacheEnabled: setup.cache ?? false };
  const secrets: SecretsSetup = {};
  if (setup.draftUrl) {
    secrets.draft = {
      apiKey: setup.draftKey ?? TEST_DRAFT_KEY,
      origin: new URL(setup.draftUrl).origin,
    };
    sync['draft.preset'] = 'groq';
    sync['draft.baseUrl'] = `${setup.draftUrl}/openai/v1`;
    sync['draft.model'] = 'llama-3.1-8b-instant';
  }
  if (setup.refinementUrl) {
    secrets.refinement = {
      apiKey: setup.refinementKey ?? TEST_REFINEMENT_KEY,
      origin: new URL(setup.refinementUrl).origin,
    };
    sync['refinement.preset'] = 'openai';
    sync['refinement.baseUrl'] = `${setup.refinementUrl}/v1`;
    sync['refinement.model'] = 'gpt-4o-mini';
  }
  if (setup.draftTimeoutMs) sync['draft.timeoutMs'] = setup.draftTimeoutMs;
  if (setup.refinementTimeoutMs) sync['refinement.timeoutMs'] = setup.refinementTimeoutMs;
  return { local, sync, secrets };
}

/**
 * Writes settings the way the options page stores them, from inside the worker: fast set-up for
 * tests whose subject is not the options page itself. Clears earlier settings, keys, the result
 * cache and state first.
 */
export async function configureProviders(worker: Worker, setup: ProviderSetup): Promise<void> {
  const { local, sync, secrets } = providerStorage(setup);
  await resetSecrets(worker, secrets);
  await worker.evaluate(
    async ({ local, sync }) => {
      // Runs in the worker, where `chrome` is the extension API.
      const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
      await chrome.storage.local.clear();
      await chrome.storage.sync.clear();
      await chrome.storage.session.clear();
      await chrome.storage.local.set(local);
      await chrome.storage.sync.set(sync);
    },
    { local, sync },
  );
}
