// @vitest-environment happy-dom
// The session's write policy over a real value-field adapter (editing commands stood in): the
// draft streams in, the refinement replaces it only while the field is untouched and the user is
// in it, otherwise it is offered; a half-streamed draft never stays. Asserted on the field itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adapt } from '../../lib/field-adapters/adapter-for-kind';
import { fieldTargetOf } from '../../lib/field-adapters/field-kind';
import { FieldSession } from '../../lib/field-ui/field-session';
import type { OptimizeRequest, ServerEvent } from '../../lib/messaging/protocol';
import { installEditingCommands, richField, valueField } from './support/field-notation';

// Only the fields the session reads; the protocol's other fields do not matter here.
const delta = (text: string) => ({ type: 'draft-delta', delta: text }) as ServerEvent;
const draft = (text: string) => ({ type: 'draft', draft: text }) as ServerEvent;
const refined = (text: string) => ({ type: 'refined', refined: text }) as ServerEvent;
const failed = {
  type: 'end',
  outcome: 'failed',
  fromCache: false,
  error: { code: 'network', message: 'Offline.', stage: 'draft', retryable: true },
} as ServerEvent;

function startSession(el: Element, fieldText: string | null = null) {
  const target = adapt(fieldTargetOf(el)!);
  const copied: string[] = [];
  const started: OptimizeRequest[] = [];
  const session = new FieldSession(
    target,
    { region: target.adapter.initialRegion(), fieldText },
    { prompt: target.adapter.initialRegion().text, mode: 'general' },
    {
      start: (request) => {
        started.push(request);
        return { requestId: `test-request-${started.length}`, cancel() {} };
      },
      copy: (text) => {
        copied.push(text);
        return Promise.resolve(true);
      },
      render() {},
      isOwnPanel: () => false,
    },
  );
  let sink: (event: ServerEvent) => void = () => {};
  session.adopt({ requestId: 'test-request', cancel() {} }, (next) => (sink = next));
  const send = async (...events: ServerEvent[]) => {
    for (const event of events) sink(event);
    await vi.advanceTimersByTimeAsync(100);
  };
  return { session, send, copied, started };
}

beforeEach(() => {
  vi.useFakeTimers();
  installEditingCommands();
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('a mode chosen in the panel', () => {
  it('runs the original once, in the last mode chosen; the mode in force starts nothing', async () => {
    const el = valueField('{write a haiku}');
    const { session, send, started } = startSession(el);
    await send(draft('Draft.'), refined('Refined.'));
    session.changeMode('general');
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toEqual([]);
    // Two choices before the first run starts: one run, in the second.
    session.changeMode('video');
    session.changeMode('image');
    await vi.advanceTimersByTimeAsync(1000);
    expect(started.map(({ mode, prompt }) => [mode, prompt])).toEqual([['image', 'write a haiku']]);
  });
});

describe('a field session writes only while the field is untouched and the user is in it', () => {
  it('streams the draft into a textarea, then the refinement replaces it', async () => {
    const el = valueField('{write a haiku}');
    const { send } = startSession(el);
    await send(delta('Write'));
    expect(el.value).toBe('Write');
    await send(delta(' a haiku'), draft('Write a haiku.'));
    expect(el.value).toBe('Write a haiku.');
    await send(refined('Write a haiku about autumn.'));
    expect(el.value).toBe('Write a haiku about autumn.');
  });

  it('replaces only the selected part, keeping the text around it', async () => {
    const el = valueField('Intro. {write a haiku} Thanks.');
    const { send } = startSession(el);
    await send(delta('Write'), draft('Write a haiku.'), refined('Write a short haiku.'));
    expect(el.value).toBe('Intro. Write a short haiku. Thanks.');
  });

  it('the user edited the draft: the refinement is not written, and Apply puts it in', async () => {
    const el = valueField('Intro. {write a haiku}');
    const { session, send } = startSession(el);
    await send(draft('Write a haiku.'));
    el.value = 'My words. Intro. Write a haiku.';
    await send(refined('Write a short haiku.'));
    expect(el.value).toBe('My words. Intro. Write a haiku.');
    await session.apply();
    expect(el.value).toBe('My words. Intro. Write a short haiku.');
  });

  it('the user moved to another field: nothing is written, and focus stays where they went', async () => {
    const el = valueField('{write a haiku}');
    const { send } = startSession(el);
    const other = valueField('|');
    await send(draft('Write a haiku.'), refined('Write a short haiku.'));
    expect(el.value).toBe('write a haiku');
    expect(document.activeElement).toBe(other);
  });

  it('the page removed the field: nothing is written, and nothing throws', async () => {
    const el = valueField('{write a haiku}');
    const { send } = startSession(el);
    el.remove();
    await send(draft('Write a haiku.'), refined('Write a short haiku.'));
    expect(el.value).toBe('write a haiku');
  });

  it('what the user typed while the field UI loaded is never taken for ours', async () => {
    const el = valueField('{write a haiku}');
    // The trigger read "write a haiku"; the user typed "!" before the session started.
    el.value = 'write a haiku!';
    const { send } = startSession(el, 'write a haiku');
    await send(delta('Write'), draft('Write a haiku.'), refined('Write a short haiku.'));
    expect(el.value).toBe('write a haiku!');
  });

  it('the user typed into a half-streamed draft, then it failed: Restore original stays offered', async () => {
    const el = valueField('{write a haiku}');
    const { session, send } = startSession(el);
    await send(delta('Half a dr'));
    el.value = 'Half a dr and mine';
    await send(failed);
    expect(el.value).toBe('Half a dr and mine');
    expect(session.viewState().canRestore).toBe(true);
    await session.restore();
    expect(el.value).toBe('write a haiku');
  });

  it.each([
    ['a textarea', () => valueField('{write a haiku}')],
    ['TinyMCE', () => richField('<p>{write a haiku}</p>', { class: 'mce-content-body' })],
  ])(
    'in %s, text typed mid-stream is never taken for ours: it stays, the draft is offered',
    async (_name, make) => {
      const el = make();
      const text = () => (el instanceof HTMLTextAreaElement ? el.value : el.innerText);
      const { session, send } = startSession(el);
      await send(delta('Write'));
      expect(text()).toBe('Write');
      // The user types at the end of the streamed words; the caret is then past the region's end.
      if (el instanceof HTMLTextAreaElement) {
        el.value = 'Write mine';
        el.setSelectionRange(10, 10);
      } else {
        el.textContent = 'Write mine';
        document.getSelection()!.collapse(el.firstChild, 10);
      }
      await send(delta(' a haiku.'), draft('Write a haiku.'));
      await vi.advanceTimersByTimeAsync(600);
      expect(text()).toBe('Write mine');
      await send(refined('Write a short haiku.'));
      expect(text()).toBe('Write mine');
      expect(session.viewState().canRestore).toBe(true);
    },
  );

  it('an error mid-stream puts the user’s text back', async () => {
    const el = valueField('{write a haiku}');
    const { send } = startSession(el);
    await send(delta('Half a dr'));
    expect(el.value).toBe('Half a dr');
    await send(failed);
    expect(el.value).toBe('write a haiku');
  });

  it.each([
    // The editor records the streamed run as one undo step itself.
    ['ProseMirror', 'ProseMirror'],
    // One undo step per piece: the run is folded when the draft is complete.
    ['TinyMCE', 'mce-content-body'],
  ])('%s gets the draft as it streams, then holds the whole draft', async (_name, className) => {
    const root = richField('<p>{write a haiku}</p>', { class: className });
    const { send } = startSession(root);
    await send(delta('Write'));
    expect(root.innerText).toBe('Write');
    await send(delta(' a haiku.'), draft('Write a haiku.'));
    await vi.advanceTimersByTimeAsync(600);
    expect(root.innerText).toBe('Write a haiku.');
  });

  it('a code editor’s mirror textarea is never written', async () => {
    const editor = document.createElement('div');
    editor.className = 'ace_editor';
    const el = document.createElement('textarea');
    el.className = 'ace_text-input';
    el.value = 'write a haiku';
    editor.append(el);
    document.body.append(editor);
    el.focus();
    const { send } = startSession(el);
    await send(delta('Write'), draft('Write a haiku.'), refined('Write a short haiku.'));
    expect(el.value).toBe('write a haiku');
  });
});
