import { copyFrom } from './clipboard-events';
import type { FieldRegion } from './field-adapter';
import { stripWhitespace } from './text-offsets';

// Code editors (Monaco, Ace) draw their document as lines of DOM and take input through a hidden
// element: Monaco's `div.native-edit-context` (the EditContext API, its default in Chromium) or
// `textarea.inputarea` (`editContext: false`), Ace's `textarea.ace_text-input`. That input holds
// only part of the document, and the DOM holds only the lines in view, so a request owns either
// the user's selection (the editor copies it out whole) or the whole document while every line of
// it is in view. The always-on script reads the region with these few lines; the writes are in
// code-editor-adapter.ts. Content scripts see only the DOM, never the page's `monaco` or `ace`.

const INPUT = 'textarea.ace_text-input, textarea.inputarea, .native-edit-context';
const ROOT = '.ace_editor, .monaco-editor';
/** Monaco: one `.view-line` per screen row. Ace: one `.ace_line_group` per line when it wraps. */
const LINES =
  '.view-lines > .view-line, .ace_text-layer > .ace_line, .ace_text-layer > .ace_line_group';
/** The part of the editor that shows lines; both editors draw every line that crosses it. */
const VIEWPORT = '.editor-scrollable, .ace_scroller';
/** A folded range hides lines from the DOM (Monaco's "…" after a fold, Ace's fold widget). */
const FOLD = '.inline-folded, .ace_fold';

/** The code editor whose input `el` is, or null. */
export function codeEditorRoot(el: Element): HTMLElement | null {
  return el.matches(INPUT) ? el.closest<HTMLElement>(ROOT) : null;
}

export function codeEditorInput(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>(INPUT);
}

/** A rendered line: its text and where it is drawn (CSS px). */
export interface RenderedLine {
  text: string;
  /**
   * Its `top` style: from the document's top in both editors (measured: 0 only for the first
   * line, growing down the document; Ace's lines count their wrapped rows).
   */
  offset: number;
  /** Bottom of its box in the viewport. */
  bottom: number;
}

export interface CodeView {
  lines: readonly RenderedLine[];
  /** Bottom of the area that shows lines, in the viewport. */
  viewportBottom: number;
  /** A fold hides some lines. */
  folded: boolean;
}

const inOrder = (lines: readonly RenderedLine[]) => [...lines].sort((a, b) => a.offset - b.offset);

/**
 * The rendered lines top to bottom, as text (Monaco draws spaces and tabs as U+00A0). The DOM
 * order is not relied on: editors reuse line elements as they scroll.
 */
export function renderedText(lines: readonly RenderedLine[]): string {
  return inOrder(lines)
    .map((line) => line.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/**
 * Every line of the document is in the DOM: the first drawn line is the document's first (offset
 * 0) and the last drawn one ends above the viewport's bottom (another line would be drawn there).
 * A document that exactly fills the view, or with lines folded away, does not count.
 */
export function wholeDocumentShown(view: CodeView): boolean {
  const lines = inOrder(view.lines);
  return (
    !view.folded &&
    lines[0]?.offset === 0 &&
    (lines.at(-1)?.bottom ?? Infinity) < view.viewportBottom - 0.5
  );
}

export function readCodeView(root: HTMLElement): CodeView {
  const viewport = root.querySelector(VIEWPORT)?.getBoundingClientRect();
  return {
    lines: [...root.querySelectorAll<HTMLElement>(LINES)].map((line) => {
      const offset = Number.parseFloat(line.style.top);
      return { text: line.textContent ?? '', offset, bottom: line.getBoundingClientRect().bottom };
    }),
    viewportBottom: viewport?.bottom ?? 0,
    folded: root.querySelector(FOLD) !== null,
  };
}

export function readCode(root: HTMLElement): string {
  return renderedText(readCodeView(root).lines);
}

/**
 * The editor's selection as it copies it, or null when nothing is selected. A synthetic copy event
 * to the input gets the editor's own copy handler to fill the event's DataTransfer (measured in
 * Monaco, both inputs, and Ace); with no selection Ace copies nothing and Monaco copies the caret's
 * line, flagged `isFromEmptySelection` in its own clipboard format. Both editors listen on the
 * input itself, so the event does not bubble: the page around sees no copy.
 */
export function copiedSelection(input: HTMLElement): string | null {
  const { text, format } = copyFrom(input, 'vscode-editor-data');
  const empty = /"isFromEmptySelection":true/.test(format);
  return text && !empty ? text : null;
}

/**
 * The region a trigger owns: the selection when there is one (whole when it is all of a document
 * in view), else the whole document when all of it is in view, else null (the caller refuses).
 */
export function codeInitialRegion(root: HTMLElement): FieldRegion | null {
  const input = codeEditorInput(root);
  const selected = input && copiedSelection(input);
  const view = readCodeView(root);
  const shown = wholeDocumentShown(view);
  const all = renderedText(view.lines);
  if (selected) {
    const whole = shown && stripWhitespace(selected) === stripWhitespace(all);
    return { text: selected, whole, start: 0, strippedStart: 0 };
  }
  return shown ? { text: all, whole: true, start: 0, strippedStart: 0 } : null;
}
