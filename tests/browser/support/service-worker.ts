// Stopping and finding the extension's MV3 service worker, for cold-start tests.
//
// Observed with Playwright 1.65 + Chromium 156 (headless):
// - Playwright's own attachment keeps the worker alive, so the 30 s idle stop never happens in
//   tests; CDP `ServiceWorker.stopAllWorkers` from a session on a page still stops it (≈10–50 ms
//   idle, up to ≈500 ms on a loaded machine).
// - Playwright does not notice the stop: `context.serviceWorkers()` keeps listing the worker, its
//   Worker object emits no 'close' and is reused after the restart (no new 'serviceworker'
//   event). `worker.evaluate` on a stopped worker waits until something restarts it, then runs
//   in the fresh global scope. So the only reliable "really stopped" signal is CDP's
//   `ServiceWorker.workerVersionUpdated` reporting runningStatus 'stopped'.
// - A worker stopped while still starting (e.g. right after install) is restarted at once by
//   Chrome to deliver its queued events; hence stopServiceWorker waits for a settled state and
//   checks that the stop holds.
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { extensionUrl } from './extension-pages';

export type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: RunningStatus;
  status: string;
}

export interface StopServiceWorkerOptions {
  /** An open page to attach the CDP session to; by default a temporary tab is opened. */
  page?: Page;
  timeoutMs?: number;
  /** How long the worker must stay stopped to count as stopped. */
  settleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_SETTLE_MS = 150;
const MAX_STOP_ATTEMPTS = 3;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Tracks the running status of one extension's worker versions through a page's CDP session. */
class WorkerStatusWatch {
  private readonly versions = new Map<string, WorkerVersion>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly extensionId: string,
  ) {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions as WorkerVersion[]) {
        if (!version.scriptURL.startsWith(extensionUrl(this.extensionId, ''))) continue;
        if (version.status === 'redundant') this.versions.delete(version.versionId);
        else this.versions.set(version.versionId, version);
      }
      for (const listener of this.listeners) listener();
    });
  }

  /** The status of the live version, once CDP has reported one. */
  status(): RunningStatus | undefined {
    const statuses = [...this.versions.values()].map((version) => version.runningStatus);
    if (statuses.length === 0) return undefined;
    // With an update pending there can be two versions; anything not stopped wins.
    return statuses.find((status) => status !== 'stopped') ?? 'stopped';
  }

  async waitFor(
    accept: (status: RunningStatus) => boolean,
    timeoutMs: number,
  ): Promise<RunningStatus> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const status = this.status();
        if (status === undefined || !accept(status)) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(status);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `Service worker of ${this.extensionId} did not reach the expected state within ` +
              `${timeoutMs} ms (last status: ${this.status() ?? 'never reported'}).`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }
}

async function withWorkerStatus<T>(
  context: BrowserContext,
  extensionId: string,
  page: Page | undefined,
  run: (cdp: CDPSession, watch: WorkerStatusWatch) => Promise<T>,
): Promise<T> {
  // The temporary tab shows manifest.json: an extension page that runs no app code and gets no
  // content scripts, so opening it cannot itself wake the worker.
  const host = page ?? (await context.newPage());
  try {
    if (!page) await host.goto(extensionUrl(extensionId, 'manifest.json'));
    const cdp = await context.newCDPSession(host);
    try {
      const watch = new WorkerStatusWatch(cdp, extensionId);
      await cdp.send('ServiceWorker.enable');
      return await run(cdp, watch);
    } finally {
      // Detaching matters: a lingering DevTools session could keep workers alive.
      await cdp.send('ServiceWorker.disable').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    if (!page) await host.close();
  }
}

/** Reports whether the worker is running, as Chrome sees it (Playwright cannot tell). */
export async function getServiceWorkerStatus(
  context: BrowserContext,
  extensionId: string,
  opts: { page?: Page; timeoutMs?: number } = {},
): Promise<RunningStatus> {
  return withWorkerStatus(context, extensionId, opts.page, (_cdp, watch) =>
    watch.waitFor(() => true, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  );
}

/** Stops the extension's service worker and resolves once Chrome reports it stopped for good. */
export async function stopServiceWorker(
  context: BrowserContext,
  extensionId: string,
  opts: StopServiceWorkerOptions = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  await withWorkerStatus(context, extensionId, opts.page, async (cdp, watch) => {
    for (let attempt = 1; attempt <= MAX_STOP_ATTEMPTS; attempt++) {
      // Stopping a worker mid-start makes Chrome restart it; let it settle first.
      const settled = await watch.waitFor(
        (status) => status === 'running' || status === 'stopped',
        timeoutMs,
      );
      if (settled === 'running') {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await watch.waitFor((status) => status === 'stopped', timeoutMs);
      }
      await sleep(settleMs);
      if (watch.status() === 'stopped') return;
    }
    throw new Error(
      `Service worker of ${extensionId} kept restarting after ${MAX_STOP_ATTEMPTS} stops: ` +
        'something (an open port, a pending event, a page) keeps waking it.',
    );
  });
}

/**
 * Returns the extension's service worker, waiting until it is running. Playwright reuses the
 * same Worker object across restarts, so this mostly waits for a stopped worker to be woken
 * (by an extension event such as `chrome.runtime.sendMessage` from an extension page).
 */
export async function getServiceWorker(
  context: BrowserContext,
  opts: { timeoutMs?: number } = {},
): Promise<Worker> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const isExtensionWorker = (worker: Worker): boolean =>
    worker.url().startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context.waitForEvent('serviceworker', {
      predicate: isExtensionWorker,
      timeout: timeoutMs,
    }));
  // evaluate() on a stopped worker waits for its restart, which makes it a readiness probe.
  const probe = worker.evaluate(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), timeoutMs);
  });
  try {
    const ready = await Promise.race([probe, timedOut]);
    if (!ready) {
      // Keep the abandoned probe from surfacing later as an unhandled rejection.
      probe.catch(() => undefined);
      throw new Error(
        `The service worker is stopped and nothing woke it within ${timeoutMs} ms. ` +
          'Use an extension API from an extension page (e.g. chrome.runtime.sendMessage) first.',
      );
    }
    return worker;
  } finally {
    clearTimeout(timer);
  }
}
