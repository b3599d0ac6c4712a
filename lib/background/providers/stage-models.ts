import type { ModelListResult } from '../../messaging/protocol';
import { cleanModelIds } from '../../settings/model-list';
import { PROVIDER_PRESETS } from '../../settings/provider-presets';
import type { StageName } from '../../settings/settings-store';
import { listModels } from './chat-stream';
import { savedStage, underDeadline } from './saved-stage';

/**
 * At least this long for a list, whatever the stage's timeout: it is not on a prompt's path, and
 * a large list (OpenRouter's is a few hundred KB) may take longer than a draft's 5 s.
 */
const LIST_DEADLINE_MIN_MS = 10_000;

/**
 * The saved endpoint's own `/models`, for the options page's model field: asked with the key
 * bound to the saved base URL's origin (or none, for a server that needs none), cleaned and
 * sorted. Costs no tokens.
 */
export async function listStageModels(stage: StageName): Promise<ModelListResult> {
  const saved = await savedStage(stage);
  if (!saved.ok) return saved;
  const { config, provider } = saved;
  if (PROVIDER_PRESETS[config.preset].kind === 'on-device') {
    return {
      ok: false,
      baseUrl: config.baseUrl,
      error: {
        code: 'provider-error',
        stage,
        retryable: false,
        provider,
        message: 'The on-device model has no list of models.',
      },
    };
  }
  const deadline = Math.max(config.timeoutMs, LIST_DEADLINE_MIN_MS);
  const outcome = await underDeadline(saved, stage, deadline, (signal) =>
    listModels(config, signal),
  );
  if (!outcome.ok) {
    const error = outcome.error;
    // Some OpenAI-compatible servers serve chat but no list: the model can still be typed.
    if (outcome.status === 404) {
      error.message = `${provider} has no model list (it answered 404 at /models): type the model name.`;
    }
    return { ok: false, baseUrl: config.baseUrl, error };
  }
  return {
    ok: true,
    baseUrl: config.baseUrl,
    host: provider,
    models: cleanModelIds(outcome.value),
  };
}
