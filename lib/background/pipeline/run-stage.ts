import { PipelineError, type Stage } from '../../errors/error-codes';
import type { TokenUsage } from '../../messaging/protocol';
import { streamChat, type ChatMessage } from '../providers/chat-stream';
import type { ErrorSource } from '../providers/classify-error';
import { createOnDeviceDraft, type OnDeviceDraft } from '../providers/on-device';
import { languageModelIn } from '../../settings/on-device-model';
import { extraBodyFor, PROVIDER_PRESETS, providerLabel } from '../../settings/provider-presets';
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

/** The worker's one on-device model client: it remembers whether the model was loaded. */
let onDeviceDraft: OnDeviceDraft = createOnDeviceDraft(() => languageModelIn());

/** For tests: a stand-in `LanguageModel`, and a fresh worker life. */
export function useOnDeviceDraftForTests(draft: OnDeviceDraft): void {
  onDeviceDraft = draft;
}

/**
 * One streamed call under the stage's timeout, retry and circuit breaker: a provider's API
 * through its SDK, or Chrome's on-device model for the preset of that kind.
 */
export async function runStage(run: StageRun): Promise<StageResult> {
  const { config } = run;
  const onDevice = PROVIDER_PRESETS[config.preset].kind === 'on-device';
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
    timeoutMs: onDevice ? onDeviceDraft.timeoutFor(config.timeoutMs) : config.timeoutMs,
    signal: run.signal,
    canRetry: () => !streamed,
    breakerOpenConsequence: run.breakerOpenConsequence,
    attempt: async (signal) => {
      const onDelta = (delta: string) => {
        streamed = true;
        run.onDelta(delta);
      };
      const out = onDevice
        ? await onDeviceDraft.stream({ messages: run.messages, signal, onDelta })
        : await streamChat({
            endpoint: config,
            messages: run.messages,
            maxTokens: run.maxTokens,
            extraBody: extraBodyFor(config.preset, run.stage, config.baseUrl),
            signal,
            onDelta,
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
