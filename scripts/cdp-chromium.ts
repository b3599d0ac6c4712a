/**
 * Chromium with the extension, driven over plain CDP, for the cold-start figure. Playwright
 * attaches to every service worker and holds it at start until its session resumes it, which
 * adds ≈180 ms to a cold start here; this client only ever attaches to the pages it opens, so the
 * worker starts the way it does for a user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ensureChromium, extensionChromiumArgs } from './ensure-chromium';

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export class CdpBrowser {
  private nextId = 0;
  private readonly pending = new Map<number, (message: CdpMessage) => void>();
  private readonly listeners = new Set<(message: CdpMessage) => void>();
  private id: string | null = null;
  /** A session on the extension's worker, kept across runs while it lives. */
  private workerSession: string | null = null;
  /** Page sessions → their targets (to bring a tab to the front or close it). */
  private readonly targets = new Map<string, string>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly process: ChildProcess,
    private readonly userDataDir: string,
  ) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as CdpMessage;
      const reply = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (reply) {
        this.pending.delete(message.id!);
        reply(message);
      } else {
        for (const listener of this.listeners) listener(message);
      }
    });
  }

  /**
   * Headless by default. With `display` (an X display, see tests/browser/support/x-display.ts) it
   * runs headed there, in a window at the screen's top-left, so real OS keys (xdotool) reach it.
   */
  static async launch(extensionDir: string, opts: { display?: string } = {}): Promise<CdpBrowser> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'prompt-relay-cdp-'));
    const mode = opts.display
      ? ['--window-position=0,0', '--window-size=1280,900']
      : ['--headless'];
    const child = spawn(
      await ensureChromium(),
      [
        ...mode,
        '--remote-debugging-port=0',
        `--user-data-dir=${userDataDir}`,
        ...extensionChromiumArgs(extensionDir),
        'about:blank',
      ],
      opts.display ? { env: { ...process.env, DISPLAY: opts.display } } : {},
    );
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium did not start: ${output}`)),
        20_000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /DevTools listening on (ws:\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new CdpBrowser(socket, child, userDataDir);
  }

  async send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    const reply = new Promise<CdpMessage>((resolve) => this.pending.set(id, resolve));
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    const message = await reply;
    if (message.error) throw new Error(`${method}: ${message.error.message}`);
    return message.result ?? {};
  }

  /** Resolves with the first event of that name (in that session) that passes `test`. */
  waitForEvent(
    method: string,
    test: (params: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: CdpMessage) => {
        if (message.method === method && test(message.params ?? {})) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          resolve();
        }
      };
      this.listeners.add(listener);
    });
  }

  async extensionId(): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const { targetInfos } = (await this.send('Target.getTargets')) as {
        targetInfos: { type: string; url: string }[];
      };
      const worker = targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      );
      if (worker) return (this.id = new URL(worker.url).host);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the extension service worker never appeared');
  }

  /** Opens a tab and returns a flat session on it. */
  async openPage(url: string): Promise<string> {
    const { targetId } = await this.send('Target.createTarget', { url });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    this.targets.set(sessionId as string, targetId as string);
    await this.send('Runtime.enable', {}, sessionId as string);
    // The command acts only in a frame with document.hasFocus(); a headless tab opened over CDP
    // may not be the focused one (Playwright enables the same emulation on its pages).
    await this.send('Emulation.setFocusEmulationEnabled', { enabled: true }, sessionId as string);
    await this.evaluate(
      sessionId as string,
      `new Promise((r) => document.readyState === 'complete' ? r() : addEventListener('load', () => r()))`,
    );
    return sessionId as string;
  }

  /** Makes the page's tab the selected one (headed: the one that receives OS keys). */
  async bringToFront(sessionId: string): Promise<void> {
    await this.send('Target.activateTarget', { targetId: this.targetOf(sessionId) });
    await this.send('Page.bringToFront', {}, sessionId);
  }

  async closePage(sessionId: string): Promise<void> {
    await this.send('Target.closeTarget', { targetId: this.targetOf(sessionId) });
    this.targets.delete(sessionId);
  }

  private targetOf(sessionId: string): string {
    const targetId = this.targets.get(sessionId);
    if (!targetId) throw new Error('not a page opened by openPage()');
    return targetId;
  }

  /** A trusted left click at viewport coordinates (CDP mouse input reaches pages as a user's). */
  async click(sessionId: string, x: number, y: number): Promise<void> {
    const at = { x, y, button: 'left', clickCount: 1 };
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y }, sessionId);
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at }, sessionId);
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at }, sessionId);
  }

  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const result = (await this.send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    )) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (result.exceptionDetails) {
      throw new Error(
        result.exceptionDetails.exception?.description ?? result.exceptionDetails.text,
      );
    }
    return result.result.value;
  }

  /** A flat session on the extension's running service worker; null while it is stopped. */
  private async attachToWorker(): Promise<string | null> {
    const { targetInfos } = (await this.send('Target.getTargets')) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const worker = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    if (!worker) return null;
    const { sessionId } = await this.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: true,
    });
    return sessionId as string;
  }

  /**
   * The keyboard shortcut as Chrome delivers it: `chrome.commands.onCommand` in the worker, for the
   * tab showing `pageUrl` (CDP key presses never reach chrome.commands). The worker's real listener
   * runs via `dispatch()`. A stopped worker is started first, as Chrome starts it to deliver a
   * command. `dispatchedAt`: the moment of the dispatch, in epoch ms on the worker's clock.
   */
  async dispatchOptimizeCommand(
    pageSession: string,
    pageUrl: string,
  ): Promise<{ dispatchedAt: number; startedWorker: boolean }> {
    let startedWorker = false;
    if (!this.workerSession) {
      this.workerSession = await this.attachToWorker();
      if (!this.workerSession) {
        startedWorker = true;
        await this.send('ServiceWorker.enable', {}, pageSession);
        await this.send('ServiceWorker.startWorker', { scopeURL: this.scopeUrl() }, pageSession);
        await this.send('ServiceWorker.disable', {}, pageSession);
        for (let attempt = 0; !this.workerSession; attempt += 1) {
          if (attempt > 2000) throw new Error('the extension service worker did not start');
          this.workerSession = await this.attachToWorker();
        }
      }
    }
    const dispatchedAt = await this.evaluate<number>(
      this.workerSession,
      `(async () => {
        // A just-started worker may still be evaluating its script: Chrome, too, delivers the
        // command once the listener is registered.
        while (!chrome.commands.onCommand.hasListeners()) await new Promise((r) => setTimeout(r, 1));
        const tabs = (await chrome.tabs.query({})).filter((t) => t.url === ${JSON.stringify(pageUrl)});
        if (tabs.length !== 1) throw new Error(tabs.length + ' tabs show the page');
        const at = performance.timeOrigin + performance.now();
        chrome.commands.onCommand.dispatch('optimize-prompt', tabs[0]);
        return at;
      })()`,
    );
    return { dispatchedAt, startedWorker };
  }

  private scopeUrl(): string {
    if (!this.id) throw new Error('call extensionId() first');
    return `chrome-extension://${this.id}/`;
  }

  /** Stops the extension's worker from a page session, and waits until Chrome says it stopped. */
  async stopServiceWorker(sessionId: string): Promise<void> {
    await this.send('ServiceWorker.enable', {}, sessionId);
    const stopped = this.waitForEvent('ServiceWorker.workerVersionUpdated', (params) =>
      (params.versions as { runningStatus: string; scriptURL: string }[]).some(
        (v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'stopped',
      ),
    );
    await this.send('ServiceWorker.stopAllWorkers', {}, sessionId);
    await stopped;
    this.workerSession = null;
    await this.send('ServiceWorker.disable', {}, sessionId);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    // The browser, not the wrapper script that launched it, must be gone before its profile is.
    await this.send('Browser.close').catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    this.socket.close();
    this.process.kill();
    rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
