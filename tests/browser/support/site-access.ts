// The user's choice in Chrome's extensions menu ("On click" / "On all sites"), set the way
// chrome://extensions sets it.
import type { Page } from '@playwright/test';

export async function setSiteAccess(
  page: Page,
  extensionId: string,
  hostAccess: 'ON_CLICK' | 'ON_ALL_SITES',
): Promise<void> {
  await page.goto('chrome://extensions');
  await page.evaluate(
    ({ extensionId, hostAccess }) =>
      new Promise<void>((resolve) => {
        const api = (
          globalThis as unknown as {
            chrome: {
              developerPrivate: {
                updateExtensionConfiguration(update: object, done: () => void): void;
              };
            };
          }
        ).chrome.developerPrivate;
        api.updateExtensionConfiguration({ extensionId, hostAccess }, resolve);
      }),
    { extensionId, hostAccess },
  );
}
