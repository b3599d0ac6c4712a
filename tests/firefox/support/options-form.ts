// Settings entered the way a user enters them: the extension's options page, each control found by
// its label, typed into, then Save, waiting for the page's own "Saved". Used once per test file to
// point both stages at mock providers.
import type { Browser, Page } from 'puppeteer-core';
import { openExtensionPage, waitFor } from './launch-firefox';
import { bodyText, byButton, byLabel } from './page-helpers';

/** Label of an options-page control → the text to leave in it. */
export type OptionsEntries = Record<string, string>;

/**
 * Replaces a control's text by typing: select everything in it (Ctrl+A also works in number
 * inputs, whose `select()` does nothing), delete it, type the new value.
 */
export async function typeByLabel(page: Page, label: string, value: string): Promise<void> {
  const control = await byLabel(page, label);
  await control.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
  const now = await control.evaluate((el) => (el as HTMLInputElement).value);
  if (now !== value) throw new Error(`"${label}" holds "${now}" after typing "${value}"`);
}

async function settingsLoaded(page: Page): Promise<void> {
  await waitFor(
    'the settings to load',
    async () => !(await bodyText(page)).includes('Loading settings'),
  );
}

/**
 * Presses Save and waits for the save notice to say "Saved"; any other notice throws with its
 * words. Only the notice counts: the body also holds "Saved key for … ending in …" whenever a key
 * is stored, and matching that closed the page before its write (a CI failure). The notice is
 * watched from before the click, since it clears itself after 3 s.
 */
export async function saveAndWaitForSaved(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = window as unknown as { __saveNotices: string[] };
    store.__saveNotices = [];
    new MutationObserver(() => {
      const text = document.querySelector('.save-notice')?.textContent?.trim() ?? '';
      if (text !== '' && store.__saveNotices.at(-1) !== text) store.__saveNotices.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await (await byButton(page, 'Save')).click();
  await waitFor('the save notice "Saved"', async () => {
    const notices = await page.evaluate(
      () => (window as unknown as { __saveNotices: string[] }).__saveNotices,
    );
    const other = notices.find((text) => text !== 'Saved');
    if (other) throw new Error(`the options page said: ${other}`);
    return notices.includes('Saved');
  });
}

/** Opens the options page, types every entry by its label, saves, and waits for "Saved". */
export async function saveOptions(browser: Browser, entries: OptionsEntries): Promise<void> {
  const options = await openExtensionPage(browser, 'options.html');
  try {
    await settingsLoaded(options);
    for (const [label, value] of Object.entries(entries)) await typeByLabel(options, label, value);
    await saveAndWaitForSaved(options);
  } finally {
    await options.close();
  }
}

export interface MockStages {
  /** Origin of the draft mock (it answers Groq's path: `/openai/v1`). */
  draftUrl: string;
  refinementUrl: string;
  draftKey: string;
  refinementKey: string;
  draftTimeoutMs?: number;
  refinementTimeoutMs?: number;
}

/** Both stages pointed at mock providers, with their keys, through the options page. */
export function saveMockProviders(browser: Browser, stages: MockStages): Promise<void> {
  const entries: OptionsEntries = {
    'Draft base URL': `${stages.draftUrl}/openai/v1`,
    'Draft model': 'llama-3.1-8b-instant',
    'Draft API key': stages.draftKey,
    'Refinement base URL': `${stages.refinementUrl}/v1`,
    'Refinement model': 'gpt-4o-mini',
    'Refinement API key': stages.refinementKey,
  };
  if (stages.draftTimeoutMs) entries['Draft timeout (ms)'] = String(stages.draftTimeoutMs);
  if (stages.refinementTimeoutMs) {
    entries['Refinement timeout (ms)'] = String(stages.refinementTimeoutMs);
  }
  return saveOptions(browser, entries);
}
