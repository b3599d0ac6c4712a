import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export const OPTIMIZE_COMMAND = 'optimize-prompt';

/**
 * The command's current binding, for the content script's key listener (which cannot call
 * `commands.getAll`). Empty when the user unbound it; refreshed every time the worker starts.
 */
export const shortcutItem = storage.defineItem<string>('local:shortcut', {
  fallback: 'Alt+Shift+O',
  version: 1,
});

export async function syncShortcut(): Promise<void> {
  const commands = await browser.commands.getAll();
  const command = commands.find((c) => c.name === OPTIMIZE_COMMAND);
  await shortcutItem.setValue(command?.shortcut ?? '');
}
