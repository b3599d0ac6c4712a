import type { Worker } from '@playwright/test';
import type { Browser } from 'webextension-polyfill';

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

/**
 * Writes settings the way the options page stores them (wxt/storage keys), from inside the worker:
 * fast set-up for tests whose subject is not the options page itself. Clears earlier settings.
 */
export async function configureProviders(worker: Worker, setup: ProviderSetup): Promise<void> {
  await worker.evaluate(
    async (s) => {
      // Runs in the worker, where `chrome` is the extension API.
      const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
      await chrome.storage.local.clear();
      await chrome.storage.sync.clear();
      await chrome.storage.session.clear();
      const local: Record<string, unknown> = {};
      const sync: Record<string, unknown> = { cacheEnabled: s.cache ?? false };
      if (s.draftUrl) {
        local['draft.apiKey'] = s.draftKey;
        Object.assign(sync, {
          'draft.preset': 'groq',
          'draft.baseUrl': `${s.draftUrl}/openai/v1`,
          'draft.model': 'llama-3.1-8b-instant',
        });
      }
      if (s.refinementUrl) {
        local['refinement.apiKey'] = s.refinementKey;
        Object.assign(sync, {
          'refinement.preset': 'openai',
          'refinement.baseUrl': `${s.refinementUrl}/v1`,
          'refinement.model': 'gpt-4o-mini',
        });
      }
      if (s.draftTimeoutMs) sync['draft.timeoutMs'] = s.draftTimeoutMs;
      if (s.refinementTimeoutMs) sync['refinement.timeoutMs'] = s.refinementTimeoutMs;
      // The shortcut binding the worker mirrors from chrome.commands at start.
      local.shortcut = 'Alt+Shift+O';
      await chrome.storage.local.set(local);
      await chrome.storage.sync.set(sync);
    },
    {
      ...setup,
      draftKey: setup.draftKey ?? TEST_DRAFT_KEY,
      refinementKey: setup.refinementKey ?? TEST_REFINEMENT_KEY,
    },
  );
}
