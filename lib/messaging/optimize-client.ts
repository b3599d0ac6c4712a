import type { Runtime } from 'webextension-polyfill';
import type { ErrorInfo } from '../errors/error-codes';
import {
  OPTIMIZE_PORT_NAME,
  type ClientMessage,
  type EndEvent,
  type OptimizeRequest,
  type RequestSource,
  type ServerEvent,
} from './protocol';

export interface OptimizationHandle {
  /** The id of the request's history entry (what the user does with it is reported by it). */
  requestId: string;
  /** Stops the request; the caller hears nothing more (it knows it ended the request). */
  cancel(): void;
}

function interruption(draftKept: boolean): EndEvent {
  const error: ErrorInfo = draftKept
    ? {
        code: 'interrupted',
        stage: 'refinement',
        retryable: true,
        message: 'The refinement was interrupted — the draft is kept. Retry to refine again.',
      }
    : {
        code: 'interrupted',
        stage: 'request',
        retryable: true,
        message: 'Prompt Relay was interrupted before a result arrived. Retry.',
      };
  // No metadata came: the background that measured it is gone.
  return draftKept
    ? { type: 'end', outcome: 'draft-only', fromCache: false, metadata: null, error }
    : { type: 'end', outcome: 'failed', fromCache: false, error };
}

/**
 * The one client for the port protocol, shared by the popup and the content script. `onEvent`
 * hears exactly one `end`, last: the background's, or — when the Port drops first (the worker was
 * stopped or crashed) — an `interrupted` one, so the UI keeps what it has and offers Retry. After
 * `cancel()` it hears nothing more.
 */
export function startOptimization(
  request: OptimizeRequest,
  onEvent: (event: ServerEvent) => void,
  connect: (info: { name: string }) => Runtime.Port,
  source?: RequestSource,
): OptimizationHandle {
  // Names the request's history entry in later history-action / history-feedback messages.
  const requestId = crypto.randomUUID();
  const port = connect({ name: OPTIMIZE_PORT_NAME });
  let ended = false;
  // Only to word an interruption: whether the draft the user holds is a whole one.
  let draftKept = false;

  port.onMessage.addListener((message: unknown) => {
    if (ended) return;
    const event = message as ServerEvent;
    if (event.type === 'draft') draftKept = true;
    if (event.type === 'end') ended = true;
    onEvent(event);
  });
  port.onDisconnect.addListener(() => {
    if (ended) return;
    ended = true;
    onEvent(interruption(draftKept));
  });

  const post = (message: ClientMessage) => port.postMessage(message);
  post({ type: 'start', request, requestId, ...(source ? { source } : {}) });

  return {
    requestId,
    cancel() {
      if (ended) return;
      ended = true;
      try {
        post({ type: 'cancel' });
        port.disconnect();
      } catch {
        // Already disconnected.
      }
    },
  };
}
