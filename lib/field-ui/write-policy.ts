import { deepActiveElement } from '../field-adapters/field-kind';
import type { WrittenRegion } from './written-region';

/** Why a result was not written into the field, in the user's terms. */
export type HeldBack = 'edited' | 'moved' | 'gone';

/**
 * Is the user still in this field? A write focuses its field, so writing while they type
 * elsewhere would pull their keys back into this one. In a subframe, a document without focus
 * means they went to another frame; in the top frame it means another window, where focusing
 * the already-active field changes nothing. Focus in the session's own panel still counts.
 */
export function userIsHere(el: HTMLElement, isOwnPanel: (element: Element) => boolean): boolean {
  const doc = el.ownerDocument;
  const active = deepActiveElement(doc);
  if (active && isOwnPanel(active)) return true;
  if (!active || !(active === el || el.contains(active))) return false;
  return doc.hasFocus() || doc.defaultView === doc.defaultView?.top;
}

/**
 * Why the field may not be written now, or null when it may: it must still be in the page, hold
 * exactly what the request last put there, and have the user in it.
 */
export function writeBlocker(
  field: WrittenRegion | null,
  isOwnPanel: (element: Element) => boolean,
): HeldBack | null {
  if (!field?.alive()) return 'gone';
  if (!field.intact()) return 'edited';
  return userIsHere(field.adapter.element, isOwnPanel) ? null : 'moved';
}
