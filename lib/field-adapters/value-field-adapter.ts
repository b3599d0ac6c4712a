import { insertTextIntoField } from 'text-field-edit';
import type { FieldAdapter, FieldRegion, ValueElement, WriteResult } from './field-adapter';
import { deepActiveElement } from './field-kind';
import {
  locateValueRegion,
  selectValueRegion,
  valueInitialRegion,
  valueIntact,
  valueRegionAfter,
} from './value-region';

/**
 * text-field-edit's insertTextIntoField, without its focus juggling when the field already has
 * focus: it compares with document.activeElement, which for a field in a shadow root is the host,
 * so it blurred the field after every insertion (measured: the streamed draft's steps could not
 * be folded into one undo step, and undo stopped at the first streamed chunk).
 */
function insertIntoValueField(el: ValueElement, text: string): void {
  if (deepActiveElement(el.ownerDocument) !== el) {
    insertTextIntoField(el, text);
    return;
  }
  // The same commands text-field-edit runs: execCommand keeps native undo and React's state in
  // step (a native value setter loses undo).
  if (text === '') el.ownerDocument.execCommand('delete');
  else el.ownerDocument.execCommand('insertText', false, text);
}

/** Did `text` land? A single-line input turns line breaks into spaces: what landed counts. */
function landedAs(el: ValueElement, landed: string, text: string): boolean {
  return (
    landed === text || (el instanceof HTMLInputElement && landed === text.replace(/\r?\n/g, ' '))
  );
}

/** Replaces the region with execCommand('insertText'): model updated, undo kept, one step. */
export function replaceInValueField(
  el: ValueElement,
  region: FieldRegion,
  text: string,
): WriteResult {
  el.focus({ preventScroll: true });
  selectValueRegion(el, region);
  const start = region.whole ? 0 : region.start;
  insertIntoValueField(el, text);
  const landed = el.value.slice(start, start + text.length);
  return {
    ok: landedAs(el, landed, text),
    region: valueRegionAfter(el, region, landed),
    wholeText: el.value,
  };
}

/**
 * Streams more draft text onto the end of the region without moving the caret first, so Chrome
 * folds the run of insertions into one undo step, like typing.
 */
function appendToValueRegion(el: ValueElement, region: FieldRegion, text: string): WriteResult {
  const start = region.whole ? 0 : region.start;
  const end = start + region.text.length;
  if (el.ownerDocument.activeElement !== el) el.focus({ preventScroll: true });
  if (el.selectionStart !== end || el.selectionEnd !== end) el.setSelectionRange(end, end);
  insertIntoValueField(el, text);
  const landed = el.value.slice(start, end + text.length);
  return {
    ok: landed.endsWith(text) || el instanceof HTMLInputElement,
    region: valueRegionAfter(el, region, landed),
    wholeText: el.value,
  };
}

/** Textareas and text inputs, also in iframes, shadow roots and React-controlled forms. */
export function valueFieldAdapter(el: ValueElement): FieldAdapter {
  return {
    kind: 'value',
    element: el,
    holdsWholeText: true,
    read: () => el.value,
    initialRegion: () => valueInitialRegion(el),
    intact: (expectedWhole) => valueIntact(el, expectedWhole),
    locate: (region) => locateValueRegion(el, region),
    replace: (region, text) => Promise.resolve(replaceInValueField(el, region, text)),
    // Chrome keeps each execCommand insertion in a field its own undo step.
    undoGroupMs: 0,
    stream: {
      append: (region, text) => appendToValueRegion(el, region, text),
      groupsUndo: false,
      undo(steps, isBack) {
        if (deepActiveElement(el.ownerDocument) !== el) return Promise.resolve(false);
        for (let i = 0; i < steps && !isBack(); i += 1) el.ownerDocument.execCommand('undo');
        return Promise.resolve(true);
      },
    },
  };
}
