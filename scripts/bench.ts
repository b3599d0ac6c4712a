/**
 * `npm run bench`: the speed and size figures, compared with their budgets. Not a test: it prints
 * and exits non-zero only when a figure is over budget.
 *   - popup: Optimize → first draft text, minus the mock's first-token time (median of runs)
 *   - in page: key press → first draft text in a textarea, minus the first-token time
 *     (median of warm runs, and once after stopping the service worker)
 *   - gzipped size of each bundle; the always-on content script ≤ 5 KB
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { startMockProvider } from '../tests/fixtures/mock-provider/mock-provider';
import { startStaticServer } from '../tests/fixtures/pages/static-server';
import { configureProviders } from '../tests/browser/support/configure-providers';
import { openPopup } from '../tests/browser/support/extension-pages';
import { DEFAULT_EXTENSION_DIR, launchExtension } from '../tests/browser/support/launch-extension';
import { definePageNameHelper, optimizeAndTime } from '../tests/browser/support/popup-timing';
import { stopServiceWorker } from '../tests/browser/support/service-worker';
import { buildFixtures } from './build-fixtures';

const FIRST_TOKEN_MS = 200;
const RUNS = 7;
const BUDGETS = {
  popupOverheadMs: 50,
  inPageWarmMs: 25,
  inPageColdMs: 100,
  alwaysOnScriptBytes: 5 * 1024,
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const failures: string[] = [];
function report(label: string, value: number, budget: number, unit: string): void {
  const ok = value <= budget;
  if (!ok) failures.push(label);
  console.log(
    `  ${ok ? 'ok  ' : 'OVER'} ${label.padEnd(52)} ${value.toFixed(1).padStart(8)} ${unit}  (budget ${budget} ${unit})`,
  );
}

/** Key press → first change of the textarea's value, timed inside the page. */
async function inPageFirstText(page: Page, original: string): Promise<number> {
  await page.evaluate(
    (text) =>
      (window as unknown as { __fixture: { setText(t: string): void } }).__fixture.setText(text),
    original,
  );
  await page.getByTestId('editor').focus();
  const measured = page.evaluate(
    (text) =>
      new Promise<number>((resolve) => {
        const field = document.querySelector('[data-testid="editor"]') as HTMLTextAreaElement;
        let pressedAt = 0;
        const onKey = (event: KeyboardEvent) => {
          if (event.code === 'KeyO' && event.altKey) pressedAt = performance.now();
        };
        window.addEventListener('keydown', onKey, true);
        const onInput = () => {
          if (field.value === text) return;
          field.removeEventListener('input', onInput);
          window.removeEventListener('keydown', onKey, true);
          resolve(performance.now() - pressedAt);
        };
        field.addEventListener('input', onInput);
      }),
    original,
  );
  await page.keyboard.press('Alt+Shift+O');
  const ms = await measured;
  // Let the request finish so the next run starts clean.
  await page
    .locator('prompt-relay-overlay')
    .getByText(/Refined!|Draft ready\.|failed/)
    .waitFor({ timeout: 15_000 });
  await page.locator('prompt-relay-overlay').getByRole('button', { name: 'Close' }).click();
  return ms;
}

function bundleSizes(): void {
  console.log('\nBundle sizes (gzipped)');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css)$/.test(name)) files.push(path);
    }
  };
  walk(DEFAULT_EXTENSION_DIR);
  for (const file of files.sort()) {
    const gz = gzipSync(readFileSync(file)).length;
    const name = relative(DEFAULT_EXTENSION_DIR, file);
    if (name === 'field-triggers.js')
      report(
        `always-on content script (${name})`,
        gz / 1024,
        BUDGETS.alwaysOnScriptBytes / 1024,
        'KB',
      );
    else console.log(`       ${name.padEnd(52)} ${(gz / 1024).toFixed(1).padStart(8)} KB`);
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
    if (build.status !== 0) throw new Error('wxt build failed');
  }
  await buildFixtures();
  bundleSizes();

  const draft = await startMockProvider({
    scenario: {
      reply: 'Draft: a concise, optimized prompt with several words in it.',
      firstTokenMs: FIRST_TOKEN_MS,
      tokensPerSecond: 2000,
    },
  });
  const refinement = await startMockProvider({
    scenario: { reply: 'Refined prompt.', firstTokenMs: 50 },
  });
  const pages = await startStaticServer();
  const extension = await launchExtension();
  try {
    await configureProviders(extension.serviceWorker, {
      draftUrl: draft.url,
      refinementUrl: refinement.url,
    });

    const popup = await openPopup(extension.context, extension.extensionId);
    await definePageNameHelper(popup);
    const popupRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      await popup.getByLabel('Prompt', { exact: true }).fill(`benchmark prompt ${i}`);
      const timing = await optimizeAndTime(popup);
      popupRuns.push(timing.firstTextMs - FIRST_TOKEN_MS);
    }
    await popup.close();

    const page = await extension.context.newPage();
    await page.goto(`${pages.url}/textarea.html`);
    await page.waitForFunction(() => 'ontouchstart' in window || '__fixture' in window);
    await definePageNameHelper(page);
    await inPageFirstText(page, 'warm-up prompt');
    const warmRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1)
      warmRuns.push((await inPageFirstText(page, `benchmark prompt ${i}`)) - FIRST_TOKEN_MS);

    await stopServiceWorker(extension.context, extension.extensionId);
    const cold = (await inPageFirstText(page, 'cold start prompt')) - FIRST_TOKEN_MS;

    console.log(
      `\nLatency over the provider's first-token time (${FIRST_TOKEN_MS} ms), ${RUNS} runs`,
    );
    console.log(`       popup runs: ${popupRuns.map((v) => v.toFixed(0)).join(', ')} ms`);
    report(
      'popup: Optimize → first draft text (median)',
      median(popupRuns),
      BUDGETS.popupOverheadMs,
      'ms',
    );
    console.log(`       in-page warm runs: ${warmRuns.map((v) => v.toFixed(0)).join(', ')} ms`);
    report(
      'in page: key press → first draft text (median, warm)',
      median(warmRuns),
      BUDGETS.inPageWarmMs,
      'ms',
    );
    report(
      'in page: key press → first draft text (worker stopped)',
      cold,
      BUDGETS.inPageColdMs,
      'ms',
    );
  } finally {
    await extension.close();
    await pages.close();
    await draft.close();
    await refinement.close();
  }
  if (failures.length) {
    console.log(`\nOver budget: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
