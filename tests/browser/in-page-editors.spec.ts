// In-page optimization in every editor family: the draft lands in the editor's own model, the
// refinement replaces it, and undo steps back refined → draft → original.
import { configureProviders } from './support/configure-providers';
import { expect, test } from './support/fixtures';
import { Overlay, STATUS } from './support/overlay';
import {
  asSingleLine,
  DRAFT,
  DRAFT_SCENARIO,
  FixturePage,
  REFINED,
  REFINEMENT_SCENARIO,
  sleep,
  startInPageServers,
  type FixturePageName,
  type InPageServers,
} from './support/page-fixture';

const ORIGINAL = 'write a haiku about autumn';

interface EditorCase {
  page: FixturePageName;
  /** Why undo is not checked here; undefined means it is. */
  skipUndo?: string;
  /**
   * Pause between typing and the shortcut: these editors merge edits closer than their grouping
   * delay into one undo step, so the typed text and the draft would undo together.
   */
  settleMs?: number;
}

const CASES: EditorCase[] = [
  { page: 'textarea' },
  { page: 'input' },
  { page: 'react-textarea' },
  { page: 'contenteditable' },
  { page: 'prosemirror', settleMs: 1200 },
  { page: 'tiptap', settleMs: 1200 },
  { page: 'lexical', settleMs: 1200 },
  { page: 'quill', settleMs: 1200 },
  { page: 'slate', settleMs: 1200 },
  { page: 'draftjs', settleMs: 1200 },
  { page: 'codemirror', settleMs: 1200 },
  { page: 'tinymce', settleMs: 1200 },
  { page: 'iframe-same-origin' },
  { page: 'iframe-cross-origin' },
  {
    page: 'shadow-dom',
    skipUndo:
      'measured: in an open shadow root the streamed steps are not folded into one undo step',
  },
];

let servers: InPageServers;

test.beforeAll(async () => {
  servers = await startInPageServers();
});
test.afterAll(async () => {
  await servers?.close();
});
test.beforeEach(async ({ extension }) => {
  servers.draft.reset(DRAFT_SCENARIO);
  servers.refinement.reset(REFINEMENT_SCENARIO);
  await configureProviders(extension.serviceWorker, {
    draftUrl: servers.draft.url,
    refinementUrl: servers.refinement.url,
  });
});

for (const { page: name, skipUndo, settleMs } of CASES) {
  test(`${name}: draft, then refinement, in the editor's model; undo steps back`, async ({
    extension,
  }) => {
    const field = await FixturePage.open(extension.context, servers.pages.url, name);
    const overlay = new Overlay(field.scope);
    const single = field.spec.name === 'input';
    const draft = single ? asSingleLine(DRAFT) : DRAFT;
    const refined = single ? asSingleLine(REFINED) : REFINED;

    await field.type(ORIGINAL);
    await expect.poll(() => field.text()).toBe(ORIGINAL);
    if (settleMs) await sleep(settleMs);
    await field.pressShortcut();

    await expect.poll(() => field.text(), { intervals: [25] }).toBe(draft);
    await expect(overlay.status).toHaveText(STATUS.draftReady);
    await expect.poll(() => field.text()).toBe(refined);
    await expect(overlay.status).toHaveText(STATUS.refined);
    expect(servers.draft.requests).toHaveLength(1);
    expect(servers.refinement.requests).toHaveLength(1);

    if (skipUndo) {
      test.info().annotations.push({ type: 'undo not checked', description: skipUndo });
      return;
    }
    await field.undo();
    await expect.poll(() => field.text()).toBe(draft);
    await field.undo();
    await expect.poll(() => field.text()).toBe(ORIGINAL);
  });
}
