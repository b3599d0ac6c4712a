import { PipelineError, type Stage } from '../../errors/error-codes';
import { secondsText } from '../../errors/error-words';
import { PROVIDER_PRESETS, type ProviderPresetId } from '../../settings/provider-presets';
import { hostOf, isLoopbackHost } from '../../settings/base-url-rules';
import { extensionOrigin } from '../../platform/extension-origin';
import { loopbackRefusalWords, loopbackUnreachableWords } from '../../platform/local-server-words';

export interface ErrorSource {
  stage: Stage;
  preset: ProviderPresetId;
  /** The host that answered ("api.groq.com", "127.0.0.1:8080"). */
  provider: string;
}

function headerValue(headers: unknown, name: string): string | null {
  if (headers && typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name);
  }
  return null;
}

/** Retry-After in seconds or as an HTTP date, or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function keyHelp(source: ErrorSource): string {
  // A link to the preset's key page only when the preset's own host answered.
  const preset = PROVIDER_PRESETS[source.preset];
  const url = preset.keyUrl && hostOf(preset.baseUrl) === source.provider ? preset.keyUrl : null;
  return url
    ? `Check the ${stageWord(source.stage)} API key in settings (get one at ${url}).`
    : `Check the ${stageWord(source.stage)} API key in settings.`;
}

/** The provider host is this computer (`localhost:11434`, `127.0.0.1:8080`, `[::1]:1234`). */
function isLoopbackProvider(provider: string): boolean {
  try {
    return isLoopbackHost(new URL(`http://${provider}`).hostname);
  } catch {
    return false;
  }
}

function stageWord(stage: Stage): string {
  return stage === 'draft' ? 'Draft' : 'Refinement';
}

/**
 * Turns whatever an SDK, fetch or a policy threw into a typed, worded error. Duck-typed on
 * `status`/`headers` because both SDKs' error classes share that shape and minification may
 * rename classes.
 */
export function classifyError(
  error: unknown,
  source: ErrorSource,
  aborted: boolean,
): PipelineError {
  if (error instanceof PipelineError) return error;
  const { stage, provider } = source;
  const base = { stage, provider };
  if (aborted) {
    return new PipelineError({
      ...base,
      code: 'cancelled',
      message: 'Cancelled.',
      retryable: true,
    });
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') {
    // A server on this computer needs no key: its 403 is Ollama refusing the extension's Origin.
    if (status === 403 && isLoopbackProvider(provider)) {
      return new PipelineError(
        {
          ...base,
          code: 'provider-error',
          retryable: false,
          message: loopbackRefusalWords(provider, extensionOrigin()),
        },
        { cause: error },
      );
    }
    if (status === 401 || status === 403) {
      return new PipelineError(
        {
          ...base,
          code: 'invalid-key',
          retryable: false,
          message: `${provider} rejected the API key. ${keyHelp(source)}`,
        },
        { cause: error },
      );
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(
        headerValue((error as { headers?: unknown }).headers, 'retry-after'),
      );
      const when = retryAfterMs !== null ? `in ${secondsText(retryAfterMs)}` : 'in a moment';
      return new PipelineError(
        {
          ...base,
          code: 'rate-limited',
          retryable: true,
          message: `${provider} is rate-limiting requests. Try again ${when}.`,
          ...(retryAfterMs !== null ? { retryAfterMs } : {}),
        },
        { cause: error },
      );
    }
    if (status === 404) {
      return new PipelineError(
        {
          ...base,
          code: 'provider-error',
          retryable: false,
          message: `${provider} answered 404: check the ${stageWord(stage)} base URL and model in settings.`,
        },
        { cause: error },
      );
    }
    if (status === 413) {
      return new PipelineError(
        {
          ...base,
          code: 'too-long',
          retryable: false,
          message: `${provider} says the prompt is too large for this model. Shorten it or choose a model with a larger limit.`,
        },
        { cause: error },
      );
    }
    return new PipelineError(
      {
        ...base,
        code: 'provider-error',
        retryable: status >= 500,
        message: `${provider} had a problem (HTTP ${status}). Try again shortly.`,
      },
      { cause: error },
    );
  }
  const name = (error as { name?: unknown } | null)?.name;
  const text = String((error as { message?: unknown } | null)?.message ?? error);
  if (name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(text)) {
    return timeoutError(source, null, error);
  }
  if (
    name === 'APIConnectionError' ||
    /connection|network|fetch|terminated|other side closed|ECONNRE|socket/i.test(text)
  ) {
    return new PipelineError(
      {
        ...base,
        code: 'network',
        retryable: true,
        message: isLoopbackProvider(provider)
          ? loopbackUnreachableWords(provider, stageWord(stage), extensionOrigin())
          : `Could not reach ${provider}. Check your connection and the ${stageWord(stage)} base URL.`,
      },
      { cause: error },
    );
  }
  return new PipelineError(
    {
      ...base,
      code: 'bad-response',
      retryable: true,
      message: `${provider} sent a response Prompt Relay could not read. Try again.`,
    },
    { cause: error },
  );
}

export function timeoutError(
  source: ErrorSource,
  timeoutMs: number | null,
  cause?: unknown,
): PipelineError {
  const after = timeoutMs !== null ? ` after ${secondsText(timeoutMs)}` : '';
  return new PipelineError(
    {
      stage: source.stage,
      provider: source.provider,
      code: 'timeout',
      retryable: true,
      message: `${source.provider} did not answer${after}. Try again, or raise the ${stageWord(source.stage)} timeout in settings.`,
    },
    { cause },
  );
}
