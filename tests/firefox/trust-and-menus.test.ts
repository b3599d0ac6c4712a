// The Firefox build in a real Firefox ESR (headless, WebDriver BiDi through puppeteer-core): the
// browser's own page context menu, a fallback when either stage fails (with the panel's words), and
// the trust checks where Firefox differs from Chromium (content scripts can read storage.local and
// storage.sync there, and `setAccessLevel` does not exist). One Firefox for the file; providers
// are entered once on the options page, by label. Tests run in order and each opens its own tab.
//
// How the parts no page can reach are reached (each measured in Firefox ESR 153, see the support
// files): the context menu is opened and clicked in the parent process (context-menu.ts); the
// panel's closed shadow root is read from a privileged frame script (overlay.ts); code runs in the
// extension's real content-script sandbox through Firefox's ExtensionContent module
// (content-script.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { evaluateInChrome, pressOptimizeShortcut } from './support/chrome-keys';
import { inContentScript } from './support/content-script';
import { chooseContextMenuItem, openContextMenuAt } from './support/context-menu';
import {
  launchFirefox,
  openExtensionPage,
  sleep,
  waitFor,
  type FirefoxWithExtension,
} from './support/launch-firefox';
import { saveMockProviders, saveOptions } from './support/options-form';
import { panelSnapshot, panelStatus } from './support/overlay';
import { bodyText } from './support/page-helpers';
import { selectionMidpoint, selectWithKeyboard } from './support/selection';

const ADDON_ID = 'prompt-relay@prompt-relay.dev';
/** The menu item's title (lib/background/in-page-triggers.ts createContextMenu). */
const MENU_ITEM = 'Optimize prompt';
const DRAFT_KEY = 'gsk_firefox_trust_draft_q7w3';
const REFINEMENT_KEY = 'sk-firefox-trust-refinement-z5v8';
/** Draft stage timeout: ample for a local mock on a busy shared machine, short enough to wait out. */
const DRAFT_TIMEOUT_MS = 3000;
const DRAFT = 'Draft: a haiku about autumn leaves.';
const REFINED = 'Refined: write a 5-7-5 haiku about autumn leaves at dusk.';
const KEEP_BEFORE = 'Keep this. ';
const SELECTED = 'Fix me please.';
const KEEP_AFTER = ' Keep that.';
const REFINED_STATUS = /^Refined! Quality score: \d+%$/;

let firefox: FirefoxWithExtension;
let draftMock: MockProvider;
let refinementMock: MockProvider;
let pages: StaticServer;
let tabs = 0;

function chatRequests(mock: MockProvider) {
  return mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
}

function allRequests(): number {
  return draftMock.requests.length + refinementMock.requests.length;
}

function resetMocks(): void {
  draftMock.reset();
  refinementMock.reset();
}

interface Fixture {
  page: Page;
  /** The tab's exact URL (a unique fragment per tab: the support code finds tabs by it). */
  url: string;
  /** The editor's own model, as the fixture reads it. */
  text(): Promise<string>;
}

/**
 * `triggerScript: false` where the extension's always-on script is not expected in the page (no
 * access to its site); otherwise it is waited for, as a user's page has it before they act.
 */
async function openFixture(
  name: string,
  origin = pages.url,
  { triggerScript = true } = {},
): Promise<Fixture> {
  const page = await firefox.browser.newPage();
  const url = `${origin}/${name}.html#tab-${(tabs += 1)}`;
  await page.goto(url);
  await waitFor(`the ${name} fixture`, () => page.evaluate(() => '__fixture' in window));
  if (triggerScript) {
    await waitFor('the trigger script in the tab', () =>
      inContentScript<boolean>(
        firefox.browser,
        url,
        ADDON_ID,
        "Boolean(globalThis[Symbol.for('prompt-relay')]?.triggersInstalled)",
      ).catch(() => false),
    );
  }
  await page.bringToFront();
  const text = () =>
    page.evaluate(() =>
      (window as unknown as { __fixture: { getText(): string } }).__fixture.getText(),
    );
  return { page, url, text };
}

interface Seen {
  /** Distinct field texts, in order. */
  field: string[];
  /** Distinct panel status lines, in order ('' while there is no panel). */
  status: string[];
}

/**
 * Samples the field and the panel's status every 25 ms until `done` holds for the latest
 * samples; returns the distinct values seen. The field is read first: the panel can say the
 * outcome a moment before the field shows it.
 */
async function watch(
  fixture: Fixture,
  done: (field: string, status: string) => boolean,
  what: string,
  timeoutMs = 15_000,
  /** A refinement held at the mock, let go once the step before it has been seen. */
  held?: { release: () => void; when: (field: string, status: string) => boolean },
): Promise<Seen> {
  const seen: Seen = { field: [], status: [] };
  const note = (list: string[], value: string) => {
    if (list.at(-1) !== value) list.push(value);
  };
  await waitFor(
    what,
    async () => {
      const field = await fixture.text();
      const status = await panelStatus(firefox.browser, fixture.url);
      note(seen.field, field);
      note(seen.status, status);
      if (held?.when(field, status)) held.release();
      return done(field, status);
    },
    timeoutMs,
    25,
  )
    .catch((error: Error) => {
      throw new Error(`${error.message}\nseen: ${JSON.stringify(seen)}`);
    })
    .finally(() => held?.release());
  return seen;
}

/** The panel says the draft is in and the refinement is coming. */
const draftShown = (_field: string, status: string) =>
  status.includes('Draft ready! Refining in background…');

/**
 * The draft in place of the selection, whole, and the panel saying so: the panel can say it while
 * the field's sample is still partial, and the whole draft must be seen before the refinement.
 */
const wholeDraftShown = (field: string, status: string) =>
  field === `${KEEP_BEFORE}${DRAFT}${KEEP_AFTER}` && draftShown(field, status);

/** Right-clicks the middle of the current selection and chooses the extension's item. */
async function optimizeSelectionFromMenu(fixture: Fixture, expectSelected: string): Promise<void> {
  const at = await selectionMidpoint(fixture.page);
  assert.equal(at.text, expectSelected, 'the keyboard selected the words to optimize');
  const labels = await openContextMenuAt(firefox.browser, fixture.url, at.x, at.y);
  assert.ok(labels.includes(MENU_ITEM), `the page's context menu offers it: ${labels.join(', ')}`);
  // Opening the menu neither optimizes nor loses the selection.
  assert.equal(allRequests(), 0);
  assert.equal((await selectionMidpoint(fixture.page)).text, expectSelected);
  await chooseContextMenuItem(firefox.browser, MENU_ITEM);
}

/**
 * The field's texts over one optimization: `original`, then the draft streaming in (growing
 * prefixes of it) up to the whole draft, then `refined` when given; `before` and `after` (the
 * text around the selection) unchanged in every one of them. With `folds` (plain
 * contenteditable), the streamed pieces are taken back with the field's undo before the whole
 * draft goes in, so the original may show again at any point; nothing else may.
 */
function assertStages(
  values: string[],
  stages: {
    original: string;
    draft: string;
    refined?: string;
    before?: string;
    after?: string;
    folds?: boolean;
  },
): void {
  const { before = '', after = '' } = stages;
  const shown = JSON.stringify(values);
  const all = values.map((value) => {
    assert.ok(value.startsWith(before) && value.endsWith(after), `the rest is intact: ${shown}`);
    return value.slice(before.length, value.length - after.length);
  });
  // Where the fold shows the original again it is left out; the values around it count once.
  const middles = stages.folds
    ? all
        .filter((middle, i) => i === 0 || middle !== stages.original)
        .filter((middle, i, kept) => i === 0 || middle !== kept[i - 1])
    : all;
  assert.equal(middles[0], stages.original, shown);
  const draftAt = middles.indexOf(stages.draft);
  assert.ok(draftAt > 0, `the whole draft was shown: ${shown}`);
  for (const streamed of middles.slice(1, draftAt)) {
    // A contenteditable holds a space at the end of its text as U+00A0 until more text follows.
    const text = streamed.replace(/\u00a0/g, ' ');
    assert.ok(text && stages.draft.startsWith(text), `the draft streamed in: ${shown}`);
  }
  const rest = middles.slice(draftAt + 1);
  assert.deepEqual(rest, stages.refined === undefined ? [] : [stages.refined], shown);
}

/** Everything the draft provider was sent for its first request, as one string. */
function sentToDraft(): string {
  return JSON.stringify(chatRequests(draftMock)[0]?.body?.messages ?? []);
}

void describe('Prompt Relay in Firefox ESR: context menu, fallbacks, trust', () => {
  before(async () => {
    [draftMock, refinementMock, pages] = await Promise.all([
      startMockProvider({ scenario: { reply: DRAFT, firstTokenMs: 80, tokensPerSecond: 200 } }),
      startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 1200, tokensPerSecond: 200 } }),
      startStaticServer(),
    ]);
    firefox = await launchFirefox();
    await saveMockProviders(firefox.browser, {
      draftUrl: draftMock.url,
      refinementUrl: refinementMock.url,
      draftKey: DRAFT_KEY,
      refinementKey: REFINEMENT_KEY,
      draftTimeoutMs: DRAFT_TIMEOUT_MS,
    });
  });

  after(async () => {
    await firefox?.close();
    await Promise.all([draftMock?.close(), refinementMock?.close(), pages?.close()]);
  });

  for (const name of ['textarea', 'contenteditable'] as const) {
    void it(`${name}: "Optimize prompt" from the page's context menu replaces only the selection, with the draft then the refinement`, async () => {
      resetMocks();
      const fixture = await openFixture(name);
      await fixture.page.click('#editor');
      await fixture.page.keyboard.type(`${KEEP_BEFORE}${SELECTED}${KEEP_AFTER}`);
      await selectWithKeyboard(fixture.page, KEEP_BEFORE.length, SELECTED.length);

      const release = refinementMock.hold();
      await optimizeSelectionFromMenu(fixture, SELECTED);
      const seen = await watch(
        fixture,
        (field, status) =>
          field === `${KEEP_BEFORE}${REFINED}${KEEP_AFTER}` && REFINED_STATUS.test(status),
        'the refinement in place of the selection',
        15_000,
        { release, when: wholeDraftShown },
      );
      // The selection became the draft, then the refinement; the rest never changed.
      assertStages(seen.field, {
        original: SELECTED,
        draft: DRAFT,
        refined: REFINED,
        before: KEEP_BEFORE,
        after: KEEP_AFTER,
        folds: name === 'contenteditable',
      });
      assert.ok(
        seen.status.includes('Draft ready! Refining in background…'),
        seen.status.join(' | '),
      );
      // Only the selection went to the providers, each with its own key.
      assert.ok(sentToDraft().includes(SELECTED), sentToDraft());
      assert.ok(!sentToDraft().includes('Keep this') && !sentToDraft().includes('Keep that'));
      assert.deepEqual(
        chatRequests(draftMock).map((r) => r.authorization),
        [`Bearer ${DRAFT_KEY}`],
      );
      assert.deepEqual(
        chatRequests(refinementMock).map((r) => r.authorization),
        [`Bearer ${REFINEMENT_KEY}`],
      );
      await fixture.page.close();
    });
  }

  void it("selected page text longer than Firefox's menu copy of it: the whole selection is optimized and offered to copy", async () => {
    resetMocks();
    const fixture = await openFixture('textarea');
    // 18,000 characters: under the product's 20,000 limit, over the 16,384 Firefox's menu
    // passes to the extension as `selectionText` (measured).
    const words: string[] = [];
    for (let i = 0; words.join(' ').length < 18_000; i += 1) words.push(`word${i}`);
    const long = `${words.join(' ')} THE END`;
    const at = await fixture.page.evaluate((text) => {
      const paragraph = document.createElement('p');
      paragraph.id = 'long';
      paragraph.textContent = text;
      document.body.prepend(paragraph);
      // What a user's drag over the paragraph selects.
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      const box = range.getClientRects()[0]!;
      return { x: box.left + 10, y: box.top + box.height / 2, selected: String(getSelection()) };
    }, long);
    assert.equal(at.selected, long);
    const labels = await openContextMenuAt(firefox.browser, fixture.url, at.x, at.y);
    assert.ok(labels.includes(MENU_ITEM), labels.join(', '));
    await chooseContextMenuItem(firefox.browser, MENU_ITEM);

    await waitFor('the refinement offered in the panel', async () => {
      const panel = await panelSnapshot(firefox.browser, fixture.url);
      return panel?.preview === REFINED && REFINED_STATUS.test(panel.status);
    });
    const panel = await panelSnapshot(firefox.browser, fixture.url);
    assert.ok(panel?.buttons.includes('Copy'), JSON.stringify(panel));
    assert.ok(!panel?.buttons.includes('Restore original'), JSON.stringify(panel));
    const sent = JSON.stringify(chatRequests(draftMock)[0]?.body?.messages ?? []);
    assert.ok(sent.includes(long), `the whole selection was sent (${sent.length} characters)`);
    assert.equal(await fixture.text(), '', 'no field changed');
    await fixture.page.close();
  });

  void it('the draft provider hangs past its timeout: the refinement alone lands in the field, and the panel says why', async () => {
    resetMocks();
    draftMock.setScenario({ failure: { kind: 'hang', times: 1 } });
    const fixture = await openFixture('textarea');
    const original = 'haiku autumn leaves';
    await fixture.page.click('#editor');
    await fixture.page.keyboard.type(original);
    // No selection: the menu's "editable" context, so the whole field is the prompt.
    const box = await fixture.page.$eval('#editor', (el) => {
      const rect = el.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    const labels = await openContextMenuAt(firefox.browser, fixture.url, box.x, box.y);
    assert.ok(labels.includes(MENU_ITEM), labels.join(', '));
    const release = refinementMock.hold();
    await chooseContextMenuItem(firefox.browser, MENU_ITEM);

    const seen = await watch(
      fixture,
      (field, status) => field === REFINED && REFINED_STATUS.test(status),
      'the refinement alone in the field',
      15_000,
      { release, when: (_field, status) => status.includes('Optimizing in one stage…') },
    );
    const host = new URL(draftMock.url).host;
    const why = `${host} did not answer after ${DRAFT_TIMEOUT_MS / 1000} seconds. Try again, or raise the Draft timeout in settings.`;
    assert.deepEqual(seen.field, [original, REFINED], 'no draft was ever written');
    assert.ok(
      seen.status.includes(`${why} Optimizing in one stage…`),
      `the panel said why it went on in one stage: ${seen.status.join(' | ')}`,
    );
    const snapshot = await panelSnapshot(firefox.browser, fixture.url);
    assert.ok(snapshot?.buttons.includes('Restore original'), JSON.stringify(snapshot));
    assert.equal(chatRequests(draftMock).length, 1);
    await waitFor(
      'the hanging draft request to be given up',
      () => chatRequests(draftMock)[0]?.aborted,
    );
    assert.equal(chatRequests(refinementMock).length, 1);
    await fixture.page.close();
  });

  void it('the refinement provider fails: the draft stays in the field, and the panel says so', async () => {
    resetMocks();
    refinementMock.setScenario({ failure: { kind: 'status', status: 500 } });
    const fixture = await openFixture('textarea');
    await fixture.page.click('#editor');
    await fixture.page.keyboard.type('haiku autumn leaves');
    await pressOptimizeShortcut(firefox.browser);

    const host = new URL(refinementMock.url).host;
    const words = `Refinement failed — the draft is kept. ${host} had a problem (HTTP 500). Try again shortly.`;
    const seen = await watch(fixture, (_field, status) => status === words, 'the failure words');
    assertStages(seen.field, { original: 'haiku autumn leaves', draft: DRAFT });
    await sleep(300);
    assert.equal(await fixture.text(), DRAFT, 'the draft is kept');
    const snapshot = await panelSnapshot(firefox.browser, fixture.url);
    assert.equal(snapshot?.status, words);
    assert.ok(snapshot?.buttons.includes('Retry'), JSON.stringify(snapshot));
    assert.ok(snapshot?.buttons.includes('Restore original'), JSON.stringify(snapshot));
    await fixture.page.close();
  });

  void it("a page's forged Alt+Shift+O, contextmenu and postMessage start nothing, and its forged clicks cannot drive the panel", async () => {
    resetMocks();
    const fixture = await openFixture('textarea');
    // The field focused by the page, not by the user's click: the user's focus in a field on a
    // site used before may warm the connection (or not: the background warms an origin once a
    // minute), at a time no wait can bound. The user's typing is trusted input and warms nothing.
    await fixture.page.evaluate(() => document.querySelector<HTMLElement>('#editor')!.focus());
    await waitFor('the field focused, in a focused page', () =>
      fixture.page.evaluate(() => document.hasFocus() && document.activeElement?.id === 'editor'),
    );
    await fixture.page.keyboard.type('a cat surfing at sunset');
    resetMocks();

    // The page's own script, with the field focused and its text selected.
    const forged = await fixture.page.evaluate(async () => {
      const field = document.querySelector<HTMLTextAreaElement>('#editor')!;
      field.focus();
      field.select();
      const heard: string[] = [];
      for (const type of ['keydown', 'contextmenu']) {
        document.addEventListener(type, (event) => heard.push(`${type}:${event.isTrusted}`), true);
      }
      // The shortcut's modifiers held (the user's would warm the connection), then its letter.
      for (const key of ['Alt', 'Shift', 'O', 'Ø', 'o']) {
        for (const type of ['keydown', 'keypress', 'keyup']) {
          field.dispatchEvent(
            new KeyboardEvent(type, {
              key,
              code: 'KeyO',
              keyCode: 79,
              altKey: true,
              shiftKey: true,
              bubbles: true,
              cancelable: true,
              composed: true,
            }),
          );
        }
      }
      const box = field.getBoundingClientRect();
      field.dispatchEvent(
        new MouseEvent('contextmenu', {
          bubbles: true,
          cancelable: true,
          composed: true,
          button: 2,
          clientX: box.left + 20,
          clientY: box.top + 10,
        }),
      );
      // Messages shaped like the extension's own: the trigger, a start, an insert.
      const messages = [
        { type: 'trigger', source: 'command', mode: 'general' },
        { type: 'trigger', source: 'context-menu', mode: 'general', selectionText: 'x' },
        { type: 'start', request: { prompt: 'a cat surfing at sunset', mode: 'general' } },
        { type: 'insert-text', text: 'FORGED' },
        { type: 'insert-into-page', text: 'FORGED' },
      ];
      for (const message of messages) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
        document.dispatchEvent(new CustomEvent('prompt-relay', { detail: message }));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return heard;
    });
    // The page's events were dispatched (and untrusted), and reached the page's listeners.
    assert.ok(
      forged.includes('keydown:false') && forged.includes('contextmenu:false'),
      forged.join(),
    );
    const menuState = await evaluateInChrome(
      firefox.browser,
      `document.getElementById('contentAreaContextMenu').state`,
    );
    assert.equal(menuState, 'closed', "a forged contextmenu does not open the browser's menu");
    await sleep(1500);
    assert.equal(allRequests(), 0, 'no request reached the providers');
    assert.equal(draftMock.warmups + refinementMock.warmups, 0, 'not even a connection warm-up');
    assert.equal(await fixture.text(), 'a cat surfing at sunset');
    assert.equal(
      await fixture.page.evaluate(() => document.querySelectorAll('prompt-relay-overlay').length),
      0,
      'no panel',
    );

    // Now a real optimization, by the user's shortcut: a panel to aim at.
    await pressOptimizeShortcut(firefox.browser);
    await watch(
      fixture,
      (field, status) => field === REFINED && REFINED_STATUS.test(status),
      'the refinement',
    );
    assert.equal(allRequests(), 2);
    const reach = await fixture.page.evaluate(async () => {
      const host = document.querySelector<HTMLElement>('prompt-relay-overlay')!;
      const seen = {
        shadowRootIsNull: host.shadowRoot === null,
        // Firefox's privileged reader of closed roots (content scripts have it; pages must not).
        openOrClosed: typeof (host as { openOrClosedShadowRoot?: unknown }).openOrClosedShadowRoot,
        text: `${host.textContent ?? ''}|${host.innerText}`,
        relayGlobal: typeof (window as unknown as Record<symbol, unknown>)[
          Symbol.for('prompt-relay')
        ],
        hitPanel: false,
      };
      // Whatever the page finds anywhere on screen: where the panel is drawn, that is its host.
      const targets = new Set<Element>([host]);
      for (let x = 2; x < innerWidth; x += 16) {
        for (let y = 2; y < innerHeight; y += 10) {
          const under = document.elementFromPoint(x, y);
          if (under === host) seen.hitPanel = true;
          if (under) targets.add(under);
        }
      }
      for (const target of targets) {
        if (target === document.querySelector('#editor')) continue;
        for (const type of ['input', 'change']) {
          target.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
        }
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
          target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, button: 0 }));
        }
        if (target instanceof HTMLElement) target.click();
        target.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      return seen;
    });
    assert.equal(reach.shadowRootIsNull, true);
    assert.equal(reach.openOrClosed, 'undefined');
    assert.ok(!reach.text.includes('Refined!') && !reach.text.includes('Restore original'));
    assert.equal(
      reach.relayGlobal,
      'undefined',
      "the content scripts' shared object is not the page's",
    );
    assert.equal(reach.hitPanel, true, 'the page found the panel on screen (its host)');
    await sleep(1000);
    assert.equal(allRequests(), 2, 'no request was added');
    assert.equal(await fixture.text(), REFINED, 'Restore original was not clicked');
    const snapshot = await panelSnapshot(firefox.browser, fixture.url);
    assert.match(snapshot?.status ?? '', REFINED_STATUS, 'the panel is still there, unchanged');
    assert.equal(snapshot?.mode, 'general');
    await fixture.page.close();
  });

  void it('no key is anywhere a Firefox content script can read, and the extension-page messages are refused to it', async () => {
    resetMocks();
    const fixture = await openFixture('textarea');
    await fixture.page.click('#editor');
    await fixture.page.keyboard.type('my own words');

    // In the extension's real content-script sandbox of this tab.
    const read = await inContentScript<Record<string, unknown>>(
      firefox.browser,
      fixture.url,
      ADDON_ID,
      `(async () => {
        const out = { areas: {}, messages: {} };
        // The same object the trigger script keeps: this is its context.
        out.isTriggerContext = Boolean(globalThis[Symbol.for('prompt-relay')]?.triggersInstalled);
        for (const area of ['local', 'sync', 'session']) {
          const api = chrome.storage[area];
          if (!api) { out.areas[area] = 'absent'; continue; }
          try { out.areas[area] = await api.get(null); } catch (error) { out.areas[area] = 'failed: ' + error; }
        }
        out.setAccessLevel = typeof chrome.storage.local.setAccessLevel;
        const asks = [
          { type: 'key-status' },
          { type: 'test-connection', stage: 'draft' },
          { type: 'list-models', stage: 'draft' },
          { type: 'save-key', stage: 'draft', key: 'gsk_planted_by_a_page_0000' },
          { type: 'rebind-key', stage: 'draft', fromOrigin: 'http://127.0.0.1:1' },
          { type: 'forget-key', stage: 'refinement' },
          { type: 'clear-cache' },
          { type: 'insert-into-page', text: 'INJECTED BY A CONTENT SCRIPT' },
        ];
        for (const ask of asks) {
          try {
            const answer = await chrome.runtime.sendMessage(ask);
            out.messages[ask.type] = answer === undefined ? 'no answer' : answer;
          } catch (error) {
            out.messages[ask.type] = 'rejected: ' + error;
          }
        }
        // The control: a message content scripts may send is answered from the same context.
        out.loadFieldUi = await chrome.runtime.sendMessage({ type: 'load-field-ui' });
        out.pageOriginDatabases = (await indexedDB.databases()).map((db) => db.name);
        return out;
      })()`,
    );
    const dump = JSON.stringify(read);
    assert.equal(read.isTriggerContext, true, 'ran where the trigger script runs');
    const areas = read.areas as Record<string, unknown>;
    // Measured: Firefox content scripts read storage.local and storage.sync in full; storage.session
    // is not exposed to them; there is no setAccessLevel to close the others.
    assert.ok(
      JSON.stringify(areas.sync).includes('llama-3.1-8b-instant'),
      `sync is readable: ${dump}`,
    );
    assert.equal(typeof areas.local, 'object', dump);
    assert.equal(areas.session, 'absent', dump);
    assert.equal(read.setAccessLevel, 'undefined', dump);
    for (const secret of [DRAFT_KEY, REFINEMENT_KEY]) {
      assert.ok(!dump.includes(secret), `no key in what the content script got: ${dump}`);
      assert.ok(!dump.includes(secret.slice(-4)), `not even its last four characters: ${dump}`);
    }
    assert.equal(read.loadFieldUi, true, `a content script's own message is answered: ${dump}`);
    for (const [type, answer] of Object.entries(read.messages as Record<string, unknown>)) {
      assert.equal(answer, 'no answer', `${type} is for extension pages only: ${dump}`);
    }
    assert.ok(
      !(read.pageOriginDatabases as string[]).includes('prompt-relay'),
      `the page origin has no such database: ${dump}`,
    );
    // Nothing those messages asked for happened.
    await sleep(300);
    assert.equal(await fixture.text(), 'my own words');
    assert.equal(allRequests(), 0, 'no Test connection ran');
    const pageDatabases = await fixture.page.evaluate(async () =>
      (await indexedDB.databases()).map((db) => db.name),
    );
    assert.ok(!pageDatabases.includes('prompt-relay'), pageDatabases.join());

    // Watch storage from the content script while the user saves a key on the options page.
    await inContentScript(
      firefox.browser,
      fixture.url,
      ADDON_ID,
      // Firefox registers a content script's listener with the parent process by an async message;
      // a storage call goes the same ordered way, so once it answers the parent holds the listener.
      `(async () => {
        globalThis.seenChanges = [];
        chrome.storage.onChanged.addListener((changes, area) =>
          globalThis.seenChanges.push(area + ' ' + JSON.stringify(changes)));
        await chrome.storage.sync.get('settings');
        return true;
      })()`,
    );
    await saveOptions(firefox.browser, { 'Draft model': 'mock-model', 'Draft API key': DRAFT_KEY });
    // The change reaches the content script's process a moment after the options page wrote it.
    let changes: string[] = [];
    await waitFor('the content script to see the save', async () => {
      changes = await inContentScript<string[]>(
        firefox.browser,
        fixture.url,
        ADDON_ID,
        'globalThis.seenChanges',
      );
      if (changes.join().includes('mock-model')) return true;
      throw new Error(`seen so far: ${JSON.stringify(changes)}`);
    });
    assert.ok(
      !changes.join().includes(DRAFT_KEY) && !changes.join().includes('apiKey'),
      changes.join(),
    );

    // The keys are where they belong: the extension origin's IndexedDB, unchanged by the
    // content script's save-key and forget-key.
    const options = await openExtensionPage(firefox.browser, 'options.html');
    const secrets = await options.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('prompt-relay');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      try {
        const store = db.transaction('secrets').objectStore('secrets');
        // No named inner functions here: tsx would wrap them in a helper the page lacks.
        const [draft, refinement] = await Promise.all(
          ['draft', 'refinement'].map(
            (stage) =>
              new Promise<unknown>((resolve, reject) => {
                const request = store.get(stage);
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error ?? new Error('get failed'));
              }),
          ),
        );
        return { origin: location.origin, draft, refinement };
      } finally {
        db.close();
      }
    });
    assert.match(secrets.origin, /^moz-extension:\/\//);
    assert.deepEqual(
      { draft: secrets.draft, refinement: secrets.refinement },
      {
        draft: {
          apiKey: DRAFT_KEY,
          origin: draftMock.url,
          savedAt: (secrets.draft as { savedAt: number }).savedAt,
        },
        refinement: {
          apiKey: REFINEMENT_KEY,
          origin: refinementMock.url,
          savedAt: (secrets.refinement as { savedAt: number }).savedAt,
        },
      },
    );
    const savedKey = new RegExp(
      `Saved key for 127\\.0\\.0\\.1\\S* ending in ${DRAFT_KEY.slice(-4)}`,
    );
    await waitFor('the saved-key hint', async () => savedKey.test(await bodyText(options)));
    // And the extension's own storage areas hold no key either.
    const stored = await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser: WebExtensionApi }).browser;
      return JSON.stringify([
        await api.storage.local.get(null),
        await api.storage.sync.get(null),
        await api.storage.session.get(null),
      ]);
    });
    assert.ok(!stored.includes(DRAFT_KEY) && !stored.includes(REFINEMENT_KEY), stored);
    await options.close();
    await fixture.page.close();
  });
  // Last: it takes a permission away for the rest of this Firefox's life.
  void it('with access to all websites taken away, the context menu still optimizes a selection, through activeTab', async (t) => {
    // Pages from an origin no host permission covers: the manifest's loopback hosts are
    // 127.0.0.1 and localhost (for local providers), so the always-on script would still run there.
    let otherPages: StaticServer;
    try {
      otherPages = await startStaticServer({ host: '127.0.0.2' });
    } catch (error) {
      t.skip(`no 127.0.0.2 on this machine's loopback: ${String(error)}`);
      return;
    }
    try {
      resetMocks();
      // What the user's "Access your data for all websites" switch (about:addons) takes away.
      const options = await openExtensionPage(firefox.browser, 'options.html');
      const origins = await options.evaluate(async () => {
        const api = (globalThis as unknown as { browser: WebExtensionApi }).browser;
        await api.permissions.remove({ origins: ['<all_urls>'] });
        return (await api.permissions.getAll()).origins ?? [];
      });
      await options.close();
      assert.ok(!origins.includes('<all_urls>'), origins.join());

      const fixture = await openFixture('textarea', otherPages.url, { triggerScript: false });
      await assert.rejects(
        inContentScript(firefox.browser, fixture.url, ADDON_ID, 'true'),
        /no content-script context/,
        'the always-on script is not in this page',
      );
      await fixture.page.click('#editor');
      await fixture.page.keyboard.type(`${KEEP_BEFORE}${SELECTED}${KEEP_AFTER}`);
      await selectWithKeyboard(fixture.page, KEEP_BEFORE.length, SELECTED.length);
      const release = refinementMock.hold();
      await optimizeSelectionFromMenu(fixture, SELECTED);
      const seen = await watch(
        fixture,
        (field, status) =>
          field === `${KEEP_BEFORE}${REFINED}${KEEP_AFTER}` && REFINED_STATUS.test(status),
        'the refinement in place of the selection',
        15_000,
        { release, when: wholeDraftShown },
      );
      assertStages(seen.field, {
        original: SELECTED,
        draft: DRAFT,
        refined: REFINED,
        before: KEEP_BEFORE,
        after: KEEP_AFTER,
      });
      // The menu click's activeTab grant let the background inject the trigger script.
      assert.equal(
        await inContentScript(
          firefox.browser,
          fixture.url,
          ADDON_ID,
          `Boolean(globalThis[Symbol.for('prompt-relay')]?.runner)`,
        ),
        true,
      );
      assert.equal(chatRequests(draftMock).length, 1);
      assert.equal(chatRequests(refinementMock).length, 1);
      await fixture.page.close();
    } finally {
      await otherPages.close();
    }
  });
});
