// Chrome's on-device model (Prompt API) where it cannot run: this machine's Chromium 156 defines
// `LanguageModel` in the extension's pages and worker, and answers 'unavailable' (2 cores, no GPU,
// no network; still 'unavailable' with the BypassPerfRequirement feature flag).
// The settings must say so in words, and a draft set to it must fall back, not hang.
import type { Browser } from 'webextension-polyfill';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { configureProviders } from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { inPageSuite } from './support/in-page-suite';
import { STATUS } from './support/overlay';
import { REFINED as PANEL_REFINED } from './support/page-fixture';
import { setStorage } from './support/storage';

const REFINED =
  'You are a poet. Write a haiku about autumn leaves in a quiet park. Calm tone; three lines only.';
const HARDWARE_WORDS =
  'Not available: this device does not meet the hardware requirements of Chrome’s on-device model';

let refinementMock: MockProvider;

test.beforeAll(async () => {
  refinementMock = await startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 1500 } });
});
test.afterAll(async () => {
  await refinementMock?.close();
});

/** As the options page would have saved it: the on-device draft, the mock as the refinement. */
test.beforeEach(async ({ extension }) => {
  refinementMock.reset({ reply: REFINED, firstTokenMs: 1500 });
  await configureProviders(extension.serviceWorker, { refinementUrl: refinementMock.url });
  await extension.serviceWorker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
    await chrome.storage.sync.set({
      'draft.preset': 'chrome-on-device',
      'draft.baseUrl': '',
      'draft.model': 'gemini-nano',
    });
  });
});

test('the settings say the on-device model cannot run here, and offer it disabled with the reason', async ({
  extension,
}) => {
  // What the browser itself answers here, so the test shows which path it covers.
  const availability = await extension.serviceWorker.evaluate(() =>
    (
      globalThis as unknown as { LanguageModel: { availability(): Promise<string> } }
    ).LanguageModel.availability(),
  );
  expect(availability).toBe('unavailable');

  await configureProviders(extension.serviceWorker, {});
  const options = await openOptions(extension.context, extension.extensionId);
  const option = options.getByRole('option', {
    name: 'Chrome on-device model (no key) — this device does not meet its hardware requirements',
  });
  await expect(option).toBeDisabled();
  // A disabled option cannot be chosen: the Draft provider stays as it was.
  await expect(options.getByLabel('Draft provider')).toHaveValue('groq');
  await expect(options.getByText(HARDWARE_WORDS)).toHaveCount(0);
  await options.close();
});

test('a saved on-device draft: its status in words, no key or base URL asked, and Save works', async ({
  extension,
}) => {
  const options = await openOptions(extension.context, extension.extensionId);
  await expect(options.getByLabel('Draft provider')).toHaveValue('chrome-on-device');
  await expect(options.getByRole('status').filter({ hasText: HARDWARE_WORDS })).toBeVisible();
  await expect(options.getByLabel('Draft API key', { exact: true })).toBeHidden();
  await expect(options.getByLabel('Draft base URL')).toBeHidden();
  await expect(options.getByRole('button', { name: 'Download the model' })).toHaveCount(0);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  // The keyless draft counts as set up: both stages run.
  await expect(options.getByText('Two-stage optimization enabled')).toBeVisible();
  const saved = await extension.serviceWorker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
    return chrome.storage.sync.get(['draft.preset', 'draft.baseUrl']);
  });
  expect(saved).toEqual({ 'draft.preset': 'chrome-on-device', 'draft.baseUrl': '' });
  await options.close();
});

test('a draft on the unavailable on-device model falls back to single stage with words, without hanging', async ({
  extension,
}) => {
  // The refinement waits at the mock until the fallback's words have been seen: they show only
  // until it answers.
  const release = refinementMock.hold();
  const popup = await openPopup(extension.context, extension.extensionId);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByLabel('Prompt', { exact: true }).press('Control+Enter');
  await expect(popup.getByRole('status').first()).toContainText(
    'Chrome’s on-device model is not available: this device does not meet its hardware requirements',
  );
  release();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED, { timeout: 10_000 });
  await expect(popup.getByRole('status').first()).toContainText('Refined!');
  // One request, to the refinement only: the draft never left the browser.
  expect(refinementMock.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(
    1,
  );
  await popup.close();
});

test('where Chrome can download the model: the click downloads it with progress, then it is ready and can be chosen', async ({
  extension,
}) => {
  await configureProviders(extension.serviceWorker, {});
  const options = await extension.context.newPage();
  // This Chromium's model is unavailable: stand in for a device that can download it. The stand-in
  // refuses create() without a user gesture, as Chrome does while the model is downloadable.
  await options.addInitScript(() => {
    let state = 'downloadable';
    // Half-way, the download waits for the test (which has then seen its progress).
    let finishDownload = () => {};
    const halfWay = new Promise<void>((resolve) => (finishDownload = resolve));
    Object.defineProperty(globalThis, 'finishFakeDownload', { value: () => finishDownload() });
    const fake = {
      availability: () => Promise.resolve(state),
      async create(options: {
        monitor?: (m: {
          addEventListener: (t: string, l: (e: { loaded: number }) => void) => void;
        }) => void;
      }) {
        if (!navigator.userActivation.isActive) {
          throw new DOMException('Requires a user gesture.', 'NotAllowedError');
        }
        state = 'downloading';
        const listeners: ((e: { loaded: number }) => void)[] = [];
        options.monitor?.({ addEventListener: (_t, l) => listeners.push(l) });
        for (const loaded of [0, 0.5, 1]) {
          for (const l of listeners) l({ loaded });
          if (loaded === 0.5) await halfWay;
          else await new Promise((r) => setTimeout(r, 300));
        }
        state = 'available';
        return { destroy: () => undefined, promptStreaming: () => new ReadableStream() };
      },
    };
    Object.defineProperty(globalThis, 'LanguageModel', { value: fake, configurable: true });
  });
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const provider = options.getByLabel('Draft provider');
  await expect(
    options.getByRole('option', { name: 'Chrome on-device model (no key)' }),
  ).toBeEnabled();
  await provider.selectOption('chrome-on-device');
  const status = options.getByRole('status').filter({ hasText: 'on-device model' });
  await expect(status).toContainText(
    'Chrome downloads its on-device model (Gemini Nano, several GB) once, then it runs on this device and nothing leaves it.',
  );
  await options.getByRole('button', { name: 'Download the model' }).click();
  await expect(status).toContainText('Chrome is downloading its on-device model…');
  await expect(options.getByRole('progressbar', { name: 'Model download' })).toHaveJSProperty(
    'value',
    0.5,
  );
  await options.evaluate(() =>
    (globalThis as unknown as { finishFakeDownload: () => void }).finishFakeDownload(),
  );
  await expect(options.getByText('Ready — runs on this device, nothing leaves it.')).toBeVisible({
    timeout: 5000,
  });
  await expect(options.getByRole('button', { name: 'Download the model' })).toHaveCount(0);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await options.close();
});

test.describe('in the page’s panel', () => {
  const suite = inPageSuite();

  test('a draft on the unavailable on-device model: the panel says why, the refinement answers alone', async ({
    extension,
  }) => {
    const release = suite.servers.refinement.hold();
    await setStorage(extension.serviceWorker, 'sync', {
      'draft.preset': 'chrome-on-device',
      'draft.baseUrl': '',
      'draft.model': 'gemini-nano',
    });
    const field = await suite.open(extension, 'textarea');
    await field.type('write a haiku about autumn');
    await field.pressShortcut();
    const overlay = field.overlay();
    await expect
      .poll(() => overlay.status())
      .toContain(
        'Chrome’s on-device model is not available: this device does not meet its hardware requirements',
      );
    release();
    await expect.poll(() => field.text()).toBe(PANEL_REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(suite.servers.draft.requests).toHaveLength(0);
  });
});
