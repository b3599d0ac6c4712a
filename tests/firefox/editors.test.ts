// In-field optimization in real editors in Firefox ESR, one editor per way text gets in
// (lib/field-adapters/editor-profiles.ts), plus plain contenteditable and Monaco: after the real
// `commands` shortcut, the editor's own model (`window.__fixture.getText()`) holds the original,
// then the draft (streamed where the editor's profile streams it), then the refinement; Ctrl+Z
// (driver keys, which reach the page) steps back to the draft, then to the original.
// One Firefox for the file; the providers are entered once on the options page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { pressOptimizeShortcut } from './support/chrome-keys';
import { configureProviders } from './support/configure';
import { launchFirefox, sleep, waitFor, type FirefoxWithExtension } from './support/launch-firefox';

const ORIGINAL = 'write a haiku about autumn';
/** Twelve words in two lines at 25 a second: ≈0.5 s of streaming, one word per SSE chunk. */
const DRAFT = 'Draft line one holds a few words.\nDraft line two holds some more.';
const REFINED = 'Refined line one.\nRefined line two.';
const DRAFT_SCENARIO = { reply: DRAFT, firstTokenMs: 50, tokensPerSecond: 25 };
/** After the draft is complete: long enough to see the draft in the field before it is replaced. */
const REFINEMENT_SCENARIO = { reply: REFINED, firstTokenMs: 700, tokensPerSecond: 200 };

const DEBUG = Boolean(process.env.DEBUG_FIREFOX_TESTS);

let firefox: FirefoxWithExtension;
let draftMock: MockProvider;
let refinementMock: MockProvider;
let pages: StaticServer;

interface FixtureWindow {
  __fixture?: { getText(): string };
}

interface EditorCase {
  /** The fixture page (tests/fixtures/pages). */
  page: string;
  /** How text gets in (editor-profiles.ts), for the test's name. */
  technique: string;
  /**
   * The draft streams into the field: a value that is a part of the draft must be seen in the
   * editor's model before the complete draft. False where it goes in whole.
   */
  streams: boolean;
  /**
   * Pause between typing and the shortcut, for editors that merge edits closer than their undo
   * grouping delay (ProseMirror-based 500 ms, Lexical 300 ms, Quill 1 s): the typed text and the
   * draft would otherwise undo together. A person pauses before a shortcut anyway.
   */
  settleMs?: number;
  /** Draft pacing other than DRAFT_SCENARIO's. */
  draftTokensPerSecond?: number;
  /** What the page must show before the shortcut (in the page: a function's source). */
  check?: { what: string; fn: () => boolean };
}

const CASES: EditorCase[] = [
  // Streamed with insertText; one undo step per chunk after a line break: folded.
  { page: 'contenteditable', technique: 'plain contenteditable: insertText', streams: true },
  // Written with paste, streamed with insertText (typed lines in Firefox), grouped by its history.
  { page: 'prosemirror', technique: 'paste', streams: true, settleMs: 1200 },
  // Written and streamed with insertText (typed lines in Firefox).
  { page: 'tiptap', technique: 'insertText', streams: true, settleMs: 1200 },
  // Written and streamed with paste, one undo step per chunk: folded.
  { page: 'lexical', technique: 'paste, streamed', streams: true, settleMs: 1200 },
  { page: 'milkdown', technique: 'paste-paragraphs', streams: false, settleMs: 1200 },
  // Its own clipboard format beside marked HTML paragraphs; a Firefox paste carries only the HTML.
  { page: 'blocknote', technique: 'paste-blocknote', streams: false, settleMs: 1200 },
  { page: 'slate', technique: 'beforeinput-paste', streams: true },
  // Streamed with insertText (typed lines in Firefox). Quill groups changes within 1 s of a
  // group's first one: a 1.5 s stream makes several undo steps, so only the fold keeps Ctrl+Z
  // from the draft going straight back to the original.
  {
    page: 'quill',
    technique: 'insertText, folded',
    streams: true,
    settleMs: 1200,
    draftTokensPerSecond: 8,
  },
  // Firefox has no EditContext: Monaco's `editContext: true` falls back to its textarea input.
  {
    page: 'monaco',
    technique: 'code editor: select all + paste',
    streams: false,
    check: {
      what: 'Monaco on its textarea input (no EditContext in Firefox)',
      fn: () =>
        !('EditContext' in window) &&
        document.querySelector('.native-edit-context') === null &&
        document.activeElement?.matches('.monaco-editor textarea.inputarea') === true,
    },
  },
];

/** A response held at a mock, let go once `when` holds for a value read. */
interface Held {
  release: () => void;
  when: (value: string) => boolean;
}

/**
 * Polls `read` every 15 ms until it returns `last`; returns the distinct values seen, in order.
 * Each of `held` (a draft held part-way, a refinement held back) is let go once the stage before
 * it has been seen, so every stage is observed however loaded the machine; all go at the end.
 */
async function valuesUntil(
  what: string,
  read: () => Promise<string>,
  last: string,
  timeoutMs = 15_000,
  held: Held[] = [],
): Promise<string[]> {
  const seen: string[] = [];
  try {
    await waitFor(
      what,
      async () => {
        const value = await read();
        if (value !== seen.at(-1)) seen.push(value);
        for (const { release, when } of held) if (when(value)) release();
        return value === last;
      },
      timeoutMs,
      15,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; values seen: ${JSON.stringify(seen)}`);
  } finally {
    for (const { release } of held) release();
  }
  return seen;
}

/** A part of the draft as the editor holds it mid-stream (a paragraph break may trail it). */
function isPartOfDraft(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed !== DRAFT && DRAFT.startsWith(trimmed);
}

async function openFixture(name: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.url}/${name}.html`);
  await waitFor(`the ${name} fixture`, () =>
    page.evaluate(() => Boolean((window as FixtureWindow).__fixture)),
  );
  await page.bringToFront();
  return page;
}

const modelText = (page: Page) =>
  page.evaluate(() => (window as FixtureWindow).__fixture!.getText());

function chatRequests(mock: MockProvider): number {
  return mock.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
}

async function pressUndo(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('z');
  await page.keyboard.up('Control');
}

// node:test's describe/it return promises the runner itself awaits.
void describe('In-field optimization in editors, Firefox ESR', () => {
  before(async () => {
    [draftMock, refinementMock, pages] = await Promise.all([
      startMockProvider({ scenario: DRAFT_SCENARIO }),
      startMockProvider({ scenario: REFINEMENT_SCENARIO }),
      startStaticServer(),
    ]);
    firefox = await launchFirefox();
    await configureProviders(firefox.browser, draftMock, refinementMock);
  });

  after(async () => {
    await firefox?.close();
    await Promise.all([draftMock?.close(), refinementMock?.close(), pages?.close()]);
  });

  for (const { page: name, technique, streams, settleMs, draftTokensPerSecond, check } of CASES) {
    void it(`${name} (${technique}): original → draft → refined in the model; Ctrl+Z → draft → original`, async () => {
      draftMock.reset({ ...DRAFT_SCENARIO, tokensPerSecond: draftTokensPerSecond ?? 25 });
      refinementMock.reset(REFINEMENT_SCENARIO);
      const page = await openFixture(name);
      try {
        await page.click('[data-testid="editor"]');
        await page.keyboard.type(ORIGINAL);
        await waitFor('the typed original', async () => (await modelText(page)) === ORIGINAL);
        if (check) assert.ok(await page.evaluate(check.fn), check.what);
        if (settleMs) await sleep(settleMs);

        // Where the draft streams, it stops part-way at the mock until a part of it is in the
        // model: a 15 ms poll need not land inside a ≈0.5 s stream on a loaded machine.
        const held: Held[] = [];
        if (streams) {
          held.push({ release: draftMock.hold({ afterChunks: 4 }), when: isPartOfDraft });
        }
        held.push({ release: refinementMock.hold(), when: (value) => value === DRAFT });
        await pressOptimizeShortcut(firefox.browser);
        const seen = await valuesUntil(
          'the refinement',
          () => modelText(page),
          REFINED,
          15_000,
          held,
        );
        if (DEBUG) console.log(name, JSON.stringify(seen));
        const shown = JSON.stringify(seen);
        assert.equal(seen[0], ORIGINAL, `the original first: ${shown}`);
        const draftAt = seen.indexOf(DRAFT);
        assert.ok(draftAt > 0, `the draft was in the model: ${shown}`);
        assert.equal(seen.indexOf(REFINED), seen.length - 1);
        // Nothing but the original, parts of the draft, the draft and the refinement: no text
        // doubled, lost or left behind.
        for (const value of seen) {
          assert.ok(
            [ORIGINAL, DRAFT, REFINED].includes(value) || isPartOfDraft(value),
            `unexpected model value ${JSON.stringify(value)}: ${shown}`,
          );
        }
        const parts = seen.slice(1, draftAt).filter(isPartOfDraft);
        if (streams) assert.ok(parts.length > 0, `the draft streamed in: ${shown}`);
        else assert.deepEqual(parts, [], `the draft went in whole: ${shown}`);
        assert.equal(chatRequests(draftMock), 1, 'one draft request');
        assert.equal(chatRequests(refinementMock), 1, 'one refinement request');

        await sleep(300);
        // Each press is one step: the model goes straight to the step's text and stays there.
        for (const [from, to] of [
          [REFINED, DRAFT],
          [DRAFT, ORIGINAL],
        ] as const) {
          await pressUndo(page);
          const step = await valuesUntil(
            `Ctrl+Z to bring back ${to}`,
            () => modelText(page),
            to,
            15_000,
          );
          assert.deepEqual(
            step.filter((value) => value !== from),
            [to],
            `one Ctrl+Z from ${JSON.stringify(from)}: ${JSON.stringify(step)}`,
          );
          await sleep(150);
          assert.equal(await modelText(page), to, 'nothing changed after the step');
        }
      } finally {
        await page.close();
      }
    });
  }
});
