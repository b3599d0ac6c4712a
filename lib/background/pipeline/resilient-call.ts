import {
  BrokenCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { PipelineError } from '../../errors/error-codes';
import { secondsText } from '../../errors/error-words';
import { classifyError, timeoutError, type ErrorSource } from '../providers/classify-error';
import type { ProviderBreaker } from './circuit-breakers';

/** Delay before the single retry when the provider gave no Retry-After. */
const DEFAULT_RETRY_DELAY_MS = 250;

/** Waits as long as the provider's Retry-After asks, else a short pause. */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const failure = 'error' in context.result ? context.result.error : undefined;
    const wait = failure instanceof PipelineError ? failure.retryAfterMs : undefined;
    return { duration: wait ?? DEFAULT_RETRY_DELAY_MS, next: (c) => this.next(c) };
  }
}

export interface ResilientCallOptions<T> {
  source: ErrorSource;
  breaker: ProviderBreaker;
  timeoutMs: number;
  /** The request's own signal: the user cancelled or the port went away. */
  signal: AbortSignal;
  /** One try; receives a signal that aborts on cancel, on timeout, and between attempts. */
  attempt: (signal: AbortSignal) => Promise<T>;
  /** A retry is only safe before anything reached the user (no duplicated text). */
  canRetry: () => boolean;
  /** What the breaker-open message should say follows ("single-stage for the next 15 s"). */
  breakerOpenConsequence: (remainingMs: number) => string;
}

/**
 * Stage timeout around one retry around the provider's circuit breaker, with cockatiel.
 * The timeout covers the retry and its wait, so a stage never outlives its budget.
 */
export async function resilientCall<T>(options: ResilientCallOptions<T>): Promise<T> {
  const { source, breaker, timeoutMs, signal } = options;
  const startedAt = Date.now();

  const breakerOpen = (): PipelineError => {
    const remainingMs = breaker.remainingOpenMs() || breaker.halfOpenAfterMs;
    return new PipelineError({
      code: 'breaker-open',
      stage: source.stage,
      provider: source.provider,
      retryable: true,
      retryAfterMs: remainingMs,
      message: `${source.provider} is failing; ${options.breakerOpenConsequence(remainingMs)}`,
    });
  };

  const retryPolicy = retry(
    handleWhen((error) => {
      if (!(error instanceof PipelineError) || !error.retryable) return false;
      if (error.code === 'timeout' || error.code === 'cancelled' || error.code === 'breaker-open') {
        return false;
      }
      if (!options.canRetry()) return false;
      // A Retry-After longer than what is left of the stage would only end in a timeout.
      const wait = error.retryAfterMs ?? DEFAULT_RETRY_DELAY_MS;
      return Date.now() - startedAt + wait < timeoutMs;
    }),
    { maxAttempts: 1, backoff: new RetryAfterBackoff() },
  );
  const timeoutPolicy = timeout(timeoutMs, TimeoutStrategy.Aggressive);

  try {
    return await timeoutPolicy.execute(
      (_ctx, timeoutSignal) =>
        retryPolicy.execute(
          () =>
            breaker.policy.execute(async ({ signal: attemptSignal }) => {
              try {
                return await options.attempt(attemptSignal);
              } catch (error) {
                if (signal.aborted) throw classifyError(error, source, true);
                if (timeoutSignal.aborted) throw timeoutError(source, timeoutMs, error);
                throw classifyError(error, source, false);
              }
            }, timeoutSignal),
          timeoutSignal,
        ),
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw classifyError(error, source, true);
    if (error instanceof BrokenCircuitError) throw breakerOpen();
    if (error instanceof TaskCancelledError) throw timeoutError(source, timeoutMs, error);
    throw classifyError(error, source, false);
  } finally {
    void breaker.persist().catch(() => undefined);
  }
}

export function breakerSeconds(ms: number): string {
  return secondsText(ms).replace(' seconds', ' s').replace(' second', ' s');
}
