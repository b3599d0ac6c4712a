/**
 * Fields written in text-field-edit's notation: `a{b}c` is the text "abc" with "b" selected, and
 * `ab|c` a caret after "ab". For rich editors the braces sit inside the HTML's text.
 */
import type { ValueElement } from '../../../lib/field-adapters/field-adapter';

export function valueField(notation: string, tag: 'textarea' | 'input' = 'textarea'): ValueElement {
  const el = document.createElement(tag);
  document.body.append(el);
  const caret = notation.indexOf('|');
  const open = caret >= 0 ? caret : notation.indexOf('{');
  const close = caret >= 0 ? caret : notation.indexOf('}') - 1;
  el.value = notation.replace(/[{}|]/g, '');
  el.focus();
  if (open >= 0) el.setSelectionRange(open, close);
  return el;
}

/** The field's text with its selection marked the same way. */
export function showValue(el: ValueElement): string {
  const start = el.selectionStart ?? 0;
  const end = el.selectionEnd ?? start;
  const v = el.value;
  if (start === end) return `${v.slice(0, start)}|${v.slice(start)}`;
  return `${v.slice(0, start)}{${v.slice(start, end)}}${v.slice(end)}`;
}

/** A contenteditable root from HTML whose text may hold `{` and `}`: the selection. */
export function richField(html: string, attributes: Record<string, string> = {}): HTMLElement {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  for (const [name, value] of Object.entries(attributes)) root.setAttribute(name, value);
  root.innerHTML = html;
  document.body.append(root);
  const range = document.createRange();
  let marked = false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const node of texts) {
    for (const mark of ['{', '}'] as const) {
      const at = node.data.indexOf(mark);
      if (at < 0) continue;
      node.data = node.data.slice(0, at) + node.data.slice(at + 1);
      if (mark === '{') range.setStart(node, at);
      else range.setEnd(node, at);
      marked = true;
    }
  }
  root.focus();
  if (marked) {
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }
  return root;
}

export interface EditingLog {
  /** Each editing command run, as `name` or `name:value`. */
  commands: string[];
}

/**
 * happy-dom has no editing commands: a stand-in for the browser's, acting on the focused value
 * field or the selection, with an undo history for value fields. It tells which technique an
 * adapter chose; what real editors do with it is the browser matrix's job.
 */
export function installEditingCommands(): EditingLog {
  const log: EditingLog = { commands: [] };
  const history = new Map<Element, string[]>();
  const exec = (command: string, _ui?: boolean, value = ''): boolean => {
    log.commands.push(value ? `${command}:${value}` : command);
    const active = document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
      const past = history.get(active) ?? [];
      if (command === 'undo') {
        const previous = past.pop();
        if (previous !== undefined) active.value = previous;
        return previous !== undefined;
      }
      past.push(active.value);
      history.set(active, past);
      // A single-line input turns line breaks into spaces, as Chrome does.
      const text = active instanceof HTMLInputElement ? value.replace(/\n/g, ' ') : value;
      const start = active.selectionStart ?? 0;
      active.setRangeText(text, start, active.selectionEnd ?? start);
      active.setSelectionRange(start + text.length, start + text.length);
      return true;
    }
    const range = document.getSelection()?.getRangeAt(0);
    if (!range || command !== 'insertText') return false;
    range.deleteContents();
    range.insertNode(document.createTextNode(value));
    return true;
  };
  Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
  return log;
}
