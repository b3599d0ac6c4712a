// @vitest-environment happy-dom
// One adapter per field kind, chosen once from the kind; each verb's technique per kind. The
// editing commands are a stand-in (happy-dom has none): what real editors make of each technique
// is checked in tests/browser/in-page-editors.spec.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../lib/field-adapters/adapter-for-kind';
import type { FieldAdapter, FieldKind } from '../../lib/field-adapters/field-adapter';
import { fieldTargetOf } from '../../lib/field-adapters/field-kind';
import { editorProfileOf } from '../../lib/field-adapters/editor-profiles';
import {
  installEditingCommands,
  richField,
  showValue,
  valueField,
  type EditingLog,
} from './support/field-notation';

let log: EditingLog;
beforeEach(() => {
  log = installEditingCommands();
});
afterEach(() => {
  document.body.innerHTML = '';
});

function adapterOf(el: Element): FieldAdapter {
  const target = fieldTargetOf(el);
  if (!target) throw new Error('not a field');
  return adapterFor(target);
}

/** A CodeMirror 5-like editor: its unclassed hidden textarea holds only part of the document. */
function mirrorTextarea(): HTMLTextAreaElement {
  const editor = document.createElement('div');
  editor.className = 'CodeMirror';
  const wrapper = document.createElement('div');
  const textarea = document.createElement('textarea');
  wrapper.append(textarea);
  editor.append(wrapper);
  document.body.append(editor);
  return textarea;
}

/** A code editor's root holding its input (`<tag class="…">`). */
function codeEditorInput(rootClass: string, tag: string, inputClass: string): () => HTMLElement {
  return () => {
    const editor = document.createElement('div');
    editor.className = rootClass;
    const input = document.createElement(tag);
    input.className = inputClass;
    editor.append(input);
    document.body.append(editor);
    return input;
  };
}

describe('the adapter is chosen once from the field kind', () => {
  const rows: [
    name: string,
    kind: FieldKind,
    streams: boolean,
    holdsWhole: boolean,
    make: () => Element,
  ][] = [
    ['textarea', 'value', true, true, () => valueField('a|')],
    ['text input', 'value', true, true, () => valueField('a|', 'input')],
    ['contenteditable', 'rich', true, true, () => richField('<p>a</p>')],
    [
      'Draft.js (one undo step per chunk: the run is folded)',
      'rich',
      true,
      true,
      () => richField('<p>a</p>', { class: 'public-DraftEditor-content' }),
    ],
    [
      'a node inside an editor',
      'rich',
      true,
      true,
      () => richField('<p><em>a</em></p>').querySelector('em')!,
    ],
    ['CodeMirror 5 mirror textarea', 'mirror', false, false, mirrorTextarea],
    ['Ace', 'code', false, true, codeEditorInput('ace_editor', 'textarea', 'ace_text-input')],
    [
      "Monaco's EditContext input",
      'code',
      false,
      true,
      codeEditorInput('monaco-editor', 'div', 'native-edit-context'),
    ],
    [
      "Monaco's textarea input",
      'code',
      false,
      true,
      codeEditorInput('monaco-editor', 'textarea', 'inputarea'),
    ],
  ];
  it.each(rows)(
    '%s → %s adapter (streams: %s, results written: %s)',
    (_name, kind, streams, holdsWhole, make) => {
      const adapter = adapterOf(make());
      expect(adapter.kind).toBe(kind);
      expect(adapter.stream !== null).toBe(streams);
      expect(adapter.holdsWholeText).toBe(holdsWhole);
    },
  );
  it('a code adapter works on the editor root, not its hidden input', () => {
    const input = codeEditorInput('monaco-editor', 'div', 'native-edit-context')();
    expect(adapterOf(input).element).toBe(input.parentElement);
  });
  it('a rich adapter works on the editor root, not the node the caret is in', () => {
    const root = richField('<p><em>a</em></p>');
    expect(adapterOf(root.querySelector('em')!).element).toBe(root);
  });
  it('a number input or a plain div is no field', () => {
    const number = document.createElement('input');
    number.type = 'number';
    expect(fieldTargetOf(number)).toBeNull();
    expect(fieldTargetOf(document.createElement('div'))).toBeNull();
  });
});

describe('value fields: insertText for a replace and for streamed appends', () => {
  const rows: [before: string, text: string, after: string, region: string][] = [
    ['a{b}c', 'XY', 'aXY|c', 'XY'],
    ['{abc}', 'draft', 'draft|', 'draft'],
    ['ab|c', 'whole', 'whole|', 'whole'],
    ['x{old}y', '', 'x|y', ''],
  ];
  it.each(rows)('%j, replace its region with %j → %j', async (before, text, after, regionText) => {
    const el = valueField(before);
    const adapter = adapterOf(el);
    const result = await adapter.replace(adapter.initialRegion(), text);
    expect(showValue(el)).toBe(after);
    expect(result).toMatchObject({
      ok: true,
      wholeText: el.value,
      region: { text: regionText === '' && before === 'x{old}y' ? '' : regionText },
    });
    expect(log.commands).toEqual([text ? `insertText:${text}` : 'delete']);
  });

  it('an input turns line breaks into spaces, and that counts as landed', async () => {
    const el = valueField('{old}', 'input');
    const adapter = adapterOf(el);
    const result = await adapter.replace(adapter.initialRegion(), 'one\ntwo');
    expect(el.value).toBe('one two');
    expect(result.ok).toBe(true);
  });

  it('streams: appends at the end of its region, caret unmoved between chunks', async () => {
    const el = valueField('say {hi} there');
    const adapter = adapterOf(el);
    let region = (await adapter.replace(adapter.initialRegion(), 'Hel')).region;
    region = (await adapter.stream!.append(region, 'lo')).region;
    region = (await adapter.stream!.append(region, '!')).region;
    expect(showValue(el)).toBe('say Hello!| there');
    expect(region).toEqual({ text: 'Hello!', whole: false, start: 4, strippedStart: 0 });
    expect(log.commands).toEqual(['insertText:Hel', 'insertText:lo', 'insertText:!']);
  });

  it('folds a stream back with the field’s own undo, only while the field has focus', async () => {
    const el = valueField('{mine}');
    const adapter = adapterOf(el);
    const region = (await adapter.replace(adapter.initialRegion(), 'dr')).region;
    await adapter.stream!.append(region, 'aft');
    const isBack = () => el.value === 'mine';
    el.blur();
    expect(await adapter.stream!.undo(2, isBack)).toBe(false);
    expect(el.value).toBe('draft');
    el.focus();
    expect(await adapter.stream!.undo(2, isBack)).toBe(true);
    expect(el.value).toBe('mine');
  });
});

/** An editor that handles a plain-text paste itself, now or later. */
function pasteHandler(
  root: HTMLElement,
  how: 'at-once' | 'late-handled' | 'late-unhandled' | 'garbled',
): void {
  root.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const apply = () => {
      root.innerHTML = `<p>${how === 'garbled' ? 'garbled' : text}</p>`;
    };
    if (how !== 'late-unhandled') event.preventDefault();
    if (how === 'at-once' || how === 'garbled') apply();
    else setTimeout(apply, how === 'late-handled' ? 60 : 0);
  });
}

describe('rich editors: a plain-text paste first, insertText only where nothing took it', () => {
  const rows: [
    editor: string,
    how: Parameters<typeof pasteHandler>[1] | null,
    ok: boolean,
    commands: string[],
  ][] = [
    ['an editor that applies the paste at once (ProseMirror, Quill…)', 'at-once', true, []],
    ['an editor that renders a task later (Slate, React)', 'late-handled', true, []],
    [
      'an editor that applies it a task later without preventDefault (TinyMCE)',
      'late-unhandled',
      true,
      [],
    ],
    ['plain contenteditable: nothing takes the paste', null, true, ['insertText:the draft']],
    ['an editor that changed something else: no second write on top', 'garbled', false, []],
  ];
  it.each(rows)('%s', async (_editor, how, ok, commands) => {
    const root = richField('<p>{my text}</p>');
    if (how) pasteHandler(root, how);
    const adapter = adapterOf(root);
    const result = await adapter.replace(adapter.initialRegion(), 'the draft');
    expect(result.ok).toBe(ok);
    expect(log.commands).toEqual(commands);
    if (ok) expect(root.innerText.trim()).toBe('the draft');
  });

  it('a partial region keeps the text around it', async () => {
    const root = richField('<p>keep {this} too</p>');
    const adapter = adapterOf(root);
    const result = await adapter.replace(adapter.initialRegion(), 'that');
    expect(root.innerText).toBe('keep that too');
    expect(result.region).toEqual({ text: 'that', whole: false, start: 0, strippedStart: 4 });
  });

  it.each([
    [{ 'data-slate-editor': 'true' }, '', 'Slate', 150],
    [{ 'data-lexical-editor': 'true' }, '', 'Lexical', 0],
    [{}, 'tiptap ProseMirror', 'Tiptap', 0],
    [{}, 'ProseMirror', 'ProseMirror', 0],
    [{}, 'ql-editor', 'Quill', 0],
    [{}, 'cm-content', 'CodeMirror 6', 0],
    [{}, 'public-DraftEditor-content', 'Draft.js', 0],
    [{}, 'mce-content-body', 'TinyMCE', 0],
    [{}, '', 'contenteditable', 0],
  ])('knows the editor from its root (%o %s): %s', (attributes, className, name, delay) => {
    const root = richField('<p>a</p>', attributes);
    if (className) root.className = className;
    const profile = editorProfileOf(root);
    expect(profile.name).toBe(name);
    // Slate copies the DOM selection into its model on a throttle: a paste must wait for it.
    expect(profile.selectionDelayMs).toBe(delay);
  });
});

describe('mirror textareas: one write at the user’s request, never a stream', () => {
  it('replaces with insertText like a value field', async () => {
    const el = mirrorTextarea();
    el.value = 'line';
    el.focus();
    el.setSelectionRange(0, 4);
    const adapter = adapterOf(el);
    expect((await adapter.replace(adapter.initialRegion(), 'new line')).ok).toBe(true);
    expect(log.commands).toEqual(['insertText:new line']);
  });
});
