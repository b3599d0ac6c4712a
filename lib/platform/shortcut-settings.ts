/**
 * The optimize shortcut as the browser has it bound now (the user may have changed or removed
 * it, or another extension may hold Alt+Shift+O), and the way to the browser's shortcut settings.
 */
import { OPTIMIZE_COMMAND } from '../manifest-constants';
import type { BrowserFamily } from './browser-words';

/** The parts of the extension API this needs; injected so it is testable without a browser. */
export interface ShortcutApi {
  commands: {
    getAll(): Promise<{ name?: string; shortcut?: string }[]>;
    /** Firefox 137+: opens about:addons at Manage Extension Shortcuts. Chrome has none. */
    openShortcutSettings?: () => Promise<void>;
  };
  tabs: { create(properties: { url: string }): Promise<unknown> };
}

/** The bound shortcut ("Alt+Shift+O", "⌥⇧O"), or null when none is set. */
export async function currentShortcut(api: ShortcutApi): Promise<string | null> {
  const commands = await api.commands.getAll();
  const shortcut = commands.find((command) => command.name === OPTIMIZE_COMMAND)?.shortcut;
  return shortcut ? shortcut : null;
}

/**
 * Opens the browser's own page for extension shortcuts: Chrome's is a URL an extension may open
 * in a tab; Firefox's is a view of about:addons that only its API opens.
 */
export async function openShortcutSettings(api: ShortcutApi, family: BrowserFamily): Promise<void> {
  if (family === 'firefox') {
    if (!api.commands.openShortcutSettings) {
      throw new Error('This Firefox cannot open its shortcut settings; use about:addons.');
    }
    await api.commands.openShortcutSettings();
    return;
  }
  await api.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
