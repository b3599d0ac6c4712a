// A "mirror" textarea: a hidden <textarea> that a code editor (Ace, Monaco's fallback,
// CodeMirror 5) uses to catch keys and IME input. It holds only part of the document (often the
// current line) and the editor rewrites it after each input, so text streamed into it in several
// writes corrupts the real document. Such a field gets one verified write, never a stream.
// A pure decision over a plain description (unit-tested as a table) and a thin DOM reader.

export interface Box {
  width: number;
  height: number;
}

export interface TextareaLook {
  /** The textarea's own classes. */
  classes: readonly string[];
  /** Class lists of its ancestors, nearest first (a few levels are enough). */
  ancestorClasses: readonly (readonly string[])[];
  /** Its rendered box, in CSS pixels. */
  box: Box;
  /** Computed opacity of the textarea itself. */
  opacity: number;
  /** Computed `clip` ('auto' or `rect(…)`) and `clip-path` ('none', `inset(…)`…). */
  clip: string;
  clipPath: string;
  /** Entirely left of or above the document, where no scrolling reaches. */
  offscreen: boolean;
  /** The nearest ancestor's box that is larger than the textarea, within a few levels. */
  surrounding: Box | null;
}

/** Known editors: the textarea's class (if the editor gives it one) inside the editor's root. */
const KNOWN_EDITORS: readonly { textarea: string | null; root: string }[] = [
  { textarea: 'ace_text-input', root: 'ace_editor' },
  { textarea: 'inputarea', root: 'monaco-editor' },
  // CodeMirror 5 wraps an unclassed textarea in a 3px-wide div inside `.CodeMirror`.
  { textarea: null, root: 'CodeMirror' },
];

/** At most this big in either dimension counts as "near-zero" (Monaco: 1px, CodeMirror 5: 1px). */
const TINY_PX = 2;
const INVISIBLE_OPACITY = 0.01;
/** A surrounding box this big can show a line of text: an editor, not a layout wrapper of 0×0. */
const EDITOR_MIN: Box = { width: 40, height: 12 };

/**
 * Clipped to nothing: `clip: rect(0 0 0 0)` / `rect(1px, 1px, 1px, 1px)`, or `clip-path:
 * inset(50%)` / `circle(0)`. Other clip paths (rounded corners) leave the text in sight.
 */
export function clippedAway(clip: string, clipPath: string): boolean {
  const rect = /^rect\((.*)\)$/.exec(clip.trim());
  if (rect?.[1]) {
    // 'auto' sides parse to NaN: such a rect does not clip that side, so it hides nothing here.
    const sides = rect[1].split(/[\s,]+/).map((side) => Number.parseFloat(side));
    if (sides.length === 4 && sides.every((side) => Number.isFinite(side))) {
      const [top = 0, right = 0, bottom = 0, left = 0] = sides;
      return right - left <= TINY_PX || bottom - top <= TINY_PX;
    }
  }
  const path = clipPath.trim();
  return /^inset\(\s*50%/.test(path) || /^circle\(\s*0(px)?[\s)]/.test(path);
}

function isVisuallyHidden(look: TextareaLook): boolean {
  return (
    look.opacity <= INVISIBLE_OPACITY ||
    look.box.width <= TINY_PX ||
    look.box.height <= TINY_PX ||
    clippedAway(look.clip, look.clipPath) ||
    look.offscreen
  );
}

/** Whether the textarea stands in for an editor's document instead of holding it. */
export function isMirrorLook(look: TextareaLook): boolean {
  for (const editor of KNOWN_EDITORS) {
    const classed = editor.textarea === null || look.classes.includes(editor.textarea);
    if (classed && look.ancestorClasses.some((classes) => classes.includes(editor.root))) {
      return true;
    }
  }
  // Unknown editors: the user types into a textarea they cannot see, while something larger
  // around it draws the text. A visible textarea with transparent text over a highlighted copy
  // (react-simple-code-editor) holds the whole document, so it is not a mirror.
  const around = look.surrounding;
  return (
    isVisuallyHidden(look) &&
    around !== null &&
    around.width >= EDITOR_MIN.width &&
    around.height >= EDITOR_MIN.height
  );
}

const ANCESTOR_LEVELS = 6;
const SURROUNDING_LEVELS = 3;

/** Reads the look of a live textarea (layout and computed style). */
export function readTextareaLook(el: HTMLTextAreaElement): TextareaLook {
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const ancestorClasses: string[][] = [];
  let surrounding: Box | null = null;
  let node = el.parentElement;
  for (let level = 1; node && level <= ANCESTOR_LEVELS; level++, node = node.parentElement) {
    ancestorClasses.push([...node.classList]);
    if (!surrounding && level <= SURROUNDING_LEVELS) {
      const outer = node.getBoundingClientRect();
      if (outer.width > rect.width && outer.height > rect.height) {
        surrounding = { width: outer.width, height: outer.height };
      }
    }
  }
  return {
    classes: [...el.classList],
    ancestorClasses,
    box: { width: rect.width, height: rect.height },
    opacity: Number.parseFloat(style?.opacity ?? '1'),
    clip: style?.getPropertyValue('clip') || 'auto',
    clipPath: style?.getPropertyValue('clip-path') || 'none',
    offscreen: rect.right + (view?.scrollX ?? 0) <= 0 || rect.bottom + (view?.scrollY ?? 0) <= 0,
    surrounding,
  };
}

/** Whether text streamed into this textarea would reach the editor's document intact: no. */
export function isMirrorTextarea(el: HTMLTextAreaElement): boolean {
  return isMirrorLook(readTextareaLook(el));
}
