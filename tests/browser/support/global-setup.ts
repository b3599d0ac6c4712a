// Runs once before the browser tests. It builds nothing: `wxt build` runs before Playwright
// (the npm script does it), so a missing or half-written build fails here in plain words.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../../../scripts/ensure-chromium';
import { DEFAULT_EXTENSION_DIR } from './launch-extension';

export default async function globalSetup(): Promise<void> {
  const manifestPath = join(DEFAULT_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npx wxt build\` first.`);
  }
  let manifest: { background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new Error(
      `${manifestPath} is unreadable (a build in progress?): run \`npx wxt build\`.`,
      {
        cause: error,
      },
    );
  }
  const worker = manifest.background?.service_worker;
  if (!worker || !existsSync(join(DEFAULT_EXTENSION_DIR, worker))) {
    throw new Error(`The build in ${DEFAULT_EXTENSION_DIR} is incomplete: run \`npx wxt build\`.`);
  }
  // Installing Chromium (if needed) once here keeps that time out of the first test's budget.
  const chromiumPath = await ensureChromium();
  console.log(`Chromium: ${chromiumPath}`);
}
