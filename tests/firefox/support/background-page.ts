// The extension's background in Firefox: an MV3 event page, which Firefox stops after 30 s without
// extension events (pref extensions.background.idle.timeout) and starts again on the next event.
import type { FirefoxWithExtension } from './launch-firefox';
import { evaluateInChrome } from './chrome-keys';

/**
 * Stops the event page the way Firefox's idle timer does (the same call as about:debugging's
 * "Terminate background script"); returns the background's state afterwards ('stopped').
 */
export async function terminateBackground(firefox: FirefoxWithExtension): Promise<string> {
  return String(
    await evaluateInChrome(
      firefox.browser,
      `(async () => {
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(firefox.addonId)}).extension;
        await extension.terminateBackground();
        return String(extension.backgroundState);
      })()`,
    ),
  );
}
