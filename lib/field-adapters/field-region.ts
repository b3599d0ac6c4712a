import type { FieldTarget } from '../in-page/find-field';
import { rangeOfText, stripWhitespace, strippedOffsetBefore } from './text-offsets';

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

export function readFieldText(target: FieldTarget): string {
  const el = target.element;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
  return el.innerText;
}

function selectionIn(el: HTMLElement): Selection | null {
  const root = el.getRootNode();
  // Chrome exposes the selection inside an open shadow root on the root itself.
  const shadowSelection = (root as ShadowRoot & { getSelection?: () => Selection | null })
    .getSelection;
  if (root instanceof ShadowRoot && typeof shadowSelection === 'function') {
    return shadowSelection.call(root);
  }
  return el.ownerDocument.getSelection();
}

/** The region to optimize: the selection inside the field when there is one, else all of it. */
export function initialRegion(target: FieldTarget): FieldRegion {
  const el = target.element;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? start;
    if (end > start && !(start === 0 && end === el.value.length)) {
      return { text: el.value.slice(start, end), whole: false, start, strippedStart: 0 };
    }
    return { text: el.value, whole: true, start: 0, strippedStart: 0 };
  }
  const selection = selectionIn(el);
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const all = readFieldText(target);
  if (range && !range.collapsed && el.contains(range.commonAncestorContainer)) {
    const text = range.toString();
    if (stripWhitespace(text) !== stripWhitespace(all)) {
      return { text, whole: false, start: 0, strippedStart: strippedOffsetBefore(el, range) };
    }
  }
  return { text: all, whole: true, start: 0, strippedStart: 0 };
}

/** Puts the field's selection on the region, so the next insertion replaces exactly it. */
export function selectRegion(target: FieldTarget, region: FieldRegion): boolean {
  const el = target.element;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (region.whole) el.setSelectionRange(0, el.value.length);
    else el.setSelectionRange(region.start, region.start + region.text.length);
    return true;
  }
  const selection = selectionIn(el) ?? el.ownerDocument.getSelection();
  if (!selection) return false;
  if (region.whole) {
    selection.selectAllChildren(el);
    return true;
  }
  const range = rangeOfText(el, region.text, region.strippedStart);
  if (!range) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/** Does the field still hold exactly what the request last put there? */
export function regionIntact(
  target: FieldTarget,
  region: FieldRegion,
  expectedWhole: string,
): boolean {
  const el = target.element;
  if (!el.isConnected) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    return el.value === expectedWhole;
  }
  return stripWhitespace(el.innerText) === stripWhitespace(expectedWhole);
}

/** Where `needle` occurs in `haystack` exactly once, or null (absent, or ambiguous). */
function uniqueIndex(haystack: string, needle: string): number | null {
  const first = haystack.indexOf(needle);
  return first >= 0 && haystack.lastIndexOf(needle) === first ? first : null;
}

/**
 * A partial region as it stands now: still where it was, or moved because the user typed before
 * it (found once, unambiguously), or null when it cannot be found — then nothing may be written
 * there, or it would land in the wrong place. A whole-field region is always "found".
 */
export function locateRegion(target: FieldTarget, region: FieldRegion): FieldRegion | null {
  if (region.whole) return { ...region, text: readFieldText(target) };
  const el = target.element;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (el.value.slice(region.start, region.start + region.text.length) === region.text) {
      return region;
    }
    const start = region.text ? uniqueIndex(el.value, region.text) : null;
    return start === null ? null : { ...region, start };
  }
  const visible = stripWhitespace(readFieldText(target));
  const needle = stripWhitespace(region.text);
  if (!needle) return null;
  if (visible.slice(region.strippedStart, region.strippedStart + needle.length) === needle) {
    return region;
  }
  const strippedStart = uniqueIndex(visible, needle);
  return strippedStart === null ? null : { ...region, strippedStart };
}
