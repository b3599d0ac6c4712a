import { browser } from 'wxt/browser';

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

/**
 * Chrome lets content scripts read storage.local, storage.sync and storage.managed (the
 * organization's policy) by default; this closes all three to them (measured in Chromium 156:
 * managed accepts TRUSTED_CONTEXTS too, tests/browser/team-policy.spec.ts). Firefox has no such
 * switch for these areas (hence keys live in IndexedDB anyway, and never in a policy).
 */
export function closeStorageToContentScripts(): void {
  const areas = [browser.storage.local, browser.storage.sync, browser.storage.managed];
  for (const area of areas as AccessLevelArea[]) {
    if (typeof area.setAccessLevel !== 'function') continue;
    try {
      void area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    } catch {
      // A browser whose managed area lacks the switch may throw at once: the others still close.
    }
  }
}
