import {
  CircuitState,
  type CircuitBreakerPolicy,
  SamplingBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { storage } from 'wxt/utils/storage';
import { PipelineError } from '../../errors/error-codes';
import type { ProviderPresetId } from '../../settings/provider-presets';

interface BreakerTuning {
  /** Share of failed calls over the sampling window that opens the circuit. */
  threshold: number;
  samplingMs: number;
  halfOpenAfterMs: number;
}

/** The seed's tuning: Groq is cheap to skip (single stage takes over), OpenAI is the last resort. */
const TUNING: Record<'groq' | 'default', BreakerTuning> = {
  groq: { threshold: 0.6, samplingMs: 10_000, halfOpenAfterMs: 15_000 },
  default: { threshold: 0.5, samplingMs: 10_000, halfOpenAfterMs: 30_000 },
};

/**
 * Cockatiel's default minimum load (5 / threshold calls per second) never trips for one person
 * typing prompts; three calls within the window is enough evidence here.
 */
const MIN_CALLS_IN_WINDOW = 3;

/** Failures that say the provider is unwell; a bad key, a rate limit or a cancel do not. */
export function countsAgainstProvider(error: unknown): boolean {
  if (!(error instanceof PipelineError)) return true;
  return (
    error.code === 'network' ||
    error.code === 'timeout' ||
    error.code === 'bad-response' ||
    (error.code === 'provider-error' && error.retryable)
  );
}

interface StoredBreaker {
  state: unknown;
  openedAt: number | null;
}

/** Breaker state outlives the service worker: it is stopped whenever idle, the browser session is not. */
const breakerStore = storage.defineItem<Record<string, StoredBreaker>>('session:circuitBreakers', {
  fallback: {},
  version: 1,
});

export interface ProviderBreaker {
  policy: CircuitBreakerPolicy;
  halfOpenAfterMs: number;
  /** Milliseconds until the breaker lets a trial call through, or 0 when closed. */
  remainingOpenMs(now?: number): number;
  persist(): Promise<void>;
}

const breakers = new Map<string, ProviderBreaker>();

export function breakerKey(preset: ProviderPresetId, baseUrl: string): string {
  return `${preset} ${baseUrl.replace(/\/+$/, '')}`;
}

export async function getBreaker(
  preset: ProviderPresetId,
  baseUrl: string,
): Promise<ProviderBreaker> {
  const key = breakerKey(preset, baseUrl);
  const existing = breakers.get(key);
  if (existing) return existing;

  const tuning = preset === 'groq' ? TUNING.groq : TUNING.default;
  const stored = (await breakerStore.getValue())[key];
  let openedAt = stored?.openedAt ?? null;
  const policy = circuitBreaker(handleWhen(countsAgainstProvider), {
    halfOpenAfter: tuning.halfOpenAfterMs,
    breaker: new SamplingBreaker({
      threshold: tuning.threshold,
      duration: tuning.samplingMs,
      minimumRps: MIN_CALLS_IN_WINDOW / (tuning.samplingMs / 1000),
    }),
    ...(stored ? { initialState: stored.state } : {}),
  });
  policy.onBreak(() => {
    openedAt = Date.now();
  });
  policy.onReset(() => {
    openedAt = null;
  });

  const breaker: ProviderBreaker = {
    policy,
    halfOpenAfterMs: tuning.halfOpenAfterMs,
    remainingOpenMs(now = Date.now()) {
      if (policy.state !== CircuitState.Open || openedAt === null) return 0;
      return Math.max(0, openedAt + tuning.halfOpenAfterMs - now);
    },
    async persist() {
      const all = await breakerStore.getValue();
      await breakerStore.setValue({ ...all, [key]: { state: policy.toJSON(), openedAt } });
    },
  };
  breakers.set(key, breaker);
  return breaker;
}

/** For tests: forget the in-memory breakers, as a worker restart would. */
export function forgetBreakersInMemory(): void {
  breakers.clear();
}
