import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { serveOptimizePort } from '../../lib/messaging/port-server';
import { OPTIMIZE_PORT_NAME, type ServerEvent } from '../../lib/messaging/protocol';
import type { PipelineSettings } from '../../lib/pipeline/pipeline-settings';
import type { runPipeline } from '../../lib/pipeline/run-pipeline';

/** A Port double with the same listener surface the background sees. */
function fakePort(senderId: string) {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const posted: ServerEvent[] = [];
  const port = {
    name: OPTIMIZE_PORT_NAME,
    sender: { id: senderId },
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
    serveOptimizePort(p.port, { extensionId: 'me', loadSettings: async () => settings, run });
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
    serveOptimizePort(p.port, { extensionId: 'me', loadSettings: async () => settings, run });
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
    serveOptimizePort(p.port, { extensionId: 'me', loadSettings: async () => settings, run });
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
      emit({ type: 'error', code: 'no-keys', message: 'm', stage: 'request', retryable: false });
    };
    serveOptimizePort(p.port, { extensionId: 'me', loadSettings: async () => settings, run });
    p.send({ type: 'start', request: { prompt: 'x', mode: 'general' } });
    await vi.waitFor(() => expect(p.disconnect).toHaveBeenCalled());
    expect(p.posted.map((e) => e.type)).toEqual(['error']);
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
        extensionId: 'me',
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
