/**
 * The draft on Chrome's built-in model (Prompt API), streamed through the same callbacks as the
 * SDK path (`streamChat`): pieces go to `onDelta`, the result is the whole text, an abort destroys
 * the session and throws. It runs in the service worker: `LanguageModel` is defined there
 * (measured in Chromium 156, see lib/settings/on-device-model.ts), so no offscreen document.
 */
import { PipelineError } from '../../errors/error-codes';
import {
  onDeviceState,
  TEXT_IN_ENGLISH,
  type LanguageModelApi,
  type LanguageModelSession,
  type OnDeviceState,
} from '../../settings/on-device-model';
import type { ChatMessage, ChatStreamResult } from './chat-stream';

export const ON_DEVICE_PROVIDER = 'the on-device model';

/**
 * The first session in a worker's life may load Gemini Nano's weights into Chrome's model
 * service (or wait for a download already running), which takes seconds a draft timeout of 5 s
 * does not allow. Only that first create gets this ceiling; later ones keep the stage's timeout.
 * A ceiling, not a wait: a fast load costs nothing more.
 */
export const FIRST_LOAD_TIMEOUT_MS = 30_000;

function unavailableError(state: OnDeviceState, cause?: unknown): PipelineError {
  const why =
    state === 'missing'
      ? 'this browser has no on-device model for extensions (it needs Chrome 138 or later)'
      : state === 'downloadable'
        ? 'its model is not downloaded yet — open the settings and click “Download the model”'
        : state === 'downloading'
          ? 'Chrome is still downloading its model — the draft runs here once it is done'
          : 'this device does not meet its hardware requirements, or it is turned off here';
  return new PipelineError(
    {
      code: 'provider-error',
      stage: 'draft',
      provider: ON_DEVICE_PROVIDER,
      // Asking again will not change the answer: no retry, and it does not trip the breaker.
      retryable: false,
      message: `Chrome’s on-device model is not available: ${why}. Choose another Draft provider in settings.`,
    },
    { cause },
  );
}

/** The model is there but a session would not start: worth one more try, then the breaker. */
function couldNotStart(cause: unknown): PipelineError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new PipelineError(
    {
      code: 'provider-error',
      stage: 'draft',
      provider: ON_DEVICE_PROVIDER,
      retryable: true,
      message: `Chrome’s on-device model did not start${detail}. Try again.`,
    },
    { cause },
  );
}

/** The Prompt API says a prompt over the session's context with QuotaExceededError. */
function streamFailed(cause: unknown): unknown {
  if ((cause as { name?: unknown } | null)?.name !== 'QuotaExceededError') return cause;
  return new PipelineError(
    {
      code: 'too-long',
      stage: 'draft',
      provider: ON_DEVICE_PROVIDER,
      retryable: false,
      message:
        'The prompt is too long for Chrome’s on-device model. Shorten it, or choose another Draft provider in settings.',
    },
    { cause },
  );
}

function cancelled(): PipelineError {
  return new PipelineError({
    code: 'cancelled',
    stage: 'draft',
    provider: ON_DEVICE_PROVIDER,
    retryable: true,
    message: 'Cancelled.',
  });
}

/**
 * Turns the stream's strings into pieces. Current Chrome streams each new piece; builds before
 * 2025 streamed the whole text so far. The kind is settled on the second chunk: cumulative when
 * it strictly extends everything received, pieces otherwise (two equal pieces stay pieces).
 */
export class StreamPieces {
  private text = '';
  private chunks = 0;
  private cumulative = false;

  push(chunk: string): string {
    this.chunks += 1;
    if (this.chunks === 2) {
      this.cumulative = chunk.length > this.text.length && chunk.startsWith(this.text);
    }
    const piece =
      this.cumulative && chunk.startsWith(this.text) ? chunk.slice(this.text.length) : chunk;
    this.text += piece;
    return piece;
  }

  get whole(): string {
    return this.text;
  }
}

export interface OnDeviceRequest {
  messages: ChatMessage[];
  signal: AbortSignal;
  onDelta: (delta: string) => void;
}

export interface OnDeviceDraft {
  /** The stage's timeout, raised for the first model load in this worker's life. */
  timeoutFor(stageTimeoutMs: number): number;
  stream(request: OnDeviceRequest): Promise<ChatStreamResult>;
}

/** One per worker; `api` is `LanguageModel` (or a stand-in), or null where there is none. */
export function createOnDeviceDraft(api: () => LanguageModelApi | null): OnDeviceDraft {
  let loaded = false;

  async function open(
    model: LanguageModelApi,
    messages: ChatMessage[],
    signal: AbortSignal,
  ): Promise<LanguageModelSession> {
    try {
      const system = messages.filter((m) => m.role === 'system');
      const session = await model.create({
        ...TEXT_IN_ENGLISH,
        initialPrompts: system.map((m) => ({ role: 'system', content: m.content })),
        signal,
      });
      loaded = true;
      // A session that arrives after the cancel would hold the model's memory: free it.
      if (signal.aborted) {
        session.destroy();
        throw cancelled();
      }
      return session;
    } catch (error) {
      if (signal.aborted) throw cancelled();
      // Availability can change between the check and create (the user turned it off, the
      // model was removed for lack of disk): name the state it is in now.
      const now = await onDeviceState(model);
      if (now !== 'available') throw unavailableError(now, error);
      throw couldNotStart(error);
    }
  }

  return {
    timeoutFor(stageTimeoutMs) {
      return loaded ? stageTimeoutMs : Math.max(stageTimeoutMs, FIRST_LOAD_TIMEOUT_MS);
    },

    async stream({ messages, signal, onDelta }) {
      signal.throwIfAborted();
      const model = api();
      const state = await onDeviceState(model);
      // 'downloading' may finish within the first-load ceiling; 'downloadable' needs the user's
      // click in the settings (creating a session then needs a gesture the worker never has).
      if (!model || (state !== 'available' && state !== 'downloading')) {
        throw unavailableError(state);
      }
      const session = await open(model, messages, signal);
      let destroyed = false;
      // An abort destroys the session at once: Chrome stops generating and frees its memory.
      const destroy = () => {
        if (destroyed) return;
        destroyed = true;
        session.destroy();
      };
      signal.addEventListener('abort', destroy, { once: true });
      const pieces = new StreamPieces();
      try {
        const user = messages
          .filter((m) => m.role === 'user')
          .map((m) => m.content)
          .join('\n\n');
        const reader = session.promptStreaming(user, { signal }).getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            if (signal.aborted) break;
            const piece = pieces.push(String(value));
            if (piece) onDelta(piece);
          }
        } finally {
          reader.releaseLock();
        }
        if (signal.aborted) throw cancelled();
        return { text: pieces.whole, usage: null };
      } catch (error) {
        if (signal.aborted) throw cancelled();
        throw streamFailed(error);
      } finally {
        signal.removeEventListener('abort', destroy);
        destroy();
      }
    },
  };
}
