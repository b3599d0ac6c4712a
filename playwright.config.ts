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
  // One more run for a failed test: a test that fails twice fails `npm test`; one that passes on
  // its second run is listed as "flaky" in the summary, to be fixed, not hidden. Four CI runs in a
  // row failed on one timing flake each, in a different test each time, out of ≈235.
  retries: 1,
  timeout: 30_000,
  // `list` ends with the "N passed" summary line.
  reporter: 'list',
  use: {},
});
