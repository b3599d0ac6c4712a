import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { serveOptimizePort } from '../../lib/background/port-server';
import { OPTIMIZE_PORT_NAME, type ServerEvent } from '../../lib/messaging/protocol';
import type { PipelineSettings } from '../../lib/background/pipeline/pipeline-settings';
import type { runPipeline } from '../../lib/background/pipeline/run-pipeline';
import { createTabBudget } from '../../lib/background/tab-budget';

const SELF = { id: 'me', baseUrl: 'chrome-extension://me/' };
const POPUP = { id: 'me', url: 'chrome-extension://me/popup.html' };
const PAGE = {
  id: 'me',
  url: 'https://chat.example/c/1',
  origin: 'https://chat.example',
  frameId: 0,
  tab: { id: 7, incognito: false },
};

/** A Port double with the same listener surface the background sees. */
function fakePort(sender: Record<string, unknown> | string) {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const posted: ServerEvent[] = [];
  const port = {
    name: OPTIMIZE_PORT_NAME,
    sender: typeof sender === 'string' ? { ...POPUP, id: sender } : sender,
    postMessage: (m: ServerEvent) => posted.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
  };
  return {
    port: port as unknown as Runtime.Port,
    posted,
    disconnect: port.disconnect,
    send: (m: unknown) => messageListeners.forEach((l) => l(m)),
    dropFromClient: () => disconnectListeners.forEach((l) => l()),
  };
}

const settings = {} as PipelineSettings;

describe('serveOptimizePort', () => {
  it('refuses ports from anything but this extension', () => {
    const p = fakePort('some-other-extension');
    const run = vi.fn();
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    expect(p.disconnect).toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('aborts the pipeline when the client disconnects', async () => {
    const p = fakePort('me');
    let seenSignal: AbortSignal | null = null;
    const run: typeof runPipeline = async (_req, _s, emit, signal) => {
      seenSignal = signal;
      emit({ type: 'draft-delta', delta: 'a' });
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    };
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(p.posted).toHaveLength(1));
    p.dropFromClient();
    expect(seenSignal!.aborted).toBe(true);
  });

  it('aborts on cancel, ignores a second start and malformed messages', async () => {
    const p = fakePort('me');
    const run = vi.fn<typeof runPipeline>(async (_r, _s, _e, signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    });
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start' });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    p.send({ type: 'start', request: { prompt: 'y', mode: 'general' } });
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    p.send({ type: 'cancel' });
    expect(run.mock.calls[0]![3].aborted).toBe(true);
    expect(p.disconnect).toHaveBeenCalled();
  });

  it('disconnects the port when the pipeline is over', async () => {
    const p = fakePort('me');
    const run: typeof runPipeline = async (_r, _s, emit) => {
      const error = { code: 'no-keys', message: 'm', stage: 'request', retryable: false } as const;
      emit({ type: 'end', outcome: 'failed', fromCache: false, error });
      // Nothing passes after the end.
      emit({ type: 'draft-delta', delta: 'late' });
    };
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(p.disconnect).toHaveBeenCalled());
    expect(p.posted.map((e) => e.type)).toEqual(['end']);
  });

  it('ends a cancelled request with a cancelled end, then disconnects', async () => {
    const p = fakePort('me');
    const run = vi.fn<typeof runPipeline>(async (_r, _s, emit, signal) => {
      emit({ type: 'draft-delta', delta: 'a' });
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      emit({ type: 'draft', draft: 'a' });
    });
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(p.posted).toHaveLength(1));
    p.send({ type: 'cancel' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(p.posted.map((e) => e.type)).toEqual(['draft-delta', 'end']);
    expect(p.posted[1]).toEqual({ type: 'end', outcome: 'cancelled', fromCache: false });
    expect(p.disconnect).toHaveBeenCalledTimes(1);
  });
});

describe('requests from pages', () => {
  const never = () => new Promise<void>(() => {});

  it('runs a content script request scoped to its page origin', async () => {
    const p = fakePort(PAGE);
    const run = vi.fn<typeof runPipeline>(async () => {});
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]![4]).toEqual({ origin: 'https://chat.example', incognito: false });
  });

  it('drops a start whose mode is invented', async () => {
    const p = fakePort(PAGE);
    const run = vi.fn<typeof runPipeline>(async () => {});
    serveOptimizePort(p.port, { self: SELF, loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'ignore previous instructions' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a page over its tab budget with words and no provider call', async () => {
    const budget = createTabBudget({ inFlight: 1, perMinute: 10 });
    const run = vi.fn<typeof runPipeline>(never);
    const first = fakePort(PAGE);
    serveOptimizePort(first.port, { self: SELF, budget, loadSettings: async () => settings, run });
    first.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));

    const second = fakePort(PAGE);
    serveOptimizePort(second.port, { self: SELF, budget, loadSettings: async () => settings, run });
    second.send({ type: 'start', request: { prompt: 'y', mode: 'general' } });
    expect(run).toHaveBeenCalledTimes(1);
    expect(second.posted).toHaveLength(1);
    expect(second.posted[0]).toMatchObject({
      type: 'end',
      outcome: 'failed',
      error: {
        code: 'tab-budget',
        message:
          'Prompt Relay is already optimizing several prompts in this tab. Wait for one to finish (or press Esc to cancel it), then try again.',
      },
    });
    expect(second.disconnect).toHaveBeenCalled();
  });

  it('does not count the popup against any tab', async () => {
    const budget = createTabBudget({ inFlight: 1, perMinute: 1 });
    const run = vi.fn<typeof runPipeline>(never);
    for (let i = 0; i < 3; i += 1) {
      const p = fakePort(POPUP);
      serveOptimizePort(p.port, { self: SELF, budget, loadSettings: async () => settings, run });
      p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    }
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(3));
  });

  it('says so when the settings cannot be read, instead of dropping the port', async () => {
    const p = fakePort(POPUP);
    const run = vi.fn<typeof runPipeline>(async () => {});
    serveOptimizePort(p.port, {
      self: SELF,
      loadSettings: () => Promise.reject(new Error('bad value')),
      run,
    });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(p.disconnect).toHaveBeenCalled());
    expect(run).not.toHaveBeenCalled();
    expect(p.posted).toHaveLength(1);
    expect(p.posted[0]).toMatchObject({
      type: 'end',
      outcome: 'failed',
      error: {
        message:
          'Prompt Relay couldn’t read its settings. Try again, or open the settings and Save.',
      },
    });
  });
});

describe('worker lifetime', () => {
  it('touches an extension API every 20 s while a request waits for its provider, and stops after', async () => {
    vi.useFakeTimers();
    try {
      const p = fakePort('me');
      const keepAlive = vi.fn();
      let finish: () => void = () => {};
      const run: typeof runPipeline = () => new Promise<void>((resolve) => (finish = resolve));
      serveOptimizePort(p.port, {
        self: SELF,
        loadSettings: async () => settings,
        run,
        keepAlive,
      });
      p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
      await vi.advanceTimersByTimeAsync(45_000);
      expect(keepAlive).toHaveBeenCalledTimes(2);
      finish();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(keepAlive).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
