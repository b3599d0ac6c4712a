import { isMirrorTextarea } from '../field-adapters/mirror-textarea';
import { describeField, sensitiveField } from './sensitive-field';

/** Where the user is typing: the focused element, found through open shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', '']);

/** `mirror`: a code editor's hidden textarea, holding only part of its document. */
export type FieldKind = 'value' | 'rich' | 'mirror';

export interface FieldTarget {
  /** The element that holds the text: an input/textarea, or the contenteditable root. */
  element: HTMLElement;
  kind: FieldKind;
}

export type FieldRefusal = 'password' | 'payment' | 'one-time-code' | 'read-only' | 'not-editable';

function isValueField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type.toLowerCase()))
  );
}

/** The outermost contenteditable ancestor: rich editors nest editable and non-editable nodes. */
function editableRoot(el: Element): HTMLElement | null {
  let node: HTMLElement | null = el instanceof HTMLElement ? el : el.parentElement;
  if (!node?.isContentEditable) return null;
  while (node.parentElement?.isContentEditable) node = node.parentElement;
  return node;
}

/**
 * Fields whose content must never go to a provider, or cannot be written. A secret outranks the
 * other reasons: card and code fields are often type=tel or type=number, and "never reads
 * password fields" is the truer reason for a locked password field.
 */
export function refusalFor(el: Element): FieldRefusal | null {
  const valueField = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
  const root = valueField ? el : editableRoot(el);
  if (root) {
    const secret = sensitiveField(describeField(root));
    if (secret) return secret.kind;
  }
  if (el instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(el.type.toLowerCase())) {
    return 'not-editable';
  }
  if (valueField && (el.readOnly || el.disabled)) return 'read-only';
  return null;
}

export type FieldLookup =
  { ok: true; target: FieldTarget } | { ok: false; refusal: FieldRefusal; element: Element | null };

export function findField(doc: Document = document): FieldLookup {
  const active = deepActiveElement(doc);
  if (!active || (active === doc.body && !doc.body.isContentEditable)) {
    return { ok: false, refusal: 'not-editable', element: null };
  }
  const refusal = refusalFor(active);
  if (refusal) return { ok: false, refusal, element: active };
  if (isValueField(active)) {
    const mirror = active instanceof HTMLTextAreaElement && isMirrorTextarea(active);
    return { ok: true, target: { element: active, kind: mirror ? 'mirror' : 'value' } };
  }
  const root = editableRoot(active);
  if (root) return { ok: true, target: { element: root, kind: 'rich' } };
  return { ok: false, refusal: 'not-editable', element: active };
}
