// The Firefox build in a real Firefox ESR (headless, WebDriver BiDi through puppeteer-core):
// settings entered on the options page by label, the popup's draft → refinement, the in-page
// draft → refinement in a textarea through the real `commands` shortcut, and where keys live.
// One Firefox for the file; the tests run in order and build on the settings the first one saves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { terminateBackground } from './support/background-page';
import { panelSnapshot, panelStatus } from './support/overlay';
import { evaluateInChrome, pressOptimizeShortcut } from './support/chrome-keys';
import {
  DRAFT_KEY,
  enterAndSave,
  providerEntries,
  REFINEMENT_KEY,
  waitForSettingsLoaded,
} from './support/configure';
import {
  launchFirefox,
  openExtensionPage,
  sleep,
  waitFor,
  type FirefoxWithExtension,
} from './support/launch-firefox';
import { bodyText, byButton, byLabel, reloadAndWait, valueByLabel } from './support/page-helpers';

const DRAFT = 'Draft: write a haiku about autumn leaves in a quiet park.';
const REFINED =
  'Refined: you are a poet; write a 5-7-5 haiku about autumn leaves drifting in a quiet park at dusk.';
const ORIGINAL = 'haiku autumn leaves';

let firefox: FirefoxWithExtension;
let draftMock: MockProvider;
let refinementMock: MockProvider;
let pages: StaticServer;
let tabs = 0;

/**
 * Polls `read` every 20 ms until it returns `last`; returns the distinct values seen, in order.
 * `releaseOnDraft` lets a refinement held at the mock go once the draft has been seen, so the
 * draft's turn is observed however loaded the machine. The hold is taken before the click or
 * shortcut: taken here, the refinement request could already have passed it.
 */
async function valuesUntil(
  what: string,
  read: () => Promise<string | null>,
  last: string,
  timeoutMs: number,
  releaseOnDraft: () => void,
): Promise<string[]> {
  const seen: string[] = [];
  try {
    await waitFor(
      what,
      async () => {
        const value = await read();
        if (value !== null && value !== seen.at(-1)) seen.push(value);
        if (value === DRAFT) releaseOnDraft();
        return value === last;
      },
      timeoutMs,
      20,
    );
  } finally {
    releaseOnDraft();
  }
  return seen;
}

function assertDraftThenRefined(seen: string[]): void {
  const draftAt = seen.indexOf(DRAFT);
  const refinedAt = seen.indexOf(REFINED);
  assert.ok(draftAt >= 0, `the draft was shown; values seen: ${JSON.stringify(seen)}`);
  assert.ok(refinedAt > draftAt, `the refinement came after the draft: ${JSON.stringify(seen)}`);
}

function chatRequests(mock: MockProvider) {
  return mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
}

async function openTextarea(): Promise<Page> {
  const page: Page = await firefox.browser.newPage();
  // A fragment of its own: the support code finds a tab by its exact URL (page.url()).
  await page.goto(`${pages.url}/textarea.html#tab-${(tabs += 1)}`);
  await waitFor('the fixture', () => page.evaluate(() => '__fixture' in window));
  await page.bringToFront();
  await page.click('#editor');
  return page;
}

function textareaValue(page: Page): Promise<string> {
  return page.$eval('#editor', (el) => (el as HTMLTextAreaElement).value);
}

// node:test's describe/it return promises the runner itself awaits.
void describe('Prompt Relay in Firefox ESR', () => {
  before(async () => {
    [draftMock, refinementMock, pages] = await Promise.all([
      startMockProvider({ scenario: { reply: DRAFT, firstTokenMs: 80, tokensPerSecond: 200 } }),
      startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 1500, tokensPerSecond: 200 } }),
      startStaticServer(),
    ]);
    firefox = await launchFirefox();
  });

  after(async () => {
    await firefox?.close();
    await Promise.all([draftMock?.close(), refinementMock?.close(), pages?.close()]);
  });

  void it('the options page saves providers entered by label; after a reload they are still shown', async () => {
    const options = await openExtensionPage(firefox.browser, 'options.html');
    await waitForSettingsLoaded(options);
    await enterAndSave(options, providerEntries(draftMock, refinementMock));

    await reloadAndWait(options);
    await waitFor(
      'the settings to load again',
      async () => !(await bodyText(options)).includes('Loading settings'),
    );
    assert.equal(await valueByLabel(options, 'Draft base URL'), `${draftMock.url}/openai/v1`);
    assert.equal(await valueByLabel(options, 'Draft model'), 'llama-3.1-8b-instant');
    assert.equal(await valueByLabel(options, 'Refinement base URL'), `${refinementMock.url}/v1`);
    assert.equal(await valueByLabel(options, 'Refinement model'), 'gpt-4o-mini');
    // Keys are never shown again, only as "saved … ending in <last 4>".
    assert.equal(await valueByLabel(options, 'Draft API key'), '');
    assert.equal(await valueByLabel(options, 'Refinement API key'), '');
    const text = await bodyText(options);
    // Firefox words, not Chrome's: the shortcut as bound, and Firefox's own place to change it.
    assert.ok(
      text.includes('Press Alt+Shift+O in any text field to optimize what you typed.'),
      text,
    );
    assert.ok(!/chrome/i.test(text), `no Chrome words in Firefox: ${text}`);
    assert.match(
      text,
      new RegExp(`Saved key for 127\\.0\\.0\\.1\\S* ending in ${DRAFT_KEY.slice(-4)}`),
    );
    assert.match(
      text,
      new RegExp(`Saved key for 127\\.0\\.0\\.1\\S* ending in ${REFINEMENT_KEY.slice(-4)}`),
    );
    await (await byButton(options, 'Change shortcut')).click();
    await waitFor('about:addons to open at the shortcuts view', async () =>
      String(
        await evaluateInChrome(
          firefox.browser,
          `gBrowser.browsers.map((b) => b.currentURI.spec).join(' ')`,
        ),
      ).includes('about:addons'),
    );
    await options.close();
  });

  void it('no key is in storage.local or storage.sync, which Firefox content scripts can read', async () => {
    const options = await openExtensionPage(firefox.browser, 'options.html');
    const stored = await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser: WebExtensionApi }).browser;
      return JSON.stringify([await api.storage.local.get(null), await api.storage.sync.get(null)]);
    });
    assert.ok(stored.includes('llama-3.1-8b-instant'), `settings are in storage.sync: ${stored}`);
    assert.ok(!stored.includes(DRAFT_KEY) && !stored.includes(REFINEMENT_KEY), stored);
    assert.ok(
      !stored.includes(DRAFT_KEY.slice(4, -4)) && !stored.includes(REFINEMENT_KEY.slice(3, -4)),
      stored,
    );
    await options.close();
  });

  void it('the popup shows the draft, then the refinement; each provider got one request with its key', async () => {
    draftMock.reset();
    refinementMock.reset();
    const popup = await openExtensionPage(firefox.browser, 'popup.html');
    const prompt = await byLabel(popup, 'Prompt');
    await prompt.focus();
    await popup.keyboard.type(ORIGINAL);
    const release = refinementMock.hold();
    await (await byButton(popup, 'Optimize')).click();
    const seen = await valuesUntil(
      'the refinement in the popup',
      () =>
        popup.evaluate(() => {
          const label = [...document.querySelectorAll('label')].find(
            (el) => el.textContent?.trim() === 'Optimized prompt',
          );
          const box = label
            ? (document.getElementById(label.htmlFor) as HTMLTextAreaElement | null)
            : null;
          return box ? box.value : null;
        }),
      REFINED,
      15_000,
      release,
    );
    assertDraftThenRefined(seen);
    // The status says "Refined!" at the request's end, a moment after the text is in the box.
    await waitFor('the Refined status', async () =>
      /Refined! Quality score: \d+%/.test(await bodyText(popup)),
    );
    assert.deepEqual(
      chatRequests(draftMock).map((r) => r.authorization),
      [`Bearer ${DRAFT_KEY}`],
    );
    assert.deepEqual(
      chatRequests(refinementMock).map((r) => r.authorization),
      [`Bearer ${REFINEMENT_KEY}`],
    );
    await popup.close();
  });

  void it('the History page lists the popup optimization, and the Dashboard draws its charts', async () => {
    const history = await openExtensionPage(firefox.browser, 'prompt-history.html');
    await waitFor('the popup optimization in the History', async () => {
      const text = await bodyText(history);
      return text.includes(ORIGINAL) && text.includes('Popup') && text.includes('Refined');
    });
    await history.close();
    const dashboard = await openExtensionPage(firefox.browser, 'dashboard.html');
    await waitFor('the dashboard figures', async () =>
      /Requests\s*1\b/.test(await bodyText(dashboard)),
    );
    // The charts draw in an effect after the figures are on the page.
    await waitFor('a chart has pixels', () =>
      dashboard.evaluate(() =>
        [...document.querySelectorAll('canvas')].some((canvas) => {
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          return data.some((value, i) => i % 4 === 3 && value > 0);
        }),
      ),
    );
    await dashboard.close();
  });

  void it('Alt+Shift+O in a textarea: the draft, then the refinement; Ctrl+Z steps back to the original', async () => {
    draftMock.reset();
    refinementMock.reset();
    const page = await openTextarea();
    try {
      await page.keyboard.type(ORIGINAL);
      const value = () => page.$eval('#editor', (el) => (el as HTMLTextAreaElement).value);
      assert.equal(await value(), ORIGINAL);

      // The same keys from the driver reach the page (content process) but not `commands`: nothing.
      await page.keyboard.down('Alt');
      await page.keyboard.down('Shift');
      await page.keyboard.press('O');
      await page.keyboard.up('Shift');
      await page.keyboard.up('Alt');
      await sleep(700);
      assert.equal(await value(), ORIGINAL);
      assert.equal(chatRequests(draftMock).length, 0, 'driver keys do not start an optimization');

      const release = refinementMock.hold();
      await pressOptimizeShortcut(firefox.browser);
      const seen = await valuesUntil(
        'the refinement in the textarea',
        value,
        REFINED,
        15_000,
        release,
      );
      if (process.env.DEBUG_FIREFOX_TESTS) console.log(JSON.stringify(seen));
      assertDraftThenRefined(seen);
      assert.equal(seen[0], ORIGINAL, `nothing else was written first: ${JSON.stringify(seen)}`);
      assert.equal(chatRequests(draftMock).length, 1);
      assert.equal(chatRequests(refinementMock).length, 1);

      await sleep(300);
      const undo = async () => {
        await page.keyboard.down('Control');
        await page.keyboard.press('z');
        await page.keyboard.up('Control');
      };
      await undo();
      await waitFor(
        'Ctrl+Z to bring the draft back',
        async () => (await value()) === DRAFT,
        15_000,
      );
      await undo();
      await waitFor(
        'Ctrl+Z to bring the original back',
        async () => (await value()) === ORIGINAL,
        15_000,
      );
    } finally {
      await page.close();
    }
  });
  // Firefox's MV3 background is an event page that Firefox stops after 30 s without extension
  // events (extensions.background.idle.timeout). Measured: with the Port's keep-alive beat
  // (port-server.ts KEEP_ALIVE_MS) turned off, this refinement never arrived.
  void it('a refinement whose first token comes 35 s later, past the event page idle time, still replaces the draft', async () => {
    draftMock.reset();
    refinementMock.reset({ firstTokenMs: 35_000 });
    const page = await openTextarea();
    try {
      await page.keyboard.type('haiku autumn leaves, the slow one');
      // Held until the draft is seen, after `started`: its 35 s count from then.
      const release = refinementMock.hold();
      await pressOptimizeShortcut(firefox.browser);
      await waitFor('the draft', async () => (await textareaValue(page)) === DRAFT, 15_000);
      const started = Date.now();
      const seen = await valuesUntil(
        'the late refinement',
        () => textareaValue(page),
        REFINED,
        60_000,
        release,
      );
      assert.deepEqual(seen, [DRAFT, REFINED], 'the draft stayed until the refinement replaced it');
      assert.ok(Date.now() - started > 30_000, 'the refinement came after the idle time');
      assert.equal(chatRequests(refinementMock).length, 1, 'one refinement request, not a retry');
    } finally {
      await page.close();
    }
  });

  void it('when Firefox stops the background mid-refinement, the draft stays in the field and the next press works', async () => {
    draftMock.reset();
    refinementMock.reset({ firstTokenMs: 20_000 });
    const page = await openTextarea();
    try {
      await page.keyboard.type('haiku autumn leaves, the stopped one');
      await pressOptimizeShortcut(firefox.browser);
      await waitFor('the draft', async () => (await textareaValue(page)) === DRAFT, 15_000);
      await waitFor('the refinement request', () => chatRequests(refinementMock).length === 1);
      // What about:debugging's "Terminate background script" and the idle timer both call.
      assert.equal(await terminateBackground(firefox), 'stopped');
      await waitFor('the panel to say the refinement was interrupted', async () =>
        (await panelStatus(firefox.browser, page.url())).includes(
          'The refinement was interrupted — the draft is kept. Retry to refine again.',
        ),
      );
      assert.ok((await panelSnapshot(firefox.browser, page.url()))?.buttons.includes('Retry'));
      assert.equal(await textareaValue(page), DRAFT, 'the draft is kept');

      // The next press wakes the event page up and optimizes what is in the field now.
      refinementMock.reset();
      draftMock.reset();
      await page.click('#editor');
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.type('haiku autumn leaves, once more');
      const release = refinementMock.hold();
      await pressOptimizeShortcut(firefox.browser);
      const seen = await valuesUntil(
        'the refinement after a restart',
        () => textareaValue(page),
        REFINED,
        15_000,
        release,
      );
      assertDraftThenRefined(seen);
    } finally {
      await page.close();
    }
  });
});
