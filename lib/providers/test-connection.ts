import type { TestConnectionResult } from '../messaging/protocol';
import { loadStageConfig, type StageName } from '../settings/stage-settings';
import { listModels } from './chat-stream';
import { classifyError } from './classify-error';
import { providerLabel } from './provider-presets';

/** "Test connection": lists the endpoint's models with the saved key — costs no tokens. */
export async function testConnection(stage: StageName): Promise<TestConnectionResult> {
  const config = await loadStageConfig(stage);
  const provider = providerLabel(config.preset, config.baseUrl);
  if (!config.apiKey) {
    const label = stage === 'draft' ? 'Draft' : 'Refinement';
    return {
      ok: false,
      error: {
        code: 'no-keys',
        stage,
        retryable: false,
        provider,
        message: `No ${label} API key saved yet. Enter it and press Save first.`,
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
