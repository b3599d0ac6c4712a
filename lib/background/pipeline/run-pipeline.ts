import type { EndEvent, OptimizeRequest } from '../../messaging/protocol';
import { TEMPLATE_VERSION } from '../../prompts/system-prompts';
import { endEventOf, failedEnd, type Emit, type PipelineResult } from './pipeline-result';
import { contextToSend } from '../../settings/page-context-policy';
import type { PipelineSettings } from './pipeline-settings';
import { replayCached } from './replay-cached';
import { checkPrompt, errorInfoOf, noKeysError } from './request-errors';
import { cacheKey, readCache, writeCache, type CacheKeyParts } from './result-cache';
import { runLive } from './run-live';
import { planStages, type StagePlan } from './stage-plan';
import { stageReady } from '../../settings/provider-presets';

/** Where a request comes from, as the browser vouches for it (not as the request says). */
export interface RequestScope {
  /** The page's origin, or 'extension' for the popup: results never cross origins via the cache. */
  origin: string;
  /** Nothing from a private window is cached. */
  incognito: boolean;
}

/** The scope origin of requests from the extension's own pages (the popup). */
export const EXTENSION_ORIGIN = 'extension';

const EXTENSION_SCOPE: RequestScope = { origin: EXTENSION_ORIGIN, incognito: false };

/**
 * Everything that shapes the output: the prompts include the page context, so the origin and
 * context are part of the key, or one site's result could be served on another.
 */
function cacheKeyParts(
  request: OptimizeRequest,
  settings: PipelineSettings,
  plan: StagePlan,
  scope: RequestScope,
): CacheKeyParts {
  return {
    prompt: request.prompt,
    mode: request.mode,
    origin: scope.origin,
    context: request.context ?? null,
    twoStage: plan.draft && plan.refinement,
    draft: plan.draft ? { baseUrl: settings.draft.baseUrl, model: settings.draft.model } : null,
    refinement: plan.refinement
      ? { baseUrl: settings.refinement.baseUrl, model: settings.refinement.model }
      : null,
    templateVersion: TEMPLATE_VERSION,
    draftLength: settings.draftLengths[request.mode],
  };
}

/**
 * One optimization: plan the stages, answer from the cache or run them live, then report —
 * exactly one `end`, sent from here only. Throws nothing. Once `signal` is aborted it emits
 * nothing more (whoever cancelled has ended the request).
 */
export async function runPipeline(
  asked: OptimizeRequest,
  settings: PipelineSettings,
  emit: Emit,
  signal: AbortSignal,
  scope: RequestScope = EXTENSION_SCOPE,
): Promise<void> {
  const startedAt = performance.now();
  const send: Emit = (event) => {
    if (!signal.aborted) emit(event);
  };
  // The user's choice, applied here and not in the page: what the page sent is only an offer.
  const context = contextToSend(
    asked.context,
    scope.origin === EXTENSION_ORIGIN ? null : scope.origin,
    settings,
  );
  const request: OptimizeRequest = {
    prompt: asked.prompt,
    mode: asked.mode,
    ...(asked.twoStage !== undefined ? { twoStage: asked.twoStage } : {}),
    ...(context ? { context } : {}),
  };
  let end: EndEvent;
  let toCache: { key: string; result: PipelineResult } | null = null;
  try {
    checkPrompt(request.prompt);
    const plan = planStages({
      hasDraftKey: stageReady(settings.draft),
      hasRefinementKey: stageReady(settings.refinement),
      twoStageEnabled: settings.twoStageEnabled,
      twoStageOverride: request.twoStage,
    });
    if (!plan) throw noKeysError();
    const key =
      settings.cacheEnabled && !scope.incognito
        ? await cacheKey(cacheKeyParts(request, settings, plan, scope))
        : null;
    // The cache is an optimization: a storage that cannot be read is a miss, never a failure.
    const cached = key ? await readCache(key).catch(() => null) : null;
    const result: PipelineResult | null = cached
      ? replayCached(cached, send, startedAt)
      : await runLive({
          request,
          settings,
          plan,
          length: settings.draftLengths[request.mode],
          send,
          signal,
          startedAt,
        });
    if (!result) return;
    end = endEventOf(result);
    if (key && result.cacheable) toCache = { key, result };
  } catch (error) {
    end = failedEnd(errorInfoOf(error));
  }
  send(end);
  // After the end: the user has the result whether or not the cache can store it.
  if (toCache) {
    const { draft, refined, metadata } = toCache.result;
    await writeCache({ key: toCache.key, draft, refined, metadata, storedAt: Date.now() }).catch(
      () => undefined,
    );
  }
}
