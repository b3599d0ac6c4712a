// Firefox ESR (Debian's `firefox-esr`), headless, driven over WebDriver BiDi with puppeteer-core,
// with the unpacked Firefox build installed as a temporary add-on. Facts this leans on are in
// /work/shared/field-notes.md ("Firefox (ESR 153 …)"): `--remote-allow-system-access` lets BiDi
// open moz-extension:// pages, `extensions.webextensions.uuids` pins the extension's UUID for its
// fixed add-on ID, and `goto()` to an extension page rejects with "Frame detached" although the
// page loads (so it is fired, then polled).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_UUID = '5e1c7a0d-4b9e-4c2a-9f3d-7a1b2c3d4e5f';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const FIREFOX_BUILD_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../.output/firefox-mv3',
);

export interface FirefoxWithExtension {
  browser: Browser;
  /** The build's `browser_specific_settings.gecko.id`. */
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `no Firefox at ${FIREFOX_PATH}: apt-get install -y firefox-esr, or FIREFOX_PATH`,
    );
  }
  if (!existsSync(path.join(FIREFOX_BUILD_DIR, 'manifest.json'))) {
    throw new Error(`no Firefox build in ${FIREFOX_BUILD_DIR}: npm run build:firefox`);
  }
  // The add-on ID the build declares (wxt.config.ts), so the pinned UUID is for this very build.
  const manifest = JSON.parse(
    readFileSync(path.join(FIREFOX_BUILD_DIR, 'manifest.json'), 'utf8'),
  ) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error('the Firefox build has no browser_specific_settings.gecko.id');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      // permissions.request after a trusted click is granted without a prompt.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    await browser.installExtension(FIREFOX_BUILD_DIR);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, addonId, close: () => browser.close() };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `fn` until it returns a truthy value (returned), or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T> | T,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * Opens `moz-extension://<uuid>/<file>` in a new tab. goto() rejects with "Frame detached" though
 * the page loads, so it is not awaited; the document is polled until it is complete.
 */
export async function openExtensionPage(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${file}`;
  page.goto(url).catch(() => undefined);
  await waitFor(`${url} to load`, () =>
    page.evaluate(
      (expected) => location.href === expected && document.readyState === 'complete',
      url,
    ),
  );
  return page;
}
