// Launches Chromium with the built extension loaded unpacked, the way every browser test needs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { ensureChromium, extensionChromiumArgs } from '../../../scripts/ensure-chromium';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_EXTENSION_DIR = resolve(REPO_ROOT, '.output/chrome-mv3');

const SERVICE_WORKER_TIMEOUT_MS = 15_000;

export interface LaunchExtensionOptions {
  /** Defaults to true. Playwright passes `--headless`, which since Chromium 132 is the new
   * headless mode: a full browser that loads unpacked MV3 extensions, no X server needed. */
  headless?: boolean;
  /** Unpacked extension directory; defaults to `<repo>/.output/chrome-mv3`. */
  extensionDir?: string;
  /** An X display for headed runs (see x-display.ts). */
  display?: string;
  /** More Chromium flags, such as `--host-resolver-rules=…` to give a test host name an address. */
  args?: string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** Playwright keeps this same object across worker stops and restarts (see service-worker.ts). */
  serviceWorker: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

/** The background script's file name, read from the manifest so a rename cannot break tests. */
function serviceWorkerScript(extensionDir: string): string {
  const manifestPath = join(extensionDir, 'manifest.json');
  let manifest: { background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new Error(`Cannot read ${manifestPath}: run \`npx wxt build\` first.`, { cause: error });
  }
  const script = manifest.background?.service_worker;
  if (!script) throw new Error(`${manifestPath} declares no background.service_worker.`);
  return script;
}

export function isBackgroundWorker(worker: Worker, script = 'background.js'): boolean {
  const url = new URL(worker.url());
  return url.protocol === 'chrome-extension:' && url.pathname === `/${script}`;
}

export async function launchExtension(
  opts: LaunchExtensionOptions = {},
): Promise<LaunchedExtension> {
  const extensionDir = resolve(opts.extensionDir ?? DEFAULT_EXTENSION_DIR);
  const script = serviceWorkerScript(extensionDir);
  const executablePath = await ensureChromium();
  // A fresh profile per launch: no state leaks between runs, and no first-run prompts.
  const userDataDir = mkdtempSync(join(tmpdir(), 'prompt-relay-chromium-'));
  const removeUserDataDir = (): void =>
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: opts.headless ?? true,
      args: [...extensionChromiumArgs(extensionDir), ...(opts.args ?? [])],
      ...(opts.display ? { env: { ...process.env, DISPLAY: opts.display } } : {}),
    });
  } catch (error) {
    removeUserDataDir();
    throw error;
  }

  const close = async (): Promise<void> => {
    await context.close();
    removeUserDataDir();
  };

  try {
    const serviceWorker =
      context.serviceWorkers().find((worker) => isBackgroundWorker(worker, script)) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (worker) => isBackgroundWorker(worker, script),
        timeout: SERVICE_WORKER_TIMEOUT_MS,
      }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, userDataDir, close };
  } catch (error) {
    await close();
    throw new Error(
      `The extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS} ms ` +
        `(extension dir: ${extensionDir}). Is the build complete?`,
      { cause: error },
    );
  }
}
