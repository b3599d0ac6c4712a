import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { startOptimization } from '../../lib/messaging/optimize-client';
import type { ServerEvent } from '../../lib/messaging/protocol';

/** The background's side of one Port, as the client sees it. */
function fakeBackground() {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const received: unknown[] = [];
  const port = {
    name: '',
    postMessage: (m: unknown) => received.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
  };
  return {
    connect: (info: { name: string }) => {
      port.name = info.name;
      return port as unknown as Runtime.Port;
    },
    port,
    received,
    post: (event: ServerEvent) => messageListeners.forEach((l) => l(event)),
    drop: () => disconnectListeners.forEach((l) => l()),
  };
}

const REQUEST = { prompt: 'haiku', mode: 'general' } as const;
const metadata = {} as never;

function start() {
  const bg = fakeBackground();
  const events: ServerEvent[] = [];
  const handle = startOptimization(REQUEST, (e) => events.push(e), bg.connect);
  return { bg, events, handle };
}

describe('startOptimization', () => {
  it('opens the optimize port and sends one start', () => {
    const { bg } = start();
    expect(bg.port.name).toBe('prompt-relay/optimize');
    expect(bg.received).toEqual([
      {
        type: 'start',
        request: REQUEST,
        requestId: (bg.received[0] as { requestId: string }).requestId,
      },
    ]);
    expect((bg.received[0] as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('each request carries a fresh random id and the source it was given', () => {
    const bg = fakeBackground();
    const first = startOptimization(REQUEST, () => {}, bg.connect, 'context-menu');
    const second = startOptimization(REQUEST, () => {}, fakeBackground().connect, 'popup');
    expect(bg.received).toEqual([
      { type: 'start', request: REQUEST, requestId: first.requestId, source: 'context-menu' },
    ]);
    expect(first.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('passes events through and hears nothing after the end', () => {
    const { bg, events } = start();
    bg.post({ type: 'draft', draft: 'D' });
    bg.post({ type: 'end', outcome: 'draft-only', fromCache: false, metadata });
    bg.post({ type: 'refined', refined: 'late' });
    bg.drop();
    expect(events.map((e) => e.type)).toEqual(['draft', 'end']);
  });

  it('a Port dropped before any draft ends the request as failed, interrupted', () => {
    const { bg, events } = start();
    bg.post({ type: 'draft-delta', delta: 'Dr' });
    bg.drop();
    expect(events.at(-1)).toEqual({
      type: 'end',
      outcome: 'failed',
      fromCache: false,
      error: {
        code: 'interrupted',
        stage: 'request',
        retryable: true,
        message: 'Prompt Relay was interrupted before a result arrived. Retry.',
      },
    });
  });

  it('a Port dropped after the draft keeps it: draft-only, interrupted', () => {
    const { bg, events } = start();
    bg.post({ type: 'draft', draft: 'D' });
    bg.drop();
    expect(events.at(-1)).toMatchObject({
      type: 'end',
      outcome: 'draft-only',
      error: {
        code: 'interrupted',
        stage: 'refinement',
        message: 'The refinement was interrupted — the draft is kept. Retry to refine again.',
      },
    });
  });

  it('cancel tells the background, disconnects, and reports nothing more', () => {
    const { bg, events, handle } = start();
    handle.cancel();
    bg.post({ type: 'draft', draft: 'late' });
    bg.drop();
    handle.cancel();
    expect(bg.received.at(-1)).toEqual({ type: 'cancel' });
    expect(bg.port.disconnect).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
  });
});
