import { PipelineError, type Stage } from '../../errors/error-codes';
import type { TokenUsage } from '../../messaging/protocol';
import { streamChat, type ChatMessage } from '../providers/chat-stream';
import type { ErrorSource } from '../providers/classify-error';
import { extraBodyFor, providerLabel } from '../../settings/provider-presets';
import type { StageConfig } from '../../settings/settings-store';
import { getBreaker } from './circuit-breakers';
import { breakerSeconds, resilientCall } from './resilient-call';

export interface StageRun {
  stage: Exclude<Stage, 'request'>;
  config: StageConfig;
  messages: ChatMessage[];
  maxTokens: number;
  signal: AbortSignal;
  onDelta: (delta: string) => void;
  /** What the user gets instead while this provider's breaker is open. */
  breakerOpenConsequence: (remainingMs: number) => string;
}

export interface StageResult {
  text: string;
  usage: TokenUsage | null;
  ms: number;
}

/** One streamed provider call under the stage's timeout, retry and circuit breaker. */
export async function runStage(run: StageRun): Promise<StageResult> {
  const { config } = run;
  const source: ErrorSource = {
    stage: run.stage,
    preset: config.preset,
    provider: providerLabel(config.preset, config.baseUrl),
  };
  const breaker = await getBreaker(config.preset, config.baseUrl);
  const startedAt = performance.now();
  let streamed = false;
  const result = await resilientCall({
    source,
    breaker,
    timeoutMs: config.timeoutMs,
    signal: run.signal,
    canRetry: () => !streamed,
    breakerOpenConsequence: run.breakerOpenConsequence,
    attempt: async (signal) => {
      const out = await streamChat({
        endpoint: config,
        messages: run.messages,
        maxTokens: run.maxTokens,
        extraBody: extraBodyFor(config.preset, run.stage, config.baseUrl),
        signal,
        onDelta: (delta) => {
          streamed = true;
          run.onDelta(delta);
        },
      });
      if (!out.text.trim()) {
        throw new PipelineError({
          code: 'bad-response',
          stage: run.stage,
          provider: source.provider,
          retryable: true,
          message: `${source.provider} returned an empty answer. Try again, or pick another model in settings.`,
        });
      }
      return out;
    },
  });
  return {
    text: result.text.trim(),
    usage: result.usage,
    ms: Math.round(performance.now() - startedAt),
  };
}

export function singleStageFor(remainingMs: number): string {
  return `single-stage for the next ${breakerSeconds(remainingMs)}.`;
}

export function retryIn(remainingMs: number): string {
  return `try again in ${breakerSeconds(remainingMs)}.`;
}
