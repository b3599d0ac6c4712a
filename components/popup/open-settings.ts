import { browser } from 'wxt/browser';

export function openSettings(): void {
  void browser.runtime.openOptionsPage();
}

/** The settings, scrolled to one section (the options page reads the hash once it has loaded). */
export function openSettingsAt(section: 'prices'): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
}
