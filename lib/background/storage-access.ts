import { browser } from 'wxt/browser';

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

/**
 * Chrome lets content scripts read storage.local and storage.sync by default; this closes both to
 * them. Firefox has no such switch for these areas (hence keys live in IndexedDB anyway).
 */
export function closeStorageToContentScripts(): void {
  for (const area of [browser.storage.local, browser.storage.sync] as AccessLevelArea[]) {
    if (typeof area.setAccessLevel !== 'function') continue;
    void area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  }
}
