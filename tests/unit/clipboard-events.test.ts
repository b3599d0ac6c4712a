// @vitest-environment happy-dom
// Synthetic paste and copy events the page's editor can read, in Chromium (the DataTransfer given)
// and in Firefox (Gecko ignores `clipboardData` in ClipboardEventInit and takes `dataType`/`data`;
// measured in tests/firefox/editors.test.ts). Firefox's constructor is stood in for here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  copyFrom,
  pageReadableData,
  pasteEvent,
  pasteEventOf,
} from '../../lib/field-adapters/clipboard-events';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Gecko's ClipboardEvent: an empty DataTransfer of its own, or one holding `data` as `dataType`. */
class GeckoClipboardEvent extends Event {
  static inits: object[] = [];
  readonly clipboardData: DataTransfer;
  constructor(type: string, init: ClipboardEventInit & { dataType?: string; data?: string } = {}) {
    super(type, init);
    GeckoClipboardEvent.inits.push(init);
    this.clipboardData = new DataTransfer();
    if (init.dataType) this.clipboardData.setData(init.dataType, init.data ?? '');
  }
}

describe('a paste event', () => {
  it('carries the given DataTransfer where the constructor takes it (Chromium)', () => {
    const event = pasteEvent(document, 'text/plain', 'a\nb');
    expect(event.type).toBe('paste');
    expect(event.clipboardData?.getData('text/plain')).toBe('a\nb');
    expect([event.bubbles, event.cancelable, event.composed]).toEqual([true, true, true]);
  });

  it('carries HTML beside the plain text when asked, as a copy from a web page does', () => {
    const event = pasteEvent(document, 'text/plain', 'a b ', '<p>a b </p>');
    expect(event.clipboardData?.getData('text/plain')).toBe('a b ');
    expect(event.clipboardData?.getData('text/html')).toBe('<p>a b </p>');
  });

  it("falls back to Gecko's dataType and data where clipboardData is ignored (Firefox)", () => {
    GeckoClipboardEvent.inits = [];
    vi.stubGlobal('ClipboardEvent', GeckoClipboardEvent);
    const event = pasteEvent(document, 'text/html', '<p>a</p>');
    expect(event.clipboardData?.getData('text/html')).toBe('<p>a</p>');
    expect(GeckoClipboardEvent.inits.at(-1)).toMatchObject({
      dataType: 'text/html',
      data: '<p>a</p>',
      bubbles: true,
      cancelable: true,
      composed: true,
    });
  });
});

describe('a paste event of several types (BlockNote: its own format beside HTML)', () => {
  const items = {
    'blocknote/html': '<div data-pm-slice="3 3 []">x</div>',
    'text/html': '<p>x</p>',
  };

  it('carries every type where the constructor takes a DataTransfer (Chromium)', () => {
    const event = pasteEventOf(document, items, 'text/html');
    expect(event.clipboardData?.getData('blocknote/html')).toBe(items['blocknote/html']);
    expect(event.clipboardData?.getData('text/html')).toBe('<p>x</p>');
  });

  it('carries only the named type where Gecko takes one (Firefox)', () => {
    GeckoClipboardEvent.inits = [];
    vi.stubGlobal('ClipboardEvent', GeckoClipboardEvent);
    const event = pasteEventOf(document, items, 'text/html');
    expect(event.clipboardData?.getData('text/html')).toBe('<p>x</p>');
    expect(event.clipboardData?.getData('blocknote/html')).toBe('');
    expect(GeckoClipboardEvent.inits.at(-1)).toMatchObject({
      dataType: 'text/html',
      data: '<p>x</p>',
    });
  });
});

describe('a DataTransfer for the page', () => {
  it("uses the page's own constructor when the world has an Xray waiver (Firefox)", () => {
    const made: string[] = [];
    class PageDataTransfer extends DataTransfer {
      override setData(type: string, text: string): void {
        made.push(`${type}:${text}`);
        super.setData(type, text);
      }
    }
    const doc = {
      defaultView: { wrappedJSObject: { DataTransfer: PageDataTransfer } },
    } as unknown as Document;
    const data = pageReadableData(doc, 'text/plain', 'hello');
    expect(data).toBeInstanceOf(PageDataTransfer);
    expect(made).toEqual(['text/plain:hello']);
  });

  it("is this world's DataTransfer otherwise (Chromium)", () => {
    const data = pageReadableData(document, 'text/plain', 'hello');
    expect(data.getData('text/plain')).toBe('hello');
  });
});

describe('a copy event', () => {
  it("reads what the handler wrote into the event's own DataTransfer", () => {
    GeckoClipboardEvent.inits = [];
    vi.stubGlobal('ClipboardEvent', GeckoClipboardEvent);
    const input = document.createElement('textarea');
    input.addEventListener('copy', (event) => {
      const data = event.clipboardData!;
      data.setData('text/plain', 'selected');
      data.setData('vscode-editor-data', '{"isFromEmptySelection":false}');
    });
    expect(copyFrom(input, 'vscode-editor-data')).toEqual({
      text: 'selected',
      format: '{"isFromEmptySelection":false}',
    });
  });
});
