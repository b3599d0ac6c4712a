import type { TestConnectionResult } from '../../messaging/protocol';
import { hostOf, INSECURE_URL_WORDS } from '../../settings/base-url-rules';
import { loadStageConfig, type StageName } from '../../settings/settings-store';
import { listModels } from './chat-stream';
import { classifyError } from './classify-error';
import { keyRequired, providerLabel } from '../../settings/provider-presets';

/**
 * "Test connection": lists the endpoint's models with the key saved for the saved base URL's
 * origin — costs no tokens. Without such a key nothing is sent.
 */
export async function testConnection(stage: StageName): Promise<TestConnectionResult> {
  const { config, refusedBaseUrl } = await loadStageConfig(stage);
  const label = stage === 'draft' ? 'Draft' : 'Refinement';
  if (refusedBaseUrl !== null) {
    return {
      ok: false,
      error: {
        code: 'insecure-url',
        stage,
        retryable: false,
        provider: hostOf(refusedBaseUrl),
        message: `Nothing sent to ${hostOf(refusedBaseUrl)}: ${INSECURE_URL_WORDS}.`,
      },
    };
  }
  const provider = providerLabel(config.preset, config.baseUrl);
  if (!config.apiKey && keyRequired(config.preset, config.baseUrl)) {
    return {
      ok: false,
      error: {
        code: 'no-keys',
        stage,
        retryable: false,
        provider,
        message: `Nothing sent: a ${label} API key for ${provider} is needed. Enter it and press Save first.`,
      },
    };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  const startedAt = performance.now();
  try {
    await listModels(config, controller.signal);
    return { ok: true, latencyMs: Math.round(performance.now() - startedAt), model: config.model };
  } catch (error) {
    const info = classifyError(error, { stage, preset: config.preset, provider }, false).toInfo();
    if (controller.signal.aborted) {
      info.code = 'timeout';
      info.message = `${provider} did not answer within ${config.timeoutMs} ms. Check the base URL.`;
    }
    return { ok: false, error: info };
  } finally {
    clearTimeout(timer);
  }
}
