/**
 * How each rich editor takes text, measured per editor (real npm packages, headless Chromium 156;
 * see tests/browser/in-page-editors.spec.ts and the README's table of editors). One row per
 * editor, found from its contenteditable root; plain contenteditable is the last row.
 */

/**
 * `paste`: a synthetic plain-text paste, which the editor applies through its own model.
 * `paste-paragraphs`: a paste carrying the text only as HTML paragraphs built from text nodes,
 * for editors that parse pasted plain text as Markdown but keep HTML text as it is.
 * `paste-with-paragraphs`: a paste carrying the plain text and, beside it, the same text as HTML
 * paragraphs built from text nodes (what a copy from a web page carries), for editors that handle
 * a text-only paste a task later through a hidden "paste bin" (TinyMCE): with HTML beside it they
 * take the paste at once and still insert the plain text.
 * `paste-blocknote`: a paste in BlockNote's own clipboard format (`blocknote/html`, one paragraph
 * block per line of text nodes, marked as a ProseMirror slice) beside the same paragraphs as
 * `text/html` carrying that mark: BlockNote inserts its own format as it is (spaces and empty
 * lines kept), and Tiptap's paste rules (`**b**` -> bold) skip a paste marked as from ProseMirror.
 * `beforeinput-paste`: a `beforeinput` of type insertFromPaste carrying the text and the range it
 * replaces, for editors that take both from the event (Slate): no wait for the editor to notice
 * the selection.
 * `insertText`: `execCommand('insertText')`, which the editor reads back from the DOM (or its
 * `beforeinput`).
 */
export type Technique =
  | 'paste'
  | 'paste-paragraphs'
  | 'paste-with-paragraphs'
  | 'paste-blocknote'
  | 'beforeinput-paste'
  | 'insertText';

export interface EditorProfile {
  /** For words and tests: the editor's name as people know it. */
  name: string;
  /** Matched against the editable root (`closest`): the editor's own marker. */
  selector: string;
  /** Whole writes try these in order, each read back (the next runs only if nothing changed). */
  write: readonly Technique[];
  /**
   * How streamed chunks are appended at the caret, or null where the draft goes in whole (the
   * panel's preview is then the first visible text).
   */
  stream: Technique | null;
  /**
   * How many undo steps the streamed chunks make in the editor's history: `one` (the editor
   * groups them, like typing), or `per-chunk` (then the stream is taken back with the editor's
   * undo when the draft is complete and the whole draft goes in as one edit).
   */
  streamSteps: 'one' | 'per-chunk';
  /**
   * The editor merges edits closer together than this into one undo step: a refinement is written
   * at least this long after the draft, so Ctrl+Z still steps refined → draft → original.
   */
  undoGroupMs: number;
  /**
   * Time the editor needs to copy the DOM selection into its model before a `paste` (Slate:
   * throttled at 100 ms, then scheduled; a paste before that lands at the old selection).
   */
  selectionDelayMs: number;
  /**
   * Firefox only: `execCommand('insertText')` drops the line breaks of the text in this editor
   * (measured in Firefox ESR 153: 'words.\n' then 'A two.' left one paragraph 'words.A two.' in
   * the model and the DOM, where Chromium splits the paragraph), so typed text goes in line by
   * line with `insertParagraph` between the lines: two paragraphs, and a streamed run of such
   * chunks still one Ctrl+Z, as typing is. Plain contenteditable and CodeMirror 6 keep the breaks
   * of a plain insertText in Firefox; typed line by line, a plain contenteditable's streamed draft
   * could no longer be folded (its undo stopped at the first line), so it stays off there.
   */
  firefoxTypesLines: boolean;
}

/** Paste first: it reaches nearly every editor's model (field-notes.md). */
const PASTE_FIRST: readonly Technique[] = ['paste', 'insertText'];
/** Editors that read pasted plain text as Markdown (`**b**` → bold) take typed-in text first. */
const TYPED_FIRST: readonly Technique[] = ['insertText', 'paste'];

export const EDITOR_PROFILES: readonly EditorProfile[] = [
  {
    name: 'CodeMirror 6',
    selector: '.cm-content',
    write: PASTE_FIRST,
    // A paste makes one undo step per chunk; typed-in chunks group like typing (measured).
    stream: 'insertText',
    streamSteps: 'one',
    undoGroupMs: 500,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'BlockNote',
    // Its editable also carries Tiptap's class: this row comes before Tiptap's.
    selector: '.bn-editor',
    // execCommand keeps only the first line ('a\nb' -> 'a'). A plain-text paste is read as
    // Markdown (`**b**` -> bold, `- item` -> a list item), even beside HTML (its default
    // prioritizeMarkdownOverHTML). HTML paragraphs alone keep '# ' and '- ' literal, but Tiptap's
    // Bold paste rule still bolds `**b**` in the changed range, and HTML parsing collapses spaces
    // and drops empty lines: its own format, marked as a ProseMirror slice, keeps all of it.
    write: ['paste-blocknote'],
    // Streamed, both lose text: each pasted chunk is parsed as Markdown, which trims the spaces at
    // its edges ('line two, a little' -> 'line two,a little'); typed-in chunks drop line breaks.
    stream: null,
    streamSteps: 'one',
    // Tiptap's history: edits 300 ms apart merged, 600 ms apart did not.
    undoGroupMs: 500,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'Milkdown',
    // The ProseMirror root sits inside `.milkdown`: this row comes before ProseMirror's.
    selector: '.milkdown',
    // Its clipboard plugin reads pasted plain text as Markdown (`**b**` -> bold, spaces at a
    // chunk's edges trimmed); execCommand keeps Markdown-looking text literal, line breaks too.
    write: ['paste-paragraphs', 'insertText'],
    // Typed-in chunks keep the model right in one undo step, but input rules apply to typed text:
    // a chunk ending in '# ' at the start of a line turned that line into a heading (the '# ' was
    // gone). Pasted chunks lose the spaces at their edges. So the draft goes in whole.
    stream: null,
    streamSteps: 'one',
    // ProseMirror history: edits 300 ms apart merged, 600 ms apart did not.
    undoGroupMs: 500,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'Tiptap',
    selector: '.tiptap',
    write: TYPED_FIRST,
    stream: 'insertText',
    streamSteps: 'one',
    undoGroupMs: 500,
    selectionDelayMs: 0,
    firefoxTypesLines: true,
  },
  {
    name: 'ProseMirror',
    selector: '.ProseMirror',
    write: PASTE_FIRST,
    stream: 'insertText',
    streamSteps: 'one',
    undoGroupMs: 500,
    selectionDelayMs: 0,
    firefoxTypesLines: true,
  },
  {
    name: 'Lexical',
    selector: '[data-lexical-editor="true"]',
    // execCommand drops line breaks in Lexical.
    write: ['paste'],
    stream: 'paste',
    streamSteps: 'per-chunk',
    undoGroupMs: 300,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'Quill',
    selector: '.ql-editor',
    write: PASTE_FIRST,
    stream: 'insertText',
    // Quill groups changes within 1 s of a group's first one: a stream longer than that split
    // into several undo steps (measured with a 1.4 s stream), so the run is folded.
    streamSteps: 'per-chunk',
    undoGroupMs: 1000,
    selectionDelayMs: 0,
    firefoxTypesLines: true,
  },
  {
    name: 'Slate',
    selector: '[data-slate-editor]',
    // execCommand fires no beforeinput in Chromium: Slate's model would not change. A paste lands
    // where Slate's model thinks the selection is, which it learns on a 100 ms throttle; the
    // beforeinput carries its range, so it needs no wait.
    write: ['beforeinput-paste', 'paste'],
    stream: 'beforeinput-paste',
    // slate-history merges typed text, but a chunk with a line break (a split) starts a new step.
    streamSteps: 'per-chunk',
    undoGroupMs: 0,
    selectionDelayMs: 150,
    firefoxTypesLines: false,
  },
  {
    name: 'Draft.js',
    selector: '.public-DraftEditor-content',
    // execCommand corrupts multi-line text in Draft.js.
    write: ['paste'],
    stream: 'paste',
    streamSteps: 'per-chunk',
    undoGroupMs: 0,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'TinyMCE',
    selector: '.mce-content-body',
    // A text-only paste goes through TinyMCE's paste bin a task later: keys typed meanwhile went
    // into the bin and were lost (measured: 'mine' typed mid-stream gone in 4 of 8 runs). With
    // HTML beside the text it takes the paste at dispatch and inserts the plain text (0 of 8).
    write: ['paste-with-paragraphs', 'insertText'],
    stream: 'paste-with-paragraphs',
    streamSteps: 'per-chunk',
    undoGroupMs: 0,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'CKEditor 5',
    selector: '.ck-editor__editable',
    // execCommand returns true but CKEditor redraws over it: its model stays unchanged.
    write: ['paste'],
    stream: 'paste',
    // Each pasted chunk is its own undo step (12 chunks: 12 Ctrl+Z).
    streamSteps: 'per-chunk',
    // Pastes never merge, not even 50 ms apart, nor with the typing before them.
    undoGroupMs: 0,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'Trix',
    selector: 'trix-editor',
    // execCommand lands, but Trix records it as typing: one Ctrl+Z takes back the user's typed
    // text with it (Trix merges typing within the same 5 s clock window).
    write: ['paste'],
    // Typed-in chunks lose the line breaks they carry.
    stream: 'paste',
    // One undo step per pasted chunk.
    streamSteps: 'per-chunk',
    // Pastes never merge (measured down to 50 ms apart).
    undoGroupMs: 0,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
  {
    name: 'contenteditable',
    selector: '*',
    write: PASTE_FIRST,
    stream: 'insertText',
    // Chrome coalesces typed text, but not across a line break: one step per chunk after one.
    streamSteps: 'per-chunk',
    undoGroupMs: 0,
    selectionDelayMs: 0,
    firefoxTypesLines: false,
  },
];

/** The profile of the editor whose editable root is `el` (plain contenteditable when unknown). */
export function editorProfileOf(el: HTMLElement): EditorProfile {
  return EDITOR_PROFILES.find((profile) => el.closest(profile.selector) !== null)!;
}
