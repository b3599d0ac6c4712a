import { describe, expect, it } from 'vitest';
import { matchesBinding, parseShortcut } from '../../lib/in-page/shortcut-binding';

const key = (init: Partial<KeyboardEvent>) =>
  ({
    altKey: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    code: '',
    ...init,
  }) as KeyboardEvent;

describe('shortcut binding', () => {
  it('matches Alt+Shift+O on the physical key, whatever character it types (Ø on macOS)', () => {
    const binding = parseShortcut('Alt+Shift+O');
    expect(
      matchesBinding(key({ altKey: true, shiftKey: true, code: 'KeyO', key: 'Ø' }), binding),
    ).toBe(true);
    expect(matchesBinding(key({ altKey: true, code: 'KeyO' }), binding)).toBe(false);
    expect(
      matchesBinding(key({ altKey: true, shiftKey: true, ctrlKey: true, code: 'KeyO' }), binding),
    ).toBe(false);
  });

  it('follows a rebinding and reads Chrome macOS names', () => {
    expect(parseShortcut('Command+Shift+K')).toEqual({
      alt: false,
      shift: true,
      ctrl: false,
      meta: true,
      code: 'KeyK',
    });
    expect(parseShortcut('MacCtrl+Period')).toMatchObject({ ctrl: true, code: 'Period' });
    expect(parseShortcut('Ctrl+Shift+7')?.code).toBe('Digit7');
  });

  it('does nothing when the command is unbound', () => {
    expect(parseShortcut('')).toBeNull();
    expect(
      matchesBinding(key({ altKey: true, shiftKey: true, code: 'KeyO' }), parseShortcut('')),
    ).toBe(false);
  });
});
