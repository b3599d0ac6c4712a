/**
 * The verbs every field kind offers, each with the technique measured right for that operation in
 * that kind (tests/browser/in-page-editors.spec.ts is where they can fail for the real reason).
 * Types only: the always-on script imports this without any write code.
 */

/**
 * `code`: a code editor (Monaco, Ace) recognised by its input; `mirror`: another editor's hidden
 * textarea, holding only part of its document.
 */
export type FieldKind = 'value' | 'rich' | 'mirror' | 'code';

/** A text input or textarea: its text is its `value`. */
export type ValueElement = HTMLInputElement | HTMLTextAreaElement;

/** A field found where the user is typing, and which kind of field it is. */
export type FieldTarget =
  | { kind: 'value'; element: ValueElement }
  | { kind: 'mirror'; element: HTMLTextAreaElement }
  /** The editor's root (`.monaco-editor`, `.ace_editor`); its input element has focus. */
  | { kind: 'code'; element: HTMLElement }
  | { kind: 'rich'; element: HTMLElement };

/**
 * Which part of a field a request owns: the whole field, or the text between a prefix and a
 * suffix that the request does not touch.
 */
export interface FieldRegion {
  /** The text the region holds now, as written (or as found, at the start). */
  text: string;
  whole: boolean;
  /** Value fields: character offsets. */
  start: number;
  /** Rich fields: visible (non-whitespace) characters before the region. */
  strippedStart: number;
}

export interface WriteResult {
  ok: boolean;
  region: FieldRegion;
  /** The field's whole text right after the write: what "untouched since" is checked against. */
  wholeText: string;
}

/** Streaming a draft in as it arrives: only kinds where that keeps the model and undo right. */
export interface StreamVerbs {
  /**
   * Appends at the region's end without moving the caret, so the run folds into one undo step.
   * Not ok (nothing written) when the caret is no longer at the region's end.
   */
  append(region: FieldRegion, text: string): WriteResult | Promise<WriteResult>;
  /**
   * The field's own history records the streamed run as one undo step (as typing): nothing to
   * fold when the draft is complete. Otherwise the run is taken back with `undo` and the whole
   * draft goes in as one edit.
   */
  readonly groupsUndo: boolean;
  /**
   * Takes back up to `steps` insertions with the field's own undo, one at a time, stopping as
   * soon as `isBack()` (the field holds the user's text again). False, doing nothing, when the
   * field is not focused (undo acts on the focused field's history) or an undo changed nothing.
   */
  undo(steps: number, isBack: () => boolean): Promise<boolean>;
}

export interface FieldAdapter {
  readonly kind: FieldKind;
  readonly element: HTMLElement;
  /**
   * Whether what a request owns is seen whole, so a result may be written over it. False for a
   * mirror textarea (part of the document): results are never written there. True for a code
   * editor: it owns the selection (which the editor copies out whole) or the whole document only
   * while every line of it is drawn.
   */
  readonly holdsWholeText: boolean;
  /** The field's whole text the way this kind reads it (`value`, or the rendered text). */
  read(): string;
  /** The selection inside the field when there is one, else all of it. */
  initialRegion(): FieldRegion;
  /** Still in the page and holding exactly `expectedWhole` (rich: whitespace aside). */
  intact(expectedWhole: string): boolean;
  /**
   * The region as it stands now: still where it was, or moved because the user typed before it
   * (found once, unambiguously), or null when it cannot be found — then nothing may be written
   * there, or it would land in the wrong place. A whole-field region is always "found".
   */
  locate(region: FieldRegion): FieldRegion | null;
  /** Replaces the region as if the user had typed or pasted `text`, and reads it back. */
  replace(region: FieldRegion, text: string): Promise<WriteResult>;
  /** Null where the kind takes a draft only whole. */
  readonly stream: StreamVerbs | null;
  /**
   * The field's history merges edits closer together than this into one undo step: a result
   * written sooner after the previous one would undo together with it.
   */
  readonly undoGroupMs: number;
}

/** Where `needle` occurs in `haystack` exactly once, or null (absent, or ambiguous). */
export function uniqueIndex(haystack: string, needle: string): number | null {
  const first = haystack.indexOf(needle);
  return first >= 0 && haystack.lastIndexOf(needle) === first ? first : null;
}
