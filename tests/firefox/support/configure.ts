// Providers entered on the options page by label, as a user does, then saved: the one honest way
// to configure the Firefox build (keys go in only through the options page, which hands them to
// the background). Shared by the Firefox test files.
import type { Browser, Page } from 'puppeteer-core';
import type { MockProvider } from '../../fixtures/mock-provider/mock-provider';
import { openExtensionPage, waitFor } from './launch-firefox';
import { saveAndWaitForSaved } from './options-form';
import { bodyText, fillByLabel } from './page-helpers';

export const DRAFT_KEY = 'gsk_firefox_test_draft_k1d2';
export const REFINEMENT_KEY = 'sk-firefox-test-refinement-r9x7';
export const DRAFT_MODEL = 'llama-3.1-8b-instant';
export const REFINEMENT_MODEL = 'gpt-4o-mini';

/** The draft as a Groq-style endpoint, the refinement as an OpenAI-style one, each with its key. */
export function providerEntries(draft: MockProvider, refinement: MockProvider): [string, string][] {
  return [
    ['Draft base URL', `${draft.url}/openai/v1`],
    ['Draft model', DRAFT_MODEL],
    ['Draft API key', DRAFT_KEY],
    ['Refinement base URL', `${refinement.url}/v1`],
    ['Refinement model', REFINEMENT_MODEL],
    ['Refinement API key', REFINEMENT_KEY],
  ];
}

export async function waitForSettingsLoaded(options: Page): Promise<void> {
  await waitFor(
    'the settings to load',
    async () => !(await bodyText(options)).includes('Loading settings'),
  );
}

/** Fills each field by its label, presses Save and waits for "Saved" (throws on an error). */
export async function enterAndSave(options: Page, entries: [string, string][]): Promise<void> {
  for (const [label, value] of entries) await fillByLabel(options, label, value);
  await saveAndWaitForSaved(options);
}

/** Opens the options page, enters both providers by label, saves, and closes it. */
export async function configureProviders(
  browser: Browser,
  draft: MockProvider,
  refinement: MockProvider,
): Promise<void> {
  const options = await openExtensionPage(browser, 'options.html');
  await waitForSettingsLoaded(options);
  await enterAndSave(options, providerEntries(draft, refinement));
  await options.close();
}
