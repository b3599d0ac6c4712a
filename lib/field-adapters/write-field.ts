import { insertTextIntoField } from 'text-field-edit';
import { deepActiveElement, type FieldTarget } from '../in-page/find-field';
import { readFieldText, selectRegion, type FieldRegion } from './field-region';
import { stripWhitespace } from './text-offsets';

export type WriteTechnique = 'insert-text' | 'paste';

export interface WriteResult {
  ok: boolean;
  region: FieldRegion;
  /** The field's whole text right after the write: what "untouched since" is checked against. */
  wholeText: string;
  technique: WriteTechnique | null;
}

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
function modelSelectionDelayMs(el: HTMLElement): number {
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
const HANDLED_PASTE_WAIT_MS = 500;

/**
 * Resolves as soon as the field's text differs from `before`, or after `ms`. Most editors apply
 * the paste during dispatch, so this is usually already true: no wait then, because until this
 * write returns, a user edit would be taken for ours.
 */
function textChange(target: FieldTarget, before: string, ms: number): Promise<void> {
  if (stripWhitespace(readFieldText(target)) !== before) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (stripWhitespace(readFieldText(target)) !== before) finish();
    });
    observer.observe(target.element, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(finish, ms);
  });
}

/**
 * text-field-edit's insertTextIntoField, without its focus juggling when the field already has
 * focus: it compares with document.activeElement, which for a field in a shadow root is the host,
 * so it blurred the field after every insertion (measured: the streamed draft's steps could not
 * be folded into one undo step, and undo stopped at the first streamed chunk).
 */
function insertIntoValueField(el: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  if (deepActiveElement(el.ownerDocument) !== el) {
    insertTextIntoField(el, text);
    return;
  }
  // The same commands text-field-edit runs: they keep native undo and React's state in step.
  if (text === '') el.ownerDocument.execCommand('delete');
  else el.ownerDocument.execCommand('insertText', false, text);
}

function writeValueField(
  el: HTMLInputElement | HTMLTextAreaElement,
  target: FieldTarget,
  region: FieldRegion,
  text: string,
): WriteResult {
  el.focus({ preventScroll: true });
  selectRegion(target, region);
  const start = region.whole ? 0 : region.start;
  insertIntoValueField(el, text);
  // A single-line input turns line breaks into spaces; what landed is what counts.
  const landed = el.value.slice(start, start + text.length);
  const ok =
    landed === text || (el instanceof HTMLInputElement && landed === text.replace(/\r?\n/g, ' '));
  const next: FieldRegion = region.whole
    ? { text: el.value, whole: true, start: 0, strippedStart: 0 }
    : { text: landed, whole: false, start, strippedStart: 0 };
  return { ok, region: next, wholeText: el.value, technique: 'insert-text' };
}

/**
 * Replaces a region of a field with `text` as if the user had typed or pasted it: the editor's own
 * model changes, the text stays plain, and native undo is kept. A plain-text paste reaches the
 * model of every rich editor measured (ProseMirror, Lexical, Quill, Slate, Draft.js, CodeMirror,
 * TinyMCE); execCommand('insertText') is the fallback for plain contenteditable. Each write is
 * read back, because some editors accept the command and ignore it (Slate).
 */
export async function writeRegion(
  target: FieldTarget,
  region: FieldRegion,
  text: string,
): Promise<WriteResult> {
  const el = target.element;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    return writeValueField(el, target, region, text);
  }

  const before = stripWhitespace(readFieldText(target));
  const regionLength = stripWhitespace(region.text).length;
  const prefix = region.whole ? '' : before.slice(0, region.strippedStart);
  const suffix = region.whole ? '' : before.slice(region.strippedStart + regionLength);
  const expected = prefix + stripWhitespace(text) + suffix;
  const landed = () => stripWhitespace(readFieldText(target)) === expected;
  const result = (ok: boolean, technique: WriteTechnique | null): WriteResult => ({
    ok,
    technique,
    wholeText: readFieldText(target),
    region: region.whole
      ? { text, whole: true, start: 0, strippedStart: 0 }
      : { text, whole: false, start: 0, strippedStart: region.strippedStart },
  });

  el.focus({ preventScroll: true });
  if (!selectRegion(target, region)) return result(false, null);
  await selectionSettled(el.ownerDocument);
  const delay = modelSelectionDelayMs(el);
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  if (dispatchPlainPaste(el, text)) await textChange(target, before, HANDLED_PASTE_WAIT_MS);
  // Some editors (TinyMCE) apply a paste a task later, without preventDefault at dispatch time.
  await nextTask();
  if (landed()) return result(true, 'paste');
  if (stripWhitespace(readFieldText(target)) !== before) return result(false, 'paste');

  if (!selectRegion(target, region)) return result(false, null);
  await selectionSettled(el.ownerDocument);
  el.ownerDocument.execCommand('insertText', false, text);
  await nextTask();
  return result(landed(), 'insert-text');
}

/**
 * Streams more draft text onto the end of a value field's region without moving the caret
 * first, so Chrome folds the run of insertions into one undo step, like typing.
 */
export function appendToValueRegion(
  el: HTMLInputElement | HTMLTextAreaElement,
  region: FieldRegion,
  text: string,
): WriteResult {
  const start = region.whole ? 0 : region.start;
  const end = start + region.text.length;
  if (el.ownerDocument.activeElement !== el) el.focus({ preventScroll: true });
  if (el.selectionStart !== end || el.selectionEnd !== end) el.setSelectionRange(end, end);
  insertIntoValueField(el, text);
  const landed = el.value.slice(start, end + text.length);
  const next: FieldRegion = region.whole
    ? { text: el.value, whole: true, start: 0, strippedStart: 0 }
    : { text: landed, whole: false, start, strippedStart: 0 };
  return {
    ok: landed.endsWith(text) || el instanceof HTMLInputElement,
    region: next,
    wholeText: el.value,
    technique: 'insert-text',
  };
}
