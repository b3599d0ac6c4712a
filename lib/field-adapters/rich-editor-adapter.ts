import type { FieldAdapter, FieldRegion, WriteResult } from './field-adapter';
import {
  locateRichRegion,
  readRich,
  richInitialRegion,
  richIntact,
  selectRichRegion,
} from './rich-region';
import { stripWhitespace } from './text-offsets';

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Editors sync their model selection on `selectionchange`, which the browser fires as a task. */
function selectionSettled(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', done);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, 30);
    doc.addEventListener('selectionchange', done);
  });
}

/**
 * Slate copies the DOM selection into its model through a throttled (100 ms) and then scheduled
 * handler; a paste before that lands at the old selection (measured: appended instead of replaced).
 */
export function modelSelectionDelayMs(el: HTMLElement): number {
  return el.closest('[data-slate-editor]') ? 150 : 0;
}

/**
 * A paste carrying plain text only: rich editors insert it through their own model, with undo.
 * Returns true when the page took it (preventDefault), i.e. an editor is handling it.
 */
function dispatchPlainPaste(el: HTMLElement, text: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return !el.dispatchEvent(
    new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

/**
 * How long an editor that took the paste may take to show it. React-based editors (Slate) render
 * a task or more later: dispatched from the extension's isolated world the paste is not a
 * discrete event for React. Falling back to execCommand before that wrote the text a second time
 * behind the editor (measured in Slate: the DOM held the draft twice, the model once, and the
 * next write landed after it instead of replacing it).
 */
export const HANDLED_PASTE_WAIT_MS = 500;

/**
 * Resolves as soon as the field's text differs from `before`, or after `ms`. Most editors apply
 * the paste during dispatch, so this is usually already true: no wait then, because until this
 * write returns, a user edit would be taken for ours.
 */
function textChange(el: HTMLElement, before: string, ms: number): Promise<void> {
  if (stripWhitespace(readRich(el)) !== before) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (stripWhitespace(readRich(el)) !== before) finish();
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(finish, ms);
  });
}

/** Puts the selection on the region and lets the editor's model follow it. */
async function selectForEditor(el: HTMLElement, region: FieldRegion): Promise<boolean> {
  if (!selectRichRegion(el, region)) return false;
  await selectionSettled(el.ownerDocument);
  return true;
}

/**
 * Replaces a region as if the user had pasted it: the editor's own model changes, the text stays
 * plain, and native undo is kept. A plain-text paste reaches the model of every rich editor
 * measured (ProseMirror, Lexical, Quill, Slate, Draft.js, CodeMirror, TinyMCE, CKEditor 5, Monaco);
 * execCommand('insertText') is the fallback for plain contenteditable (Lexical drops line breaks
 * with it, Slate and CKEditor ignore it, Draft.js corrupts multi-line text: paste comes first).
 * Each write is read back, because some editors accept the command and ignore it.
 */
async function replaceInRichEditor(
  el: HTMLElement,
  region: FieldRegion,
  text: string,
): Promise<WriteResult> {
  const before = stripWhitespace(readRich(el));
  const regionLength = stripWhitespace(region.text).length;
  const prefix = region.whole ? '' : before.slice(0, region.strippedStart);
  const suffix = region.whole ? '' : before.slice(region.strippedStart + regionLength);
  const expected = prefix + stripWhitespace(text) + suffix;
  const landed = () => stripWhitespace(readRich(el)) === expected;
  const result = (ok: boolean): WriteResult => ({
    ok,
    wholeText: readRich(el),
    region: {
      text,
      whole: region.whole,
      start: 0,
      strippedStart: region.whole ? 0 : region.strippedStart,
    },
  });

  el.focus({ preventScroll: true });
  if (!(await selectForEditor(el, region))) return result(false);
  const delay = modelSelectionDelayMs(el);
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  if (dispatchPlainPaste(el, text)) await textChange(el, before, HANDLED_PASTE_WAIT_MS);
  // Some editors (TinyMCE) apply a paste a task later, without preventDefault at dispatch time.
  await nextTask();
  if (landed()) return result(true);
  // Something changed, but not into the text: a second write would stack on top of it.
  if (stripWhitespace(readRich(el)) !== before) return result(false);

  if (!(await selectForEditor(el, region))) return result(false);
  el.ownerDocument.execCommand('insertText', false, text);
  await nextTask();
  return result(landed());
}

/**
 * A contenteditable root: plain, or an editor's (ProseMirror/Tiptap, Lexical, Quill, Slate,
 * Draft.js, CodeMirror 6, TinyMCE's iframe body). The draft goes in whole, as one edit through
 * the editor's model: streamed, an editor re-renders per chunk, and Lexical, Draft.js and TinyMCE
 * keep one undo step per chunk (measured), so there is no stream here.
 */
export function richEditorAdapter(el: HTMLElement): FieldAdapter {
  return {
    kind: 'rich',
    element: el,
    holdsWholeText: true,
    read: () => readRich(el),
    initialRegion: () => richInitialRegion(el),
    intact: (expectedWhole) => richIntact(el, expectedWhole),
    locate: (region) => locateRichRegion(el, region),
    replace: (region, text) => replaceInRichEditor(el, region, text),
    stream: null,
  };
}
