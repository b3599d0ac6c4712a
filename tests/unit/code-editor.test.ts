// @vitest-environment happy-dom
// Code editors (Monaco, Ace): which element is one, what their drawn lines say, when all of the
// document is drawn, and whether a write shows. Measured layouts are in tests/browser
// (in-page-code-editors.spec.ts); here the decisions over plain descriptions.
import { afterEach, describe, expect, it } from 'vitest';
import { showsWritten } from '../../lib/field-adapters/code-editor-adapter';
import {
  codeEditorRoot,
  renderedText,
  wholeDocumentShown,
  type CodeView,
  type RenderedLine,
} from '../../lib/field-adapters/code-editor';

afterEach(() => {
  document.body.innerHTML = '';
});

const LINE_PX = 19;

/** Lines drawn from document line `firstIndex` on, the first at `screenTop` in the viewport. */
function drawn(texts: string[], firstIndex = 0, screenTop = 100): RenderedLine[] {
  return texts.map((text, i) => ({
    text,
    offset: (firstIndex + i) * LINE_PX,
    bottom: screenTop + (i + 1) * LINE_PX,
  }));
}

describe('the drawn lines as text', () => {
  const rows: [title: string, lines: RenderedLine[], text: string][] = [
    ['lines in order', drawn(['a', 'b']), 'a\nb'],
    [
      'DOM order is not line order: sorted by where they are drawn',
      drawn(['a', 'b']).reverse(),
      'a\nb',
    ],
    [
      "Monaco's U+00A0 spaces and tabs are spaces",
      drawn(['a\u00a0\u00a0\u00a0b\u00a0c']),
      'a   b c',
    ],
    ['an empty line stays a line', drawn(['a', '', 'b']), 'a\n\nb'],
    ['nothing drawn', [], ''],
  ];
  it.each(rows)('%s', (_title, lines, text) => {
    expect(renderedText(lines)).toBe(text);
  });
});

describe('all of the document is drawn', () => {
  const view = (lines: RenderedLine[], viewportBottom = 300, folded = false): CodeView => ({
    lines,
    viewportBottom,
    folded,
  });
  const rows: [title: string, view: CodeView, whole: boolean][] = [
    ['a short document, its first line at the top', view(drawn(['a', 'b'])), true],
    ['its last line ends above the viewport bottom', view(drawn(['a', 'b']), 139), true],
    [
      'it ends exactly at the viewport bottom: a next line may be undrawn',
      view(drawn(['a', 'b']), 138),
      false,
    ],
    [
      'the last drawn line runs past the viewport bottom',
      view(drawn(Array.from({ length: 11 }, () => 'x'))),
      false,
    ],
    [
      'scrolled: the first drawn line is not the document’s first',
      view(drawn(['c', 'd'], 2)),
      false,
    ],
    ['a fold hides lines', view(drawn(['a', 'b']), 300, true), false],
    ['nothing drawn', view([]), false],
  ];
  it.each(rows)('%s → %s', (_title, v, whole) => {
    expect(wholeDocumentShown(v)).toBe(whole);
  });
});

describe('a write shows in what the editor draws', () => {
  const rows: [title: string, drawnText: string, text: string, whole: boolean, shows: boolean][] = [
    ['the whole document, exactly', 'Draft one.\nDraft two.', 'Draft one.\nDraft two.', true, true],
    ['the whole document, tabs drawn as spaces', 'a   b', 'a\tb', true, true],
    [
      'the whole document, something else drawn',
      'Draft one.',
      'Draft one.\nDraft two.',
      true,
      false,
    ],
    [
      'a selection: its last line is in view',
      'Keep. Draft one.\nDraft two. Keep.',
      'Draft one.\nDraft two.',
      false,
      true,
    ],
    [
      'a selection: the text is not there',
      'Keep. Fix me. Keep.',
      'Draft one.\nDraft two.',
      false,
      false,
    ],
    [
      'a selection: trailing blank lines do not count',
      'Keep. Draft. Keep.',
      'Draft.\n\n',
      false,
      true,
    ],
  ];
  it.each(rows)('%s → %s', (_title, drawnText, text, whole, shows) => {
    expect(showsWritten(drawnText, text, whole)).toBe(shows);
  });
});

describe('which focused element is a code editor’s input', () => {
  const rows: [title: string, html: string, selector: string, root: string | null][] = [
    [
      'Monaco, EditContext input',
      '<div class="monaco-editor"><div class="native-edit-context"></div></div>',
      '.native-edit-context',
      'monaco-editor',
    ],
    [
      'Monaco, textarea input',
      '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>',
      'textarea',
      'monaco-editor',
    ],
    [
      'Ace',
      '<div class="ace_editor"><textarea class="ace_text-input"></textarea></div>',
      'textarea',
      'ace_editor',
    ],
    [
      'the class outside an editor is just a class',
      '<div><textarea class="inputarea"></textarea></div>',
      'textarea',
      null,
    ],
    [
      'another element inside an editor',
      '<div class="monaco-editor"><div class="view-lines"></div></div>',
      '.view-lines',
      null,
    ],
  ];
  it.each(rows)('%s', (_title, html, selector, root) => {
    document.body.innerHTML = html;
    const found = codeEditorRoot(document.querySelector(selector)!);
    expect(found?.className ?? null).toBe(root);
  });
});
