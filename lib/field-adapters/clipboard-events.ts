// Synthetic clipboard and beforeinput events that the page's own editor can read, from the
// extension's isolated world, in Chromium and in Firefox. Measured in Firefox ESR 153 (content
// script of the Firefox build, real editors from npm; tests/firefox/editors.test.ts):
// - `new ClipboardEvent('paste', { clipboardData })` ignores `clipboardData`: the event carries an
//   empty DataTransfer of its own (the page saw `types: []`; Quill then emptied the field, Monaco
//   pasted nothing). Gecko's ClipboardEventInit takes `dataType` and `data` instead (one type), and
//   the page reads that text. A copy event's handler writes into the event's own DataTransfer.
// - A DataTransfer made in the content script and filled there is readable by the page only as
//   its `types` (['text/plain']); `getData()` returns '' to page scripts (the data carries the
//   content script's principal), so Slate's beforeinput paste inserted nothing. One made with the
//   page's own constructor, filled through the page's methods (`wrappedJSObject`, Firefox's Xray
//   waiver), is read in full.
// Chromium takes `clipboardData` as given and has no `wrappedJSObject`: nothing changes there.

/** The page's own DataTransfer constructor in Firefox (Xray waiver), else this world's. */
function dataTransferConstructor(doc: Document): typeof DataTransfer {
  const pageWindow = (doc.defaultView as { wrappedJSObject?: { DataTransfer?: unknown } } | null)
    ?.wrappedJSObject;
  const PageDataTransfer = pageWindow?.DataTransfer;
  return typeof PageDataTransfer === 'function'
    ? (PageDataTransfer as typeof DataTransfer)
    : DataTransfer;
}

/** A DataTransfer holding `text` as `type`, whose data the page's scripts can read. */
export function pageReadableData(doc: Document, type: string, text: string): DataTransfer {
  return pageReadableItems(doc, { [type]: text });
}

/** A DataTransfer holding each type's text, whose data the page's scripts can read. */
function pageReadableItems(doc: Document, items: Readonly<Record<string, string>>): DataTransfer {
  const data = new (dataTransferConstructor(doc))();
  for (const [type, text] of Object.entries(items)) data.setData(type, text);
  return data;
}

/** Gecko's own ClipboardEventInit members (one type of data), beside the standard ones. */
interface GeckoClipboardEventInit extends ClipboardEventInit {
  dataType: string;
  data: string;
}

/**
 * A paste event carrying `text` as `type`, bubbling, cancelable and composed; with `alsoHtml`,
 * the same paste also carries that HTML, as a copy from a web page does. Gecko's init takes one
 * type: there the paste carries `text` as `type` only.
 */
export function pasteEvent(
  doc: Document,
  type: string,
  text: string,
  alsoHtml?: string,
): ClipboardEvent {
  const items = alsoHtml === undefined ? { [type]: text } : { [type]: text, 'text/html': alsoHtml };
  return pasteEventOf(doc, items, type);
}

/**
 * A paste event carrying each of `items` (type -> data); Gecko's init takes one type, so in
 * Firefox it carries `items[geckoType]` only.
 */
export function pasteEventOf(
  doc: Document,
  items: Readonly<Record<string, string>>,
  geckoType: string,
): ClipboardEvent {
  const init: ClipboardEventInit = { bubbles: true, cancelable: true, composed: true };
  const data = items[geckoType] ?? '';
  // The page's own DataTransfer: should Firefox come to take `clipboardData`, its data stays
  // readable to the page.
  const event = new ClipboardEvent('paste', {
    ...init,
    clipboardData: pageReadableItems(doc, items),
  });
  if (event.clipboardData?.getData(geckoType) === data) return event;
  // Firefox: the clipboardData member was ignored.
  const gecko: GeckoClipboardEventInit = { ...init, dataType: geckoType, data };
  return new ClipboardEvent('paste', gecko);
}

/**
 * Dispatches a copy event to `target` (not bubbling: the page around sees no copy) and returns
 * the plain text and the given format its handler wrote, read from the event's own DataTransfer
 * (in Firefox the event makes its own, whatever DataTransfer it is given).
 */
export function copyFrom(target: HTMLElement, format: string): { text: string; format: string } {
  const event = new ClipboardEvent('copy', { clipboardData: new DataTransfer() });
  target.dispatchEvent(event);
  const data = event.clipboardData;
  return { text: data?.getData('text/plain') ?? '', format: data?.getData(format) ?? '' };
}
