// In-page optimization in every editor family: the draft lands in the editor's own model, the
// refinement replaces it, and undo steps back refined → draft → original.
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { STATUS } from './support/overlay';
import {
  asSingleLine,
  DRAFT,
  FixturePage,
  REFINED,
  sleep,
  type FixturePageName,
} from './support/page-fixture';

const ORIGINAL = 'write a haiku about autumn';

interface EditorCase {
  page: FixturePageName;
  /**
   * Pause between typing and the shortcut: these editors merge edits closer than their grouping
   * delay (ProseMirror/Tiptap 500 ms, Lexical 300 ms here, Quill 1 s) into one undo step, so the
   * typed text and the draft would undo together. A person pauses before a shortcut anyway.
   */
  settleMs?: number;
  /**
   * Quill records edits closer than its history delay (1 s) as one undo step, so a refinement
   * landing 0.7 s after the draft undoes straight to the original (measured). Real refinements
   * take seconds; this case gives it 1.5 s so the draft step can be checked.
   */
  refinementFirstTokenMs?: number;
}

const CASES: EditorCase[] = [
  { page: 'textarea' },
  { page: 'input' },
  { page: 'react-textarea' },
  { page: 'contenteditable' },
  { page: 'prosemirror', settleMs: 1200 },
  { page: 'tiptap', settleMs: 1200 },
  { page: 'lexical', settleMs: 1200 },
  { page: 'quill', settleMs: 1200, refinementFirstTokenMs: 1500 },
  { page: 'slate' },
  { page: 'draftjs' },
  { page: 'codemirror' },
  { page: 'tinymce' },
  { page: 'iframe-same-origin' },
  { page: 'iframe-cross-origin' },
  { page: 'shadow-dom' },
];

const suite = inPageSuite();

for (const { page: name, settleMs, refinementFirstTokenMs } of CASES) {
  test(`${name}: draft, then refinement, in the editor's model; undo steps back`, async ({
    extension,
  }) => {
    if (refinementFirstTokenMs)
      suite.servers.refinement.setScenario({ firstTokenMs: refinementFirstTokenMs });
    const field = await FixturePage.open(extension.context, suite.servers.pages.url, name);
    const overlay = field.overlay();
    const single = field.spec.name === 'input';
    const draft = single ? asSingleLine(DRAFT) : DRAFT;
    const refined = single ? asSingleLine(REFINED) : REFINED;

    await field.type(ORIGINAL);
    await expect.poll(() => field.text()).toBe(ORIGINAL);
    if (settleMs) await sleep(settleMs);
    // The refinement waits at the mock until the draft has been seen: "Draft ready" lasts
    // only until it lands, 0.6 s on, which a loaded machine's slower checks can miss.
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text(), { intervals: [25] }).toBe(draft);
    await expect.poll(() => overlay.status()).toBe(STATUS.draftReady);
    await expect.poll(() => suite.servers.refinement.requests.length).toBe(1);
    release();
    await expect.poll(() => field.text()).toBe(refined);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(suite.servers.draft.requests).toHaveLength(1);
    expect(suite.servers.refinement.requests).toHaveLength(1);

    await field.undo();
    await expect.poll(() => field.text()).toBe(draft);
    await field.undo();
    await expect.poll(() => field.text()).toBe(ORIGINAL);
  });
}
