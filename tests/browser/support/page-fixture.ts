// Drives the editor fixture pages (tests/fixtures/pages) the way a user does: open the page, click
// into the editor, type, press the shortcut (as the browser command), undo with Ctrl+Z. What the tests assert on is the
// editor's OWN model (`window.__fixture.getText()`), never the DOM text, because several editors
// (Slate, Lexical, Draft.js) can show text their model does not hold.
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from '@playwright/test';
import {
  startMockProvider,
  type MockProvider,
  type Scenario,
} from '../../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../../fixtures/pages/static-server';
import { dispatchOptimizeCommand } from './browser-command';
import { Overlay } from './overlay';

/** Where a fixture page keeps its editor, and where `__fixture` can be read. */
export interface FixturePageSpec {
  name: string;
  /** Value fields (textarea/input), rich editors (contenteditable) or code editors (Monaco, Ace). */
  kind: 'value' | 'rich' | 'code';
  /** The editor sits in the iframe marked `data-testid="editor"` on the top page. */
  inFrame: boolean;
  /** Selector of the element that takes focus and typing, inside the frame when `inFrame`. */
  editor: string;
  /** Cross-origin frames: the top page cannot reach the frame's `__fixture`; read the frame's own. */
  fixtureInFrame: boolean;
}

const TOP = { inFrame: false, editor: '[data-testid="editor"]', fixtureInFrame: false } as const;
const FRAMED = { inFrame: true, editor: '[data-testid="editor"]', fixtureInFrame: false } as const;

export const FIXTURE_PAGES = {
  textarea: { name: 'textarea', kind: 'value', ...TOP },
  input: { name: 'input', kind: 'value', ...TOP },
  'react-textarea': { name: 'react-textarea', kind: 'value', ...TOP },
  contenteditable: { name: 'contenteditable', kind: 'rich', ...TOP },
  prosemirror: { name: 'prosemirror', kind: 'rich', ...TOP },
  tiptap: { name: 'tiptap', kind: 'rich', ...TOP },
  lexical: { name: 'lexical', kind: 'rich', ...TOP },
  quill: { name: 'quill', kind: 'rich', ...TOP },
  slate: { name: 'slate', kind: 'rich', ...TOP },
  draftjs: { name: 'draftjs', kind: 'rich', ...TOP },
  codemirror: { name: 'codemirror', kind: 'rich', ...TOP },
  ckeditor5: { name: 'ckeditor5', kind: 'rich', ...TOP },
  trix: { name: 'trix', kind: 'rich', ...TOP },
  blocknote: { name: 'blocknote', kind: 'rich', ...TOP },
  milkdown: { name: 'milkdown', kind: 'rich', ...TOP },
  // App composers: their own state (React, or an `input` listener) decides whether Send is on.
  'chatgpt-composer': { name: 'chatgpt-composer', kind: 'rich', ...TOP },
  'linkedin-composer': { name: 'linkedin-composer', kind: 'rich', ...TOP },
  // Code editors: the focused element is a hidden input holding part of the document (Ace's
  // textarea, Monaco's EditContext div or, with `editContext: false`, its textarea).
  ace: { name: 'ace', kind: 'code', ...TOP },
  monaco: { name: 'monaco', kind: 'code', ...TOP },
  'monaco-textarea': { name: 'monaco-textarea', kind: 'code', ...TOP },
  // TinyMCE's editable is the <body> of its own (same-origin, about:blank-like) iframe.
  tinymce: { name: 'tinymce', kind: 'rich', ...FRAMED, editor: 'body' },
  'iframe-same-origin': { name: 'iframe-same-origin', kind: 'value', ...FRAMED },
  'iframe-cross-origin': {
    name: 'iframe-cross-origin',
    kind: 'value',
    ...FRAMED,
    fixtureInFrame: true,
  },
  // Playwright's CSS engine pierces the open shadow root.
  'shadow-dom': { name: 'shadow-dom', kind: 'value', ...TOP },
  demo: { name: 'demo', kind: 'value', ...TOP },
  'refused-fields': { name: 'refused-fields', kind: 'value', ...TOP },
  'locked-editor': { name: 'locked-editor', kind: 'rich', ...TOP },
} as const satisfies Record<string, FixturePageSpec>;

export type FixturePageName = keyof typeof FIXTURE_PAGES;

interface FixtureGlobal {
  __fixture?: {
    getText(testId?: string): string;
    setText(text: string, testId?: string): void;
    undo(testId?: string): void;
    elementCount(selector: string): number;
  };
}

let openedTabs = 0;

const EDITOR_FRAME = 'iframe[data-testid="editor"]';

export class FixturePage {
  private constructor(
    readonly page: Page,
    readonly spec: FixturePageSpec,
    /** The frame whose `window.__fixture` reads the editor's model. */
    private readonly fixtureFrame: Frame,
  ) {}

  /**
   * Opens `<baseUrl>/<name>.html` in a new tab and waits until its editor is ready. The URL gets a
   * unique fragment, so the worker can tell this tab from another showing the same page.
   */
  static async open(
    context: BrowserContext,
    baseUrl: string,
    name: FixturePageName,
  ): Promise<FixturePage> {
    const spec: FixturePageSpec = FIXTURE_PAGES[name];
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${spec.name}.html#tab-${++openedTabs}`);
    await page.waitForFunction(() => Boolean((window as FixtureGlobal).__fixture));
    let fixtureFrame = page.mainFrame();
    if (spec.fixtureInFrame) {
      const frameElement = await page.locator('iframe[data-testid="editor"]').elementHandle();
      const child = await frameElement?.contentFrame();
      if (!child) throw new Error(`${name}: the editor frame did not load`);
      await child.waitForFunction(() => Boolean((window as FixtureGlobal).__fixture));
      fixtureFrame = child;
    }
    return new FixturePage(page, spec, fixtureFrame);
  }

  /** The document holding the editor; the overlay is drawn there too (one field UI per frame). */
  get scope(): Page | FrameLocator {
    return this.spec.inFrame ? this.page.frameLocator(EDITOR_FRAME) : this.page;
  }

  private panel: Overlay | null = null;

  /** The Prompt Relay panel of this page's field, drawn in the field's own frame. */
  overlay(): Overlay {
    this.panel ??= new Overlay(this.page, this.spec.inFrame ? EDITOR_FRAME : undefined);
    return this.panel;
  }

  get editor(): Locator {
    return this.scope.locator(this.spec.editor).first();
  }

  /** Clicks into the editor (caret at the click point, which for an empty editor is the start). */
  async focus(): Promise<void> {
    await this.editor.click();
  }

  /** Clicks into the editor and types, key by key; '\n' presses Enter. */
  async type(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(text);
  }

  /** The shortcut as the browser delivers it (chrome.commands); the field must have focus. */
  async pressShortcut(): Promise<void> {
    await dispatchOptimizeCommand(this.page);
  }

  /**
   * Selects `length` characters after the first `skip` ones with the keyboard, as a user would
   * (Ctrl+Home, arrows, Shift+arrows), so editors see real selection changes.
   */
  async selectWithKeyboard(skip: number, length: number): Promise<void> {
    await this.page.keyboard.press('Control+Home');
    for (let i = 0; i < skip; i++) await this.page.keyboard.press('ArrowRight');
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+Z');
  }

  /** The editor's own model as text (paragraphs joined with '\n'). */
  async text(testId?: string): Promise<string> {
    return this.fixtureFrame.evaluate(
      (id) => (window as FixtureGlobal).__fixture!.getText(id),
      testId,
    );
  }

  async elementCount(selector: string): Promise<number> {
    return this.fixtureFrame.evaluate(
      (sel) => (window as FixtureGlobal).__fixture!.elementCount(sel),
      selector,
    );
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}

/** What a single-line input shows for a multi-line text: Chrome turns line breaks into spaces. */
export function asSingleLine(text: string): string {
  return text.replace(/\n/g, ' ');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Multi-line on purpose: line breaks are where editors differ most. */
export const DRAFT = 'Draft line one.\nDraft line two.';
export const REFINED = 'Refined line one.\nRefined line two.';

/**
 * The draft lands fast; the refinement comes ≈0.7 s later, long enough to observe the draft in
 * the field (and to type over it) before it is replaced.
 */
export const DRAFT_SCENARIO: Partial<Scenario> = {
  reply: DRAFT,
  firstTokenMs: 50,
  tokensPerSecond: 400,
};
export const REFINEMENT_SCENARIO: Partial<Scenario> = {
  reply: REFINED,
  firstTokenMs: 600,
  tokensPerSecond: 400,
};

export interface InPageServers {
  pages: StaticServer;
  draft: MockProvider;
  refinement: MockProvider;
  close(): Promise<void>;
}

/** The fixture-page server and one mock pair, shared by a spec file (start in beforeAll). */
export async function startInPageServers(): Promise<InPageServers> {
  const [pages, draft, refinement] = await Promise.all([
    startStaticServer(),
    startMockProvider({ scenario: DRAFT_SCENARIO }),
    startMockProvider({ scenario: REFINEMENT_SCENARIO }),
  ]);
  return {
    pages,
    draft,
    refinement,
    close: async () => {
      await Promise.all([pages.close(), draft.close(), refinement.close()]);
    },
  };
}
