import { PipelineError, type ErrorInfo } from '../errors/error-codes';
import type {
  OptimizeRequest,
  ResultMetadata,
  ServerEvent,
  TokenUsage,
} from '../messaging/protocol';
import {
  DRAFT_MAX_TOKENS,
  REFINEMENT_MAX_TOKENS,
  TEMPLATE_VERSION,
  draftMessages,
  refinementMessages,
} from '../prompts/system-prompts';
import { qualityReport } from '../quality/quality-score';
import { contextToSend } from '../settings/page-context-policy';
import { estimateCostUsd } from './estimate-cost';
import { isModelRefusal } from './model-refusal';
import type { PipelineSettings } from './pipeline-settings';
import { cacheKey, readCache, writeCache, type CacheKeyParts } from './result-cache';
import { retryIn, runStage, singleStageFor } from './run-stage';

/** Larger prompts are refused with words rather than silently truncated. */
export const MAX_PROMPT_CHARS = 20_000;

export type Emit = (event: ServerEvent) => void;

/** The scope origin of requests from the extension's own pages (the popup). */
export const EXTENSION_ORIGIN = 'extension';

/** Where a request comes from, as the browser vouches for it (not as the request says). */
export interface RequestScope {
  /** The page's origin, or 'extension' for the popup: results never cross origins via the cache. */
  origin: string;
  /** Nothing from a private window is cached. */
  incognito: boolean;
}

const EXTENSION_SCOPE: RequestScope = { origin: EXTENSION_ORIGIN, incognito: false };

/**
 * A model that refuses ("I can't help with that.") gave no prompt: its answer must never land in
 * the field as if it were one, nor be cached. Checked on the complete text only.
 */
function refusalError(
  stage: 'draft' | 'refinement',
  answer: string,
  draftKept: boolean,
): PipelineError {
  const excerpt = answer.trim().replace(/\s+/g, ' ').slice(0, 120);
  return new PipelineError({
    code: 'model-refused',
    stage,
    retryable: true,
    // Without a draft the field goes back to the original; after one, the draft stays.
    message: !draftKept
      ? `The model declined to rewrite this prompt (it answered “${excerpt}”). Your text is unchanged.`
      : `The refinement model declined to rewrite it (it answered “${excerpt}”).`,
  });
}

function requestError(
  code: 'empty-prompt' | 'too-long' | 'no-keys',
  message: string,
): PipelineError {
  return new PipelineError({ code, message, stage: 'request', retryable: false });
}

/**
 * The two-stage optimization. Emits, in order: draft-delta*, draft, [fallback], refined-delta*,
 * refined, done — or error. Throws nothing: every failure becomes an `error` event. Returns when
 * the request is over (or was cancelled through `signal`, in which case it emits nothing more).
 */
export async function runPipeline(
  request: OptimizeRequest,
  settings: PipelineSettings,
  emit: Emit,
  signal: AbortSignal,
  scope: RequestScope = EXTENSION_SCOPE,
): Promise<void> {
  const startedAt = performance.now();
  const send: Emit = (event) => {
    if (!signal.aborted) emit(event);
  };
  const fail = (error: unknown) => {
    if (signal.aborted) return;
    const info: ErrorInfo =
      error instanceof PipelineError
        ? error.toInfo()
        : {
            code: 'internal',
            message: 'Something went wrong inside Prompt Relay. Try again.',
            stage: 'request',
            retryable: true,
          };
    send({ type: 'error', ...info });
  };

  try {
    const prompt = request.prompt;
    if (!prompt.trim())
      throw requestError('empty-prompt', 'There is no text to optimize. Type a prompt first.');
    if (prompt.length > MAX_PROMPT_CHARS) {
      throw requestError(
        'too-long',
        `This prompt has ${prompt.length.toLocaleString('en')} characters; Prompt Relay optimizes up to ${MAX_PROMPT_CHARS.toLocaleString('en')}. Shorten it or optimize a selection.`,
      );
    }

    const twoStage = request.twoStage ?? settings.twoStage;
    const hasDraftKey = settings.draft.apiKey !== '';
    const hasRefinementKey = settings.refinement.apiKey !== '';
    if (!hasDraftKey && !hasRefinementKey) {
      throw requestError(
        'no-keys',
        'No API keys yet. Add a Draft or Refinement API key in Prompt Relay settings to start.',
      );
    }
    // Two-stage off means the refinement provider alone, unless it has no key.
    const useDraft = hasDraftKey && (twoStage || !hasRefinementKey);
    const useRefinement = hasRefinementKey;
    const mode = request.mode;
    const length = settings.lengths[mode];
    // The user's choice, applied here and not in the page: what the page sent is only an offer.
    const context = contextToSend(
      request.context,
      scope.origin === EXTENSION_ORIGIN ? null : scope.origin,
      settings.pageContext,
    );

    // Everything that shapes the output: the prompts include the page context, so the origin
    // and context are part of the key, or one site's result could be served on another.
    const keyParts: CacheKeyParts = {
      prompt,
      mode,
      origin: scope.origin,
      context: context ?? null,
      twoStage: useDraft && useRefinement,
      draft: useDraft ? { baseUrl: settings.draft.baseUrl, model: settings.draft.model } : null,
      refinement: useRefinement
        ? { baseUrl: settings.refinement.baseUrl, model: settings.refinement.model }
        : null,
      templateVersion: TEMPLATE_VERSION,
      draftLength: length,
    };
    const key = settings.cacheEnabled && !scope.incognito ? await cacheKey(keyParts) : null;
    const cached = key ? await readCache(key) : null;
    if (cached) {
      const metadata: ResultMetadata = {
        ...cached.metadata,
        fromCache: true,
        totalMs: Math.round(performance.now() - startedAt),
      };
      // The same events, in the same order, as a live request: clients need no cache path.
      if (cached.draft !== null) {
        send({ type: 'draft-delta', delta: cached.draft });
        send({ type: 'draft', draft: cached.draft, status: 'draft_ready', timestamp: Date.now() });
      }
      if (cached.refined !== null) {
        send({
          type: 'refined',
          refined: cached.refined,
          status: 'complete',
          metadata,
          timestamp: Date.now(),
        });
      }
      const note = cached.refined === null ? { note: 'refinement-off' as const } : {};
      send({ type: 'done', status: 'finished', usedFallback: false, ...note, metadata });
      return;
    }

    let draft: string | null = null;
    let draftMs: number | null = null;
    let draftUsage: TokenUsage | null = null;
    // Two stages were asked for but the draft provider has no key: single stage is a fallback.
    let usedFallback = twoStage && !useDraft;

    if (useDraft) {
      try {
        const result = await runStage({
          stage: 'draft',
          config: settings.draft,
          messages: draftMessages(prompt, mode, length, context),
          maxTokens: DRAFT_MAX_TOKENS,
          signal,
          onDelta: (delta) => send({ type: 'draft-delta', delta }),
          breakerOpenConsequence: useRefinement ? singleStageFor : retryIn,
        });
        if (isModelRefusal(result.text)) throw refusalError('draft', result.text, false);
        draft = result.text;
        draftMs = result.ms;
        draftUsage = result.usage;
        send({ type: 'draft', draft, status: 'draft_ready', timestamp: Date.now() });
      } catch (error) {
        if (signal.aborted) return;
        if (!useRefinement) throw error;
        usedFallback = true;
        send({ type: 'fallback', reason: (error as PipelineError).toInfo() });
      }
    }

    const metadataFor = (
      refined: string | null,
      refinementMs: number | null,
      refinementUsage: TokenUsage | null,
    ): ResultMetadata => {
      const models = {
        draft: draft !== null ? settings.draft.model : null,
        refinement: refined !== null ? settings.refinement.model : null,
      };
      return {
        draftMs,
        refinementMs,
        totalMs: Math.round(performance.now() - startedAt),
        mode,
        usedTwoStage: draft !== null && refined !== null,
        models,
        usage: { draft: draftUsage, refinement: refinementUsage },
        estimatedCostUsd: estimateCostUsd([
          { model: models.draft, usage: draftUsage },
          { model: models.refinement, usage: refinementUsage },
        ]),
        quality: qualityReport(mode, prompt, draft, refined),
        fromCache: false,
      };
    };

    if (!useRefinement) {
      const metadata = metadataFor(null, null, null);
      if (key) await writeCache({ key, draft, refined: null, metadata, storedAt: Date.now() });
      send({
        type: 'done',
        status: 'finished',
        usedFallback: false,
        note: 'refinement-off',
        metadata,
      });
      return;
    }

    try {
      const result = await runStage({
        stage: 'refinement',
        config: settings.refinement,
        messages: refinementMessages(prompt, draft, mode, context),
        maxTokens: REFINEMENT_MAX_TOKENS,
        signal,
        onDelta: (delta) => send({ type: 'refined-delta', delta }),
        breakerOpenConsequence: retryIn,
      });
      if (isModelRefusal(result.text))
        throw refusalError('refinement', result.text, draft !== null);
      const metadata = metadataFor(result.text, result.ms, result.usage);
      send({
        type: 'refined',
        refined: result.text,
        status: 'complete',
        metadata,
        timestamp: Date.now(),
      });
      if (key && !usedFallback)
        await writeCache({ key, draft, refined: result.text, metadata, storedAt: Date.now() });
      send({
        type: 'done',
        status: 'finished',
        usedFallback,
        ...(usedFallback ? { note: 'single-stage' as const } : {}),
        metadata,
      });
    } catch (error) {
      if (signal.aborted) return;
      if (draft === null) throw error;
      // The draft is a usable result: keep it, and say why there is no refinement.
      const info = (error as PipelineError).toInfo();
      send({
        type: 'error',
        ...info,
        message: `Refinement failed — the draft is kept. ${info.message}`,
      });
      send({
        type: 'done',
        status: 'finished',
        usedFallback: false,
        note: 'refinement-failed',
        metadata: metadataFor(null, null, null),
      });
    }
  } catch (error) {
    fail(error);
  }
}
