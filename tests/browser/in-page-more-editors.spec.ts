// In-page optimization in more rich editors (CKEditor 5, Trix, BlockNote, Milkdown) and in two
// app composers whose Send button follows the app's own state: the draft lands in the editor's
// model (and the app's state), the refinement replaces it, and undo steps back
// refined → draft → original.
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { STATUS } from './support/overlay';
import { DRAFT, FixturePage, REFINED, sleep, type FixturePageName } from './support/page-fixture';

const ORIGINAL = 'write a haiku about autumn';

interface EditorCase {
  page: FixturePageName;
  /**
   * Pause between typing and the shortcut: ProseMirror-based editors (BlockNote, Milkdown, the
   * ChatGPT-style composer) merge edits closer than 500 ms into one undo step (measured: 300 ms
   * apart merged, 600 ms did not), so the typed text and the draft would undo together.
   */
  settleMs?: number;
  /** The page has a Send button that its app enables only when its own state holds text. */
  send?: boolean;
}

const CASES: EditorCase[] = [
  // CKEditor and Trix never merge two pastes, nor a paste with the typing before it.
  { page: 'ckeditor5' },
  { page: 'trix' },
  { page: 'blocknote', settleMs: 1200 },
  { page: 'milkdown', settleMs: 1200 },
  { page: 'chatgpt-composer', settleMs: 1200, send: true },
  { page: 'linkedin-composer', send: true },
];

const suite = inPageSuite();

for (const { page: name, settleMs, send } of CASES) {
  test(`${name}: draft, then refinement, in the editor's model; undo steps back`, async ({
    extension,
  }) => {
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    const overlay = field.overlay();
    const sendButton = field.page.getByTestId('send');

    if (send) await expect(sendButton).toBeDisabled();
    await field.type(ORIGINAL);
    await expect.poll(() => field.text()).toBe(ORIGINAL);
    if (settleMs) await sleep(settleMs);
    // The refinement waits at the mock until the draft has been seen (see in-page-editors).
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text(), { intervals: [25] }).toBe(DRAFT);
    // The app saw the draft, not just the DOM: a person can send it right away.
    if (send) await expect(sendButton).toBeEnabled();
    await expect.poll(() => overlay.status()).toBe(STATUS.draftReady);
    await expect.poll(() => suite.servers.refinement.requests.length).toBe(1);
    release();
    await expect.poll(() => field.text()).toBe(REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    if (send) await expect(sendButton).toBeEnabled();

    await field.undo();
    await expect.poll(() => field.text()).toBe(DRAFT);
    await field.undo();
    await expect.poll(() => field.text()).toBe(ORIGINAL);
  });
}

// Model output often looks like Markdown. Milkdown's clipboard plugin (and BlockNote's paste)
// read pasted plain text as Markdown: `**Bold**` would become bold "Bold", `# ` a heading. The
// extension pastes text-node paragraphs instead; BlockNote gets its own clipboard format, marked
// as a ProseMirror slice, which its Tiptap Bold paste rule leaves alone.
const MARKDOWN_DRAFT = '**Bold** stays literal.\n# Not a heading';
const MARKDOWN_REFINED = '**Refined** stays literal too.\n- Not a list item';

for (const name of ['milkdown', 'tiptap', 'blocknote'] as const) {
  test(`${name}: Markdown-looking draft and refinement stay literal text`, async ({
    extension,
  }) => {
    suite.servers.draft.setScenario({ reply: MARKDOWN_DRAFT });
    suite.servers.refinement.setScenario({ reply: MARKDOWN_REFINED });
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    const overlay = field.overlay();

    await field.type(ORIGINAL);
    await expect.poll(() => field.text()).toBe(ORIGINAL);
    await sleep(1200);
    // Held until the draft has been seen: it lasts only 0.6 s before the refinement replaces it.
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text()).toBe(MARKDOWN_DRAFT);
    release();
    await expect.poll(() => field.text()).toBe(MARKDOWN_REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(await field.elementCount('strong, h1, h2, li')).toBe(0);
  });
}
