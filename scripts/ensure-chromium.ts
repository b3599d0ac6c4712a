// Finds (or installs) a Chromium that can load the unpacked extension for browser tests.
// Playwright's own browser download is not reachable on every machine we run on, so a
// system Chromium handed to Playwright through `executablePath` comes first.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const APT_CHROMIUM = '/usr/bin/chromium';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`, but walks PATH itself: no shell, so nothing depends on which shell is installed. */
function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** Returns a usable Chromium without installing anything, or null. */
export function findChromium(): string | null {
  for (const name of ENV_VARS) {
    const value = process.env[name];
    if (!value) continue;
    // An explicit setting that points nowhere is a mistake worth reporting, not skipping.
    if (!isExecutableFile(value)) {
      throw new Error(`${name}=${value} is not an executable file.`);
    }
    return value;
  }
  for (const name of PATH_NAMES) {
    const found = which(name);
    if (found) return found;
  }
  return null;
}

function run(command: string, args: string[]): boolean {
  console.error(`[ensure-chromium] ${command} ${args.join(' ')}`);
  // Inherit stdio so a slow install shows progress instead of looking hung.
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

function tryApt(): string | null {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) return null;
  if (!run('apt-get', ['update'])) return null;
  if (!run('apt-get', ['install', '-y', 'chromium'])) return null;
  return isExecutableFile(APT_CHROMIUM) ? APT_CHROMIUM : null;
}

async function tryPlaywrightDownload(): Promise<string | null> {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (!run(npx, ['playwright', 'install', 'chromium'])) return null;
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return isExecutableFile(path) ? path : null;
  } catch {
    return null;
  }
}

/** Returns a Chromium executable path, installing one if none is found. Throws if that fails. */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  const fromApt = tryApt();
  if (fromApt) return fromApt;
  const fromPlaywright = await tryPlaywrightDownload();
  if (fromPlaywright) return fromPlaywright;
  throw new Error(
    [
      'No Chromium found for the browser tests, and installing one failed.',
      'Install one of these, then run the tests again:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium',
      '  - or: npx playwright install chromium',
      '  - or point CHROMIUM_PATH at an existing Chromium or Chrome executable.',
    ].join('\n'),
  );
}

// Runnable on its own: `npx tsx scripts/ensure-chromium.ts` prints the path.
const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  ensureChromium().then(
    (path) => console.log(path),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}

/**
 * Flags for a Chromium that loads the unpacked extension on this closed network: no update checks,
 * sync or QUIC probes (they stall or compete with tests), and the extension as the only one
 * enabled (Playwright adds `--disable-extensions`; without the exception no worker ever starts).
 */
export function extensionChromiumArgs(extensionDir: string): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}
