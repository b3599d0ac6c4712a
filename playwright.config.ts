import { defineConfig } from '@playwright/test';

// Browser tests of the built extension (`npx wxt build` first). Browsers are launched by the
// fixture in tests/browser/support/fixtures.ts with a system Chromium, so there are no projects
// and nothing for Playwright to download.
export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './tests/browser/support/global-setup.ts',
  // One shared browser on a 2-core machine; more workers only fight over the CPU.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  // `list` ends with the "N passed" summary line.
  reporter: 'list',
  use: {},
});
