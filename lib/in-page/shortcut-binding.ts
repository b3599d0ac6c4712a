/** A keyboard binding as Chrome reports it for a command ("Alt+Shift+O", "Command+Shift+K"). */
export interface KeyBinding {
  alt: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
  /** KeyboardEvent.code: layout-independent, so Option+Shift+O (which types "Ø") still matches. */
  code: string;
}

export const DEFAULT_SHORTCUT = 'Alt+Shift+O';

const NAMED_CODES: Record<string, string> = {
  Comma: 'Comma',
  Period: 'Period',
  Space: 'Space',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
};

/** Parses Chrome's shortcut text; empty or unknown → null (the command is unbound). */
export function parseShortcut(shortcut: string | undefined | null): KeyBinding | null {
  if (!shortcut) return null;
  const parts = shortcut.split('+').map((p) => p.trim());
  const key = parts.pop();
  if (!key) return null;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  let code: string | undefined;
  if (/^[A-Z]$/i.test(key)) code = `Key${key.toUpperCase()}`;
  else if (/^[0-9]$/.test(key)) code = `Digit${key}`;
  else if (/^F\d{1,2}$/.test(key)) code = key;
  else code = NAMED_CODES[key];
  if (!code) return null;
  return {
    alt: mods.has('alt') || mods.has('option'),
    shift: mods.has('shift'),
    // Chrome says "MacCtrl" for the Control key on macOS and "Command" for ⌘.
    ctrl: mods.has('ctrl') || mods.has('macctrl'),
    meta: mods.has('command') || mods.has('meta'),
    code,
  };
}

export function matchesBinding(event: KeyboardEvent, binding: KeyBinding | null): boolean {
  return (
    binding !== null &&
    event.code === binding.code &&
    event.altKey === binding.alt &&
    event.shiftKey === binding.shift &&
    event.ctrlKey === binding.ctrl &&
    event.metaKey === binding.meta
  );
}
