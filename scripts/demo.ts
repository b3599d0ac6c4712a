/**
 * `npm run demo`: Prompt Relay end to end with no keys and no network. Builds the extension,
 * starts the demo mock providers (Groq-like ≈150 ms, OpenAI-like ≈3 s), launches Chromium with the
 * extension configured for them, and opens the demo page. With a display it stays open for you;
 * without one it runs a scripted optimization, saves screenshots to demo-output/ and prints times.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoProviders } from '../tests/fixtures/mock-provider/demo-providers';
import { startStaticServer } from '../tests/fixtures/pages/static-server';
import { dispatchOptimizeCommand } from '../tests/browser/support/browser-command';
import { configureProviders } from '../tests/browser/support/configure-providers';
import { openPopup } from '../tests/browser/support/extension-pages';
import { launchExtension } from '../tests/browser/support/launch-extension';
import { Overlay } from '../tests/browser/support/overlay';
import { optimizeAndTime } from '../tests/browser/support/popup-timing';
import { setStorage } from '../tests/browser/support/storage';
import { buildFixtures } from './build-fixtures';

const OUTPUT_DIR = resolve('demo-output');
const PROMPT = 'make a video of a cat surfing at sunset';
const MORE_PROMPTS: [string, string][] = [
  ['explain why the sky is blue to a ten year old', 'general'],
  ['compare three ways to cache API responses in a browser extension', 'research'],
  ['a watercolor of a lighthouse in fog', 'image'],
];

async function waitForStatus(panel: Overlay, done: (status: string) => boolean): Promise<void> {
  const until = Date.now() + 15_000;
  while (!done(await panel.status())) {
    if (Date.now() > until) throw new Error(`panel status stuck at "${await panel.status()}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

async function main(): Promise<void> {
  const interactive =
    Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');
  if (!process.argv.includes('--no-build')) run('npx', ['wxt', 'build']);
  await buildFixtures();
  const providers = await startDemoProviders();
  const pages = await startStaticServer();
  const extension = await launchExtension({ headless: !interactive });
  const stop = async () => {
    await extension.close().catch(() => undefined);
    await pages.close();
    await providers.close();
  };
  try {
    await configureProviders(extension.serviceWorker, {
      draftUrl: providers.draft.url,
      refinementUrl: providers.refinement.url,
      draftKey: 'demo-draft-key',
      refinementKey: 'demo-refinement-key',
    });
    // The mocks stand in for Groq and OpenAI at a loopback address, which no built-in price
    // covers: price them as "your prices" at those providers' public list prices, so the demo's
    // costs are what the same tokens would cost there (the settings list them under Prices).
    await setStorage(extension.serviceWorker, 'sync', {
      priceOverrides: [
        {
          origin: providers.draft.url,
          model: 'llama-3.1-8b-instant',
          inputPerMTok: 0.05,
          outputPerMTok: 0.08,
        },
        {
          origin: providers.refinement.url,
          model: 'gpt-4o-mini',
          inputPerMTok: 0.15,
          outputPerMTok: 0.6,
        },
      ],
    });
    const demoPage = await extension.context.newPage();
    await demoPage.goto(`${pages.url}/demo.html`);

    if (interactive) {
      console.log(
        '\nPrompt Relay demo is running with local mock providers (no keys, no network).',
      );
      console.log('- Click into the prompt on the demo page and press Alt+Shift+O.');
      console.log(
        `- Or open the popup page: chrome-extension://${extension.extensionId}/popup.html`,
      );
      console.log('Close the browser window to stop.\n');
      await new Promise<void>((done) => extension.context.on('close', () => done()));
      await stop();
      return;
    }

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const popup = await openPopup(extension.context, extension.extensionId);
    await popup.setViewportSize({ width: 460, height: 720 });
    await popup.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await popup.getByLabel('Mode').selectOption('video');
    const draftTiming = optimizeAndTime(popup);
    await popup.getByText('Draft ready! Refining in background…').waitFor();
    await popup.screenshot({ path: resolve(OUTPUT_DIR, 'popup-draft.png') });
    const timing = await draftTiming;
    await popup.getByText(/Refined! Quality score/).waitFor();
    await popup.screenshot({ path: resolve(OUTPUT_DIR, 'popup-refined.png') });

    // The same, in place, in the demo page's text field.
    const field = demoPage.getByLabel('Your prompt');
    await field.click();
    // Keys sent by the driver never reach chrome.commands; run the worker's command listener as
    // Chrome does when the user presses Alt+Shift+O.
    await dispatchOptimizeCommand(demoPage, extension.serviceWorker);
    // The panel's shadow root is closed to page scripts (and so to locators): read it over CDP.
    const panel = new Overlay(demoPage);
    await waitForStatus(panel, (status) => status === 'Draft ready! Refining in background…');
    await demoPage.screenshot({ path: resolve(OUTPUT_DIR, 'in-page-draft.png') });
    await waitForStatus(panel, (status) => /Refined! Quality score/.test(status));
    await demoPage.screenshot({ path: resolve(OUTPUT_DIR, 'in-page-refined.png') });

    // A few more optimizations, each a real run against the mocks, so the History page and the
    // Dashboard have entries to show; one draft gets a thumbs-down, one result is copied.
    for (const [text, mode] of MORE_PROMPTS) {
      await popup.getByLabel('Prompt', { exact: true }).fill(text);
      await popup.getByLabel('Mode').selectOption(mode);
      await popup.getByRole('button', { name: 'Optimize' }).click();
      await popup.getByText(/Refined! Quality score/).waitFor();
    }
    await popup.getByRole('button', { name: 'Poor draft' }).click();
    await popup.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByRole('button', { name: 'Copy', exact: true }).click();
    await popup.close();

    const history = await extension.context.newPage();
    await history.setViewportSize({ width: 1200, height: 800 });
    await history.goto(`chrome-extension://${extension.extensionId}/prompt-history.html`);
    await history.locator('.history-row').first().waitFor();
    await history.locator('.history-row').first().getByRole('button').first().click();
    await history.waitForTimeout(300);
    await history.screenshot({ path: resolve(OUTPUT_DIR, 'history.png') });
    const dashboard = await extension.context.newPage();
    await dashboard.setViewportSize({ width: 1200, height: 1400 });
    await dashboard.goto(`chrome-extension://${extension.extensionId}/dashboard.html`);
    await dashboard.locator('canvas').first().waitFor();
    await dashboard.waitForTimeout(500);
    await dashboard.screenshot({ path: resolve(OUTPUT_DIR, 'dashboard.png') });

    console.log('\nPrompt Relay demo (headless, local mock providers)');
    console.log(`  popup: first draft text   ${timing.firstTextMs.toFixed(0)} ms after Optimize`);
    console.log(`  popup: draft ready        ${timing.draftReadyMs.toFixed(0)} ms`);
    console.log(`  popup: refinement shown   ${timing.refinedMs?.toFixed(0)} ms`);
    console.log(`  screenshots in ${OUTPUT_DIR}/`);
    await stop();
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
