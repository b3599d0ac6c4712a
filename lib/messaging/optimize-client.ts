import type { Runtime } from 'webextension-polyfill';
import {
  OPTIMIZE_PORT_NAME,
  type ClientMessage,
  type OptimizeRequest,
  type ServerEvent,
} from './protocol';

export interface OptimizationHandle {
  cancel(): void;
  /** Resolves when the request is over: finished, failed, cancelled or interrupted. */
  finished: Promise<void>;
}

/**
 * The one client for the port protocol, shared by the popup and the content script. If the Port
 * drops before `done` or a final `error` (the worker was stopped or crashed), it reports an
 * `interrupted` error so the UI can keep what it has and offer Retry.
 */
export function startOptimization(
  request: OptimizeRequest,
  onEvent: (event: ServerEvent) => void,
  connect: (info: { name: string }) => Runtime.Port,
): OptimizationHandle {
  const port = connect({ name: OPTIMIZE_PORT_NAME });
  let settled = false;
  let hasResult = false;
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  const settle = () => {
    if (settled) return;
    settled = true;
    resolveFinished();
  };

  port.onMessage.addListener((message: unknown) => {
    if (settled) return;
    const event = message as ServerEvent;
    if (event.type === 'draft') hasResult = true;
    onEvent(event);
    // An error with a result in hand is followed by `done`; without one it ends the request.
    if (event.type === 'done' || (event.type === 'error' && !hasResult)) settle();
  });
  port.onDisconnect.addListener(() => {
    if (settled) return;
    onEvent({
      type: 'error',
      code: 'interrupted',
      stage: hasResult ? 'refinement' : 'request',
      retryable: true,
      message: hasResult
        ? 'The refinement was interrupted — the draft is kept. Retry to refine again.'
        : 'Prompt Relay was interrupted before a result arrived. Retry.',
    });
    settle();
  });

  const post = (message: ClientMessage) => port.postMessage(message);
  post({ type: 'start', request });

  return {
    cancel() {
      if (settled) return;
      settled = true;
      try {
        post({ type: 'cancel' });
        port.disconnect();
      } catch {
        // Already disconnected.
      }
      resolveFinished();
    },
    finished,
  };
}
