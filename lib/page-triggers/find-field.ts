import type { FieldTarget } from '../field-adapters/field-adapter';
import {
  deepActiveElement,
  editableRoot,
  fieldTargetOf,
  isFormTextControl,
  isNonTextInput,
} from '../field-adapters/field-kind';
import { describeField, sensitiveField } from './sensitive-field';

export type FieldRefusal = 'password' | 'payment' | 'one-time-code' | 'read-only' | 'not-editable';

/**
 * Fields whose content must never go to a provider, or cannot be written. A secret outranks the
 * other reasons: card and code fields are often type=tel or type=number, and "never reads
 * password fields" is the truer reason for a locked password field.
 */
export function refusalFor(el: Element): FieldRefusal | null {
  const valueField = isFormTextControl(el);
  const root = valueField ? el : editableRoot(el);
  if (root) {
    const secret = sensitiveField(describeField(root));
    if (secret) return secret.kind;
  }
  if (isNonTextInput(el)) return 'not-editable';
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
  const target = fieldTargetOf(active);
  return target ? { ok: true, target } : { ok: false, refusal: 'not-editable', element: active };
}
