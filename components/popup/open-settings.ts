import { browser } from 'wxt/browser';

export function openSettings(): void {
  void browser.runtime.openOptionsPage();
}
