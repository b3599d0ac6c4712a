import { describe, expect, it, vi } from 'vitest';
import { BROWSER_WORDS, browserFamily, browserWords } from '../../lib/platform/browser-words';
import {
  currentShortcut,
  openShortcutSettings,
  type ShortcutApi,
} from '../../lib/platform/shortcut-settings';

function fakeApi(
  commands: { name?: string; shortcut?: string }[],
  withOpen = true,
): ShortcutApi & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    commands: {
      getAll: () => Promise.resolve(commands),
      ...(withOpen
        ? { openShortcutSettings: () => Promise.resolve(void opened.push('about:addons')) }
        : {}),
    },
    tabs: { create: ({ url }) => Promise.resolve(void opened.push(url)) },
  };
}

describe('browser words', () => {
  it('a Firefox build names Firefox places; no Chrome place reaches it', () => {
    expect(browserFamily({ FIREFOX: true })).toBe('firefox');
    const words = browserWords('firefox');
    expect(words.shortcutSettings).toBe('about:addons → gear menu → Manage Extension Shortcuts');
    expect(words.closedPages).toBe('about: pages and addons.mozilla.org');
    expect(JSON.stringify(words)).not.toMatch(/chrome/i);
  });

  it('a Chrome build names Chrome places', () => {
    expect(browserFamily({ FIREFOX: false })).toBe('chrome');
    expect(browserFamily({})).toBe('chrome');
    expect(BROWSER_WORDS.chrome.shortcutSettings).toBe('chrome://extensions/shortcuts');
  });
});

describe('the optimize shortcut', () => {
  it.each([
    [[{ name: 'optimize-prompt', shortcut: 'Alt+Shift+O' }], 'Alt+Shift+O'],
    [[{ name: 'optimize-prompt', shortcut: '⌥⇧O' }], '⌥⇧O'],
    // Unbound (the user removed it, or another extension held the keys at install).
    [[{ name: 'optimize-prompt', shortcut: '' }], null],
    [[{ name: 'optimize-prompt' }], null],
    [[{ name: '_execute_action', shortcut: 'Alt+Shift+P' }], null],
  ])('%j is read as %j', async (commands, expected) => {
    expect(await currentShortcut(fakeApi(commands))).toBe(expected);
  });

  it('Firefox opens its add-ons manager view; Chrome opens its shortcuts page in a tab', async () => {
    const firefox = fakeApi([]);
    await openShortcutSettings(firefox, 'firefox');
    expect(firefox.opened).toEqual(['about:addons']);
    const chrome = fakeApi([], false);
    await openShortcutSettings(chrome, 'chrome');
    expect(chrome.opened).toEqual(['chrome://extensions/shortcuts']);
  });

  it('a Firefox without the API fails with the way to go there by hand', async () => {
    const create = vi.fn();
    const api = { ...fakeApi([], false), tabs: { create } };
    await expect(openShortcutSettings(api, 'firefox')).rejects.toThrow(/about:addons/);
    expect(create).not.toHaveBeenCalled();
  });
});
