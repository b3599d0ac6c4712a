import {
  codeEditorInput,
  codeInitialRegion,
  copiedSelection,
  readCode,
  readCodeView,
  wholeDocumentShown,
} from './code-editor';
import { pasteEvent } from './clipboard-events';
import type { FieldAdapter, FieldRegion, WriteResult } from './field-adapter';
import { stripWhitespace } from './text-offsets';

// Writes into Monaco and Ace, measured in Chromium 156 (monaco-editor 0.57, both inputs; ace-builds
// 1.45) from an isolated world:
// - a synthetic text/plain paste to the focused input replaces the editor's selection, one undo
//   step (execCommand('insertText') does nothing in Monaco's EditContext input);
// - synthetic Ctrl+A and Ctrl+Z keydowns reach the editors' key handlers (neither checks
//   isTrusted): Ctrl+A selects the whole document, Ctrl+Z undoes the last paste and leaves the
//   text it brings back selected;
// - a series of writes through the hidden input corrupted Ace's document, so each result is one
//   write, never a stream (the panel previews the streamed draft).

/** Monaco draws a change on the next animation frames: what it shows is read after that. */
const RENDER_WAIT_MS = 300;
const QUIET_MS = 50;

const onMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as the editor's key handler sees it: Ctrl (⌘ on macOS) + a letter. */
function pressShortcut(input: HTMLElement, letter: 'a' | 'y' | 'z', shift = false): void {
  const upper = letter.toUpperCase();
  input.dispatchEvent(
    new KeyboardEvent('keydown', {
      key: shift ? upper : letter,
      code: `Key${upper}`,
      // Monaco maps keys by the legacy keyCode (measured: without it Ctrl+A does nothing there).
      keyCode: upper.charCodeAt(0),
      ctrlKey: !onMac(),
      metaKey: onMac(),
      shiftKey: shift,
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

function undo(input: HTMLElement): void {
  pressShortcut(input, 'z');
}

/** Redo: Ctrl+Y in Monaco and Ace on Windows/Linux, ⌘⇧Z on macOS. */
function redo(input: HTMLElement): void {
  if (onMac()) pressShortcut(input, 'z', true);
  else pressShortcut(input, 'y');
}

/** A paste carrying plain text only; true when the editor took it (preventDefault). */
function pastePlain(input: HTMLElement, text: string): boolean {
  return !input.dispatchEvent(pasteEvent(input.ownerDocument, 'text/plain', text));
}

/**
 * Resolves once the editor has drawn a change from `before` (whitespace aside) and then drawn
 * nothing for `QUIET_MS`, or after `RENDER_WAIT_MS`. "Untouched since" compares with what is read
 * here: read at the first change, a paste over a selection in a long Monaco document later counted
 * as the user's edit (measured in the browser test; waiting for quiet fixed it).
 */
function drawnSettled(root: HTMLElement, before: string): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      clearTimeout(quiet);
      if (stripWhitespace(readCode(root)) !== before) quiet = setTimeout(finish, QUIET_MS);
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(finish, RENDER_WAIT_MS);
    check();
  });
}

/**
 * Does the drawn text show `text` as written? The whole document: exactly (whitespace aside: Monaco
 * draws tabs as spaces). A selection: the editor scrolls to the caret after a paste, so the
 * written text's last line is in view.
 */
export function showsWritten(drawn: string, text: string, whole: boolean): boolean {
  const shown = stripWhitespace(drawn);
  if (whole) return shown === stripWhitespace(text);
  const lastLine = text.split('\n').findLast((line) => line.trim() !== '') ?? '';
  return shown.includes(stripWhitespace(lastLine));
}

/** This adapter's last write: what it wrote, what that replaced, and what was drawn after it. */
interface LastWrite {
  text: string;
  replaced: string;
  drawn: string;
}

/**
 * Monaco (both inputs) and Ace. A request owns the whole document only while all of it is drawn:
 * each write selects all (Ctrl+A) and pastes, so Ctrl+Z steps back refined → draft → original.
 * Otherwise it owns the user's selection: the draft is pasted over it; the next write over our own
 * untouched paste first undoes it (Ctrl+Z brings the replaced text back, selected) and pastes over
 * that, so Ctrl+Z from the refinement goes straight back to the original.
 */
export function codeEditorAdapter(root: HTMLElement): FieldAdapter {
  let last: LastWrite | null = null;

  /** Our last write is still there, untouched, and holds `text`. */
  const ownWrite = (text: string): LastWrite | null =>
    last && last.text === text && last.drawn === stripWhitespace(readCode(root)) ? last : null;

  /**
   * Puts the editor's selection on what `region` owns, and returns the text selected (what the
   * paste will replace), or null when it cannot.
   */
  const select = (input: HTMLElement, region: FieldRegion): string | null => {
    if (region.whole) {
      if (!wholeDocumentShown(readCodeView(root))) return null;
      pressShortcut(input, 'a');
      // What the editor now copies is its whole document: it must be what is drawn, or a paste
      // would replace text nobody saw (lines folded or cut off in a way not caught above).
      const all = copiedSelection(input) ?? '';
      return stripWhitespace(all) === stripWhitespace(readCode(root)) ? all : null;
    }
    const selected = copiedSelection(input) ?? '';
    if (selected === region.text) return selected;
    const mine = ownWrite(region.text);
    if (!mine) return null;
    undo(input);
    if ((copiedSelection(input) ?? '') === mine.replaced) return mine.replaced;
    // The undo took back something else: put it back and write nothing.
    redo(input);
    return null;
  };

  const replace = async (region: FieldRegion, text: string): Promise<WriteResult> => {
    const result = (ok: boolean): WriteResult => ({
      ok,
      region: { text, whole: region.whole, start: 0, strippedStart: 0 },
      wholeText: readCode(root),
    });
    const input = codeEditorInput(root);
    if (!input) return result(false);
    input.focus({ preventScroll: true });
    const before = stripWhitespace(readCode(root));
    const replaced = select(input, region);
    if (replaced === null || !pastePlain(input, text)) return result(false);
    await drawnSettled(root, before);
    const drawn = readCode(root);
    const ok = showsWritten(drawn, text, region.whole);
    last = ok ? { text, replaced, drawn: stripWhitespace(drawn) } : null;
    return result(ok);
  };

  return {
    kind: 'code',
    element: root,
    holdsWholeText: true,
    // Monaco and Ace keep each paste its own undo step, however close together.
    undoGroupMs: 0,
    read: () => readCode(root),
    // With no selection in a document partly out of view: the caret (Insert into page adds there).
    initialRegion: () =>
      codeInitialRegion(root) ?? { text: '', whole: false, start: 0, strippedStart: 0 },
    intact: (expectedWhole) =>
      root.isConnected && stripWhitespace(readCode(root)) === stripWhitespace(expectedWhole),
    locate(region) {
      if (region.whole) {
        return wholeDocumentShown(readCodeView(root)) ? { ...region, text: readCode(root) } : null;
      }
      const input = codeEditorInput(root);
      const selected = input ? (copiedSelection(input) ?? '') : null;
      return selected === region.text || ownWrite(region.text) ? region : null;
    },
    replace,
    stream: null,
  };
}
