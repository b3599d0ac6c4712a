import type { FieldTarget, ValueElement } from './field-adapter';
import { codeEditorRoot } from './code-editor';
import { isMirrorTextarea } from './mirror-textarea';

/** Where the user is typing: the focused element, found through open shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', '']);

/** Any input or textarea, whatever its type: what secret and read-only checks look at. */
export function isFormTextControl(el: Element): el is ValueElement {
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
}

/** An input whose type takes no free text (number, tel, date…). */
export function isNonTextInput(el: Element): boolean {
  return el instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(el.type.toLowerCase());
}

function isValueField(el: Element): el is ValueElement {
  return isFormTextControl(el) && !isNonTextInput(el);
}

/** The outermost contenteditable ancestor: rich editors nest editable and non-editable nodes. */
export function editableRoot(el: Element): HTMLElement | null {
  let node: HTMLElement | null = el instanceof HTMLElement ? el : el.parentElement;
  if (!node?.isContentEditable) return null;
  while (node.parentElement?.isContentEditable) node = node.parentElement;
  return node;
}

/**
 * Something the user types text into (a focus note: which field "Insert into page" targets).
 * Monaco's EditContext input is neither contenteditable nor a form control.
 */
export function isTextEntry(el: HTMLElement): boolean {
  return el.isContentEditable || isFormTextControl(el) || codeEditorRoot(el) !== null;
}

/** The field `el` belongs to and its kind, decided here once; null when it holds no text. */
export function fieldTargetOf(el: Element): FieldTarget | null {
  // Before value fields: Ace's and Monaco's inputs are (hidden) textareas, or neither kind at all
  // (Monaco's EditContext div is not contenteditable).
  const code = codeEditorRoot(el);
  if (code) return { kind: 'code', element: code };
  if (isValueField(el)) {
    if (el instanceof HTMLTextAreaElement && isMirrorTextarea(el)) {
      return { kind: 'mirror', element: el };
    }
    return { kind: 'value', element: el };
  }
  const root = editableRoot(el);
  return root ? { kind: 'rich', element: root } : null;
}
