import { uniqueIndex, type FieldRegion } from './field-adapter';
import { rangeOfText, stripWhitespace, strippedOffsetBefore } from './text-offsets';

// Regions of a rich editor are counted in visible (non-whitespace) characters: editors render
// paragraphs as blocks, not "\n", each in its own way.

export function readRich(el: HTMLElement): string {
  return el.innerText;
}

/** The selection the editor's root lives in: its open shadow root's (Chrome), or its document's. */
export function selectionIn(el: HTMLElement): Selection | null {
  const root = el.getRootNode();
  // Chrome exposes the selection inside an open shadow root on the root itself.
  const shadowSelection = (root as ShadowRoot & { getSelection?: () => Selection | null })
    .getSelection;
  if (root instanceof ShadowRoot && typeof shadowSelection === 'function') {
    return shadowSelection.call(root);
  }
  return el.ownerDocument.getSelection();
}

/** The selection when it covers part of the editor's visible text, else the whole editor. */
export function richInitialRegion(el: HTMLElement): FieldRegion {
  const selection = selectionIn(el);
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const all = readRich(el);
  if (range && !range.collapsed && el.contains(range.commonAncestorContainer)) {
    const text = range.toString();
    if (stripWhitespace(text) !== stripWhitespace(all)) {
      return { text, whole: false, start: 0, strippedStart: strippedOffsetBefore(el, range) };
    }
  }
  return { text: all, whole: true, start: 0, strippedStart: 0 };
}

/** Puts the DOM selection on the region; false when the editor no longer holds it there. */
export function selectRichRegion(el: HTMLElement, region: FieldRegion): boolean {
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

export function richIntact(el: HTMLElement, expectedWhole: string): boolean {
  return el.isConnected && stripWhitespace(readRich(el)) === stripWhitespace(expectedWhole);
}

export function locateRichRegion(el: HTMLElement, region: FieldRegion): FieldRegion | null {
  if (region.whole) return { ...region, text: readRich(el) };
  const visible = stripWhitespace(readRich(el));
  const needle = stripWhitespace(region.text);
  if (!needle) return null;
  if (visible.slice(region.strippedStart, region.strippedStart + needle.length) === needle) {
    return region;
  }
  const strippedStart = uniqueIndex(visible, needle);
  return strippedStart === null ? null : { ...region, strippedStart };
}
