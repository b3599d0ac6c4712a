import type { ErrorInfo } from '../../errors/error-codes';
import { secondsText } from '../../errors/error-words';
import { hostOf, insecureUrlWords } from '../../settings/base-url-rules';
import { keyRequired, providerLabel } from '../../settings/provider-presets';
import { loadStageConfig, type StageConfig, type StageName } from '../../settings/settings-store';
import { classifyError } from './classify-error';

/**
 * What the options page's checks (Test connection, the model list) send requests with: a stage's
 * SAVED settings and only the key bound to the saved base URL's origin — never what the form
 * holds, so a key never goes to a host it was not saved for.
 */

export type SavedStage =
  | { ok: true; config: StageConfig; provider: string }
  | { ok: false; error: ErrorInfo; baseUrl: string };

export function stageTitle(stage: StageName): string {
  return stage === 'draft' ? 'Draft' : 'Refinement';
}

/** The saved stage, or why nothing may be sent (insecure base URL, no key where one is needed). */
export async function savedStage(stage: StageName): Promise<SavedStage> {
  const { config, refusedBaseUrl } = await loadStageConfig(stage);
  if (refusedBaseUrl !== null) {
    return {
      ok: false,
      baseUrl: config.baseUrl,
      error: {
        code: 'insecure-url',
        stage,
        retryable: false,
        provider: hostOf(refusedBaseUrl),
        message: `Nothing sent to ${hostOf(refusedBaseUrl)}: ${insecureUrlWords(refusedBaseUrl)}.`,
      },
    };
  }
  const provider = providerLabel(config.preset, config.baseUrl);
  if (!config.apiKey && keyRequired(config.preset, config.baseUrl)) {
    return {
      ok: false,
      baseUrl: config.baseUrl,
      error: {
        code: 'no-keys',
        stage,
        retryable: false,
        provider,
        message: `Nothing sent: a ${stageTitle(stage)} API key for ${provider} is needed. Enter it and press Save first.`,
      },
    };
  }
  return { ok: true, config, provider };
}

/**
 * Runs one request to the saved endpoint under a deadline; a failure comes back as a typed error
 * with words (the deadline's own words when it was the deadline), and the HTTP status if any.
 */
export async function underDeadline<T>(
  saved: { config: StageConfig; provider: string },
  stage: StageName,
  deadlineMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo; status?: number }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  try {
    return { ok: true, value: await run(controller.signal) };
  } catch (error) {
    const source = { stage, preset: saved.config.preset, provider: saved.provider };
    const info = classifyError(error, source, false).toInfo();
    if (controller.signal.aborted) {
      info.code = 'timeout';
      info.retryable = true;
      info.message = `${saved.provider} did not answer within ${secondsText(deadlineMs)}. Check the ${stageTitle(stage)} base URL.`;
    }
    const status = (error as { status?: unknown } | null)?.status;
    return typeof status === 'number'
      ? { ok: false, error: info, status }
      : { ok: false, error: info };
  } finally {
    clearTimeout(timer);
  }
}
