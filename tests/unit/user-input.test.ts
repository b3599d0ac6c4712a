// @vitest-environment happy-dom
// What counts as the user changing a field's text while a draft streams into it. Scripts cannot
// make trusted events; here `isTrusted` is set on the event object to stand in for the browser's.
import { describe, expect, it } from 'vitest';
import { userInputCount } from '../../lib/field-adapters/user-input';

function dispatch(target: HTMLElement, event: Event, trusted = true): void {
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  target.dispatchEvent(event);
}

const key = (k: string, init: KeyboardEventInit = {}) =>
  new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...init });
const input = (inputType: string) =>
  new InputEvent('beforeinput', { inputType, bubbles: true, composed: true });

describe('userInputCount', () => {
  const cases: { what: string; event: () => Event; trusted?: boolean; counts: boolean }[] = [
    { what: 'a printable key', event: () => key('m'), counts: true },
    { what: 'Backspace', event: () => key('Backspace'), counts: true },
    { what: 'Enter', event: () => key('Enter'), counts: true },
    { what: 'Ctrl+V', event: () => key('v', { ctrlKey: true }), counts: true },
    {
      what: 'an IME composition',
      event: () => new CompositionEvent('compositionstart', { bubbles: true }),
      counts: true,
    },
    { what: 'a paste from the menu', event: () => input('insertFromPaste'), counts: true },
    { what: 'a drop', event: () => input('insertFromDrop'), counts: true },
    {
      what: 'Shift held from the shortcut',
      event: () => key('Shift', { shiftKey: true }),
      counts: false,
    },
    { what: 'Alt', event: () => key('Alt', { altKey: true }), counts: false },
    { what: 'End', event: () => key('End'), counts: false },
    { what: 'Escape', event: () => key('Escape'), counts: false },
    { what: 'Tab', event: () => key('Tab'), counts: false },
    // Firefox fires trusted beforeinput for our own execCommand calls.
    {
      what: "Firefox's beforeinput for our insertText",
      event: () => input('insertText'),
      counts: false,
    },
    {
      what: "Firefox's beforeinput for our undo",
      event: () => input('historyUndo'),
      counts: false,
    },
    {
      what: 'a key a page script dispatched',
      event: () => key('m'),
      trusted: false,
      counts: false,
    },
    {
      what: 'our own synthetic Ctrl+Z',
      event: () => key('z', { ctrlKey: true }),
      trusted: false,
      counts: false,
    },
  ];

  for (const { what, event, trusted, counts } of cases) {
    it(`${counts ? 'counts' : 'does not count'} ${what}`, () => {
      const field = document.createElement('div');
      field.contentEditable = 'true';
      const inner = document.createElement('p');
      field.append(inner);
      document.body.append(field);
      const before = userInputCount(field);
      dispatch(inner, event(), trusted ?? true);
      expect(userInputCount(field) - before).toBe(counts ? 1 : 0);
      field.remove();
    });
  }

  it('counts per field: keys in another field leave this one at its count', () => {
    const field = document.createElement('textarea');
    const other = document.createElement('textarea');
    document.body.append(field, other);
    const before = userInputCount(field);
    dispatch(other, key('x'));
    expect(userInputCount(field)).toBe(before);
    dispatch(field, key('x'));
    expect(userInputCount(field)).toBe(before + 1);
  });
});
