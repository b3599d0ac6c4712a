import { uniqueIndex, type FieldRegion, type ValueElement } from './field-adapter';

// Regions of a value field (input, textarea) are character offsets into its `value`.

export function wholeValueRegion(el: ValueElement): FieldRegion {
  return { text: el.value, whole: true, start: 0, strippedStart: 0 };
}

/** The selection when it covers part of the field, else the whole field. */
export function valueInitialRegion(el: ValueElement): FieldRegion {
  const start = el.selectionStart ?? 0;
  const end = el.selectionEnd ?? start;
  if (end > start && !(start === 0 && end === el.value.length)) {
    return { text: el.value.slice(start, end), whole: false, start, strippedStart: 0 };
  }
  return wholeValueRegion(el);
}

/** Puts the field's selection on the region, so the next insertion replaces exactly it. */
export function selectValueRegion(el: ValueElement, region: FieldRegion): void {
  if (region.whole) el.setSelectionRange(0, el.value.length);
  else el.setSelectionRange(region.start, region.start + region.text.length);
}

export function valueIntact(el: ValueElement, expectedWhole: string): boolean {
  return el.isConnected && el.value === expectedWhole;
}

export function locateValueRegion(el: ValueElement, region: FieldRegion): FieldRegion | null {
  if (region.whole) return wholeValueRegion(el);
  if (el.value.slice(region.start, region.start + region.text.length) === region.text) {
    return region;
  }
  const start = region.text ? uniqueIndex(el.value, region.text) : null;
  return start === null ? null : { ...region, start };
}

/** The region after `text` went in at `start`: what landed, or the whole value. */
export function valueRegionAfter(
  el: ValueElement,
  region: FieldRegion,
  landed: string,
): FieldRegion {
  return region.whole
    ? wholeValueRegion(el)
    : { text: landed, whole: false, start: region.start, strippedStart: 0 };
}
