import { pageReadableData, pasteEvent, pasteEventOf } from './clipboard-events';
import { editorProfileOf, type EditorProfile, type Technique } from './editor-profiles';
import type { FieldAdapter, FieldRegion, WriteResult } from './field-adapter';
import {
  locateRichRegion,
  readRich,
  richInitialRegion,
  richIntact,
  selectionIn,
  selectRichRegion,
} from './rich-region';
import { deepActiveElement } from './field-kind';
import { userInputCount } from './user-input';
import { rangeOfText, strippedOffsetBefore, stripWhitespace } from './text-offsets';

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
 * The text as one paragraph per line, each line set as a text node (never parsed as HTML): for
 * editors that read pasted plain text as Markdown but take HTML as it is (BlockNote, Milkdown).
 */
function paragraphsHtml(doc: Document, text: string): string {
  const holder = doc.createElement('div');
  for (const line of text.split('\n')) {
    const paragraph = doc.createElement('p');
    paragraph.textContent = line;
    holder.append(paragraph);
  }
  return holder.innerHTML;
}

/**
 * ProseMirror marks the HTML it copies with `data-pm-slice` (open depths, context). Pasted with
 * this mark, ProseMirror keeps the HTML's whitespace as it is, and Tiptap's paste rules (`**b**` ->
 * bold, BlockNote's Bold style) leave the paste alone: they skip a paste whose `text/html`
 * contains it (@tiptap/core PasteRule.ts, `isPastedFromProseMirror`).
 */
const PM_SLICE = 'data-pm-slice';

/**
 * The text in BlockNote's own clipboard format (`blocknote/html`, what its copy writes): one
 * paragraph block per line, each line a text node, as a slice open at both ends (3 3: the first
 * and last lines join the paragraphs around the selection, as a paste of text does).
 */
function blockNoteHtml(doc: Document, text: string): string {
  const element = (className: string, data: Record<string, string>) => {
    const div = doc.createElement('div');
    div.className = className;
    Object.assign(div.dataset, data);
    return div;
  };
  const group = element('bn-block-group', { nodeType: 'blockGroup' });
  group.setAttribute(PM_SLICE, '3 3 []');
  for (const line of text.split('\n')) {
    const outer = element('bn-block-outer', { nodeType: 'blockOuter' });
    const block = element('bn-block', { nodeType: 'blockContainer' });
    const content = element('bn-block-content', { contentType: 'paragraph' });
    const inline = element('bn-inline-content', {});
    inline.textContent = line;
    content.append(inline);
    block.append(content);
    outer.append(block);
    group.append(outer);
  }
  return group.outerHTML;
}

/**
 * BlockNote's own format, beside the text as HTML paragraphs marked as from ProseMirror: BlockNote
 * takes its format first and inserts it as it is; the marked `text/html` is what Tiptap's paste
 * rules look at (and, in Firefox, the one type a paste carries: literal too, but spaces collapse).
 */
function dispatchBlockNotePaste(el: HTMLElement, text: string): boolean {
  const doc = el.ownerDocument;
  const html = paragraphsHtml(doc, text).replace('<p>', `<p ${PM_SLICE}="0 0 []">`);
  const event = pasteEventOf(
    doc,
    { 'blocknote/html': blockNoteHtml(doc, text), 'text/html': html },
    'text/html',
  );
  return !el.dispatchEvent(event);
}

/**
 * A paste carrying plain text (as `plain`), the text as HTML paragraphs only (`paragraphs`), or
 * both (`plain-and-paragraphs`): rich editors insert it through their own model, with undo.
 * Returns true when the page took it (preventDefault), i.e. an editor is handling it.
 */
function dispatchPaste(
  el: HTMLElement,
  text: string,
  carries: 'plain' | 'paragraphs' | 'plain-and-paragraphs',
): boolean {
  const doc = el.ownerDocument;
  // Paragraphs only: BlockNote reads text/plain beside HTML as Markdown when it looks like it.
  const event =
    carries === 'paragraphs'
      ? pasteEvent(doc, 'text/html', paragraphsHtml(doc, text))
      : carries === 'plain-and-paragraphs'
        ? pasteEvent(doc, 'text/plain', text, paragraphsHtml(doc, text))
        : pasteEvent(doc, 'text/plain', text);
  return !el.dispatchEvent(event);
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
  const selection = selectionIn(el);
  const where = () =>
    selection && selection.rangeCount > 0
      ? [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset]
      : [];
  const before = where();
  if (!selectRichRegion(el, region)) return false;
  const after = where();
  // Already selected there: no selectionchange will come, and nothing needs to follow it (waiting
  // for the event's 30 ms timeout held the first streamed words back).
  if (before.length > 0 && before.every((part, i) => part === after[i])) return true;
  await selectionSettled(el.ownerDocument);
  return true;
}

/** The visible text the field must hold once `text` replaced the region: what "landed" means. */
function expectedAfter(before: string, region: FieldRegion, text: string): string {
  if (region.whole) return stripWhitespace(text);
  const regionLength = stripWhitespace(region.text).length;
  return (
    before.slice(0, region.strippedStart) +
    stripWhitespace(text) +
    before.slice(region.strippedStart + regionLength)
  );
}

function regionAfter(region: FieldRegion, text: string): FieldRegion {
  return {
    text,
    whole: region.whole,
    start: 0,
    strippedStart: region.whole ? 0 : region.strippedStart,
  };
}

/** A beforeinput paste over the current selection, with its range; true when the page took it. */
function dispatchBeforeInputPaste(el: HTMLElement, text: string): boolean {
  const selection = selectionIn(el);
  if (!selection || selection.rangeCount === 0) return false;
  const range = selection.getRangeAt(0);
  return !el.dispatchEvent(
    new InputEvent('beforeinput', {
      inputType: 'insertFromPaste',
      dataTransfer: pageReadableData(el.ownerDocument, 'text/plain', text),
      targetRanges: [new StaticRange(range)],
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

/**
 * `execCommand('insertText')` at the selection, as typed text. With `linesAsParagraphs` (Firefox,
 * editors whose profile says its insertText drops their line breaks), line by line with
 * `insertParagraph` between the lines, which those editors take as a paragraph split.
 */
function insertTyped(doc: Document, text: string, linesAsParagraphs: boolean): void {
  if (!linesAsParagraphs || !text.includes('\n')) {
    doc.execCommand('insertText', false, text);
    return;
  }
  text.split('\n').forEach((line, i) => {
    if (i > 0) doc.execCommand('insertParagraph');
    if (line) doc.execCommand('insertText', false, line);
  });
}

/** One insertion at the current selection with `technique`; true when the page took it. */
function insertWith(
  el: HTMLElement,
  profile: EditorProfile,
  technique: Technique,
  text: string,
): boolean {
  if (technique === 'beforeinput-paste') return dispatchBeforeInputPaste(el, text);
  if (technique === 'paste') return dispatchPaste(el, text, 'plain');
  if (technique === 'paste-paragraphs') return dispatchPaste(el, text, 'paragraphs');
  if (technique === 'paste-with-paragraphs') return dispatchPaste(el, text, 'plain-and-paragraphs');
  if (technique === 'paste-blocknote') return dispatchBlockNotePaste(el, text);
  insertTyped(el.ownerDocument, text, import.meta.env.FIREFOX && profile.firefoxTypesLines);
  return false;
}

/**
 * Replaces a region as if the user had pasted or typed it: the editor's own model changes, the
 * text stays plain, and native undo is kept. Each editor's techniques are tried in its profile's
 * order (editor-profiles.ts); the next one runs only when the previous one changed nothing, since
 * a second write would stack on top of a first one that changed something else. Each write is
 * read back, because some editors accept a command and ignore it.
 */
async function replaceInRichEditor(
  el: HTMLElement,
  profile: EditorProfile,
  region: FieldRegion,
  text: string,
): Promise<WriteResult> {
  const before = stripWhitespace(readRich(el));
  const expected = expectedAfter(before, region, text);
  const landed = () => stripWhitespace(readRich(el)) === expected;
  const result = (ok: boolean): WriteResult => ({
    ok,
    wholeText: readRich(el),
    region: regionAfter(region, text),
  });

  el.focus({ preventScroll: true });
  for (const technique of profile.write) {
    if (!(await selectForEditor(el, region))) return result(false);
    if (profile.selectionDelayMs && technique === 'paste') {
      await new Promise((resolve) => setTimeout(resolve, profile.selectionDelayMs));
    }
    if (insertWith(el, profile, technique, text)) {
      await textChange(el, before, HANDLED_PASTE_WAIT_MS);
    }
    // Some editors (TinyMCE) apply a paste a task later, without preventDefault at dispatch time.
    await nextTask();
    if (landed()) return result(true);
    // Something changed, but not into the text: a second write would stack on top of it.
    if (stripWhitespace(readRich(el)) !== before) return result(false);
  }
  return result(false);
}

/** The collapsed caret inside `el`, in visible characters from the start; null when elsewhere. */
function caretOffset(el: HTMLElement): number | null {
  const selection = selectionIn(el);
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!range.collapsed || !el.contains(range.startContainer)) return null;
  return strippedOffsetBefore(el, range);
}

/**
 * Streams more draft text in at the caret the previous chunk left, so the editor records the run
 * the way it records typing. The caret is never moved here: a caret that is no longer at the
 * region's end means the user clicked into the field, and nothing more streams into it (the
 * complete draft then replaces the region as one edit, or is offered).
 */
async function appendInRichEditor(
  el: HTMLElement,
  profile: EditorProfile,
  technique: Technique,
  region: FieldRegion,
  text: string,
): Promise<WriteResult> {
  const before = stripWhitespace(readRich(el));
  const regionEnd = (region.whole ? 0 : region.strippedStart) + stripWhitespace(region.text).length;
  const whole = region.text + text;
  const unchanged: WriteResult = { ok: false, region, wholeText: readRich(el) };
  if (caretOffset(el) !== regionEnd) return unchanged;
  if (
    region.whole ? before.length !== regionEnd : !rangeOfText(el, region.text, region.strippedStart)
  ) {
    return unchanged;
  }
  if (insertWith(el, profile, technique, text)) {
    await textChange(el, before, HANDLED_PASTE_WAIT_MS);
  }
  const expected = expectedAfter(before, region, whole);
  const landed = () => stripWhitespace(readRich(el)) === expected;
  // TinyMCE applies a paste a task later, without preventDefault at dispatch time.
  if (!landed()) await nextTask();
  return {
    ok: landed(),
    region: regionAfter(region, whole),
    wholeText: readRich(el),
  };
}

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * One step of the editor's own undo, as the user's Ctrl+Z (⌘Z) would run it: editors (ProseMirror,
 * Lexical, Slate, Draft.js, Quill, CodeMirror, TinyMCE) handle the key themselves and keep their
 * own history, which the browser's undo command does not reach; a plain contenteditable has only
 * the browser's history, so when no editor took the key, the browser's undo runs. Resolves once
 * the text changed (React editors render a task later), true when it did.
 */
async function undoStep(el: HTMLElement): Promise<boolean> {
  const before = stripWhitespace(readRich(el));
  const taken = !el.dispatchEvent(
    new KeyboardEvent('keydown', {
      key: 'z',
      code: 'KeyZ',
      // Slate and Draft.js match the key by its legacy code.
      keyCode: 90,
      which: 90,
      ctrlKey: !IS_MAC,
      metaKey: IS_MAC,
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
  if (!taken) el.ownerDocument.execCommand('undo');
  await textChange(el, before, HANDLED_PASTE_WAIT_MS);
  return stripWhitespace(readRich(el)) !== before;
}

async function undoInRichEditor(
  el: HTMLElement,
  steps: number,
  isBack: () => boolean,
): Promise<boolean> {
  // Undo acts on the focused field's history: never on another field the user went to.
  const active = deepActiveElement(el.ownerDocument);
  if (!active || !(active === el || el.contains(active))) return false;
  // Each step waits for the editor to show it, so the user can type between steps; the next
  // Ctrl+Z would then take back their key (measured in TinyMCE: 'mine' typed as the draft
  // completed left only 'e'). Their input stops the fold; the field is theirs from there.
  const before = userInputCount(el);
  const typed = () => userInputCount(el) !== before;
  for (let i = 0; i < steps && !isBack(); i += 1) {
    if (typed() || !(await undoStep(el))) return false;
  }
  return !typed();
}

/**
 * A contenteditable root: plain, or an editor's (ProseMirror/Tiptap, Lexical, Quill, Slate,
 * Draft.js, CodeMirror 6, TinyMCE's iframe body…). Each editor gets the techniques measured right
 * for it (editor-profiles.ts): the draft streams in where the editor keeps its model right and
 * records the run as one undo step; elsewhere it goes in whole.
 */
export function richEditorAdapter(el: HTMLElement): FieldAdapter {
  const profile = editorProfileOf(el);
  const technique = profile.stream;
  return {
    kind: 'rich',
    element: el,
    holdsWholeText: true,
    read: () => readRich(el),
    initialRegion: () => richInitialRegion(el),
    intact: (expectedWhole) => richIntact(el, expectedWhole),
    locate: (region) => locateRichRegion(el, region),
    replace: (region, text) => replaceInRichEditor(el, profile, region, text),
    undoGroupMs: profile.undoGroupMs,
    stream: technique
      ? {
          append: (region, text) => appendInRichEditor(el, profile, technique, region, text),
          groupsUndo: profile.streamSteps === 'one',
          undo: (steps, isBack) => undoInRichEditor(el, steps, isBack),
        }
      : null,
  };
}
