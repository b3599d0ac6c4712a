import type { OptimizeRequest } from '../../messaging/protocol';
import {
  DRAFT_MAX_TOKENS,
  REFINEMENT_MAX_TOKENS,
  draftMessages,
  refinementMessages,
} from '../../prompts/system-prompts';
import type { WordRange } from '../../prompts/modes';
import { isModelRefusal } from './model-refusal';
import type { Emit, PipelineResult } from './pipeline-result';
import type { PipelineSettings } from './pipeline-settings';
import { errorInfoOf, refusalError } from './request-errors';
import { resultMetadata, type StageOutput } from './result-metadata';
import { retryIn, runStage, singleStageFor } from './run-stage';
import type { StagePlan } from './stage-plan';

export interface LiveRun {
  request: OptimizeRequest;
  settings: PipelineSettings;
  plan: StagePlan;
  length: WordRange;
  send: Emit;
  signal: AbortSignal;
  startedAt: number;
}

/**
 * The provider calls, as planned: the draft streams first; if it fails and a refinement follows,
 * a `fallback` notice says so and the refinement answers alone; if the refinement fails after a
 * draft, the draft is the result. Emits no `end`: returns the result, throws a failure with no
 * result, or returns null once cancelled.
 */
export async function runLive(run: LiveRun): Promise<PipelineResult | null> {
  const { request, settings, plan, send, signal } = run;
  const { prompt, mode, context } = request;
  let draft: StageOutput | null = null;
  let draftFailed = false;

  if (plan.draft) {
    try {
      const result = await runStage({
        stage: 'draft',
        config: settings.draft,
        messages: draftMessages(prompt, mode, run.length, context),
        maxTokens: DRAFT_MAX_TOKENS,
        signal,
        onDelta: (delta) => send({ type: 'draft-delta', delta }),
        breakerOpenConsequence: plan.refinement ? singleStageFor : retryIn,
      });
      if (isModelRefusal(result.text)) throw refusalError('draft', result.text, false);
      draft = result;
      send({ type: 'draft', draft: result.text });
    } catch (error) {
      if (signal.aborted) return null;
      if (!plan.refinement) throw error;
      draftFailed = true;
      send({ type: 'fallback', reason: errorInfoOf(error) });
    }
  }

  const metadataWith = (refined: StageOutput | null) =>
    resultMetadata({ prompt, mode, settings, startedAt: run.startedAt, draft, refined });

  if (!plan.refinement) {
    return {
      outcome: 'draft-only',
      draft: draft?.text ?? null,
      refined: null,
      metadata: metadataWith(null),
      fromCache: false,
      cacheable: true,
    };
  }

  try {
    const result = await runStage({
      stage: 'refinement',
      config: settings.refinement,
      messages: refinementMessages(prompt, draft?.text ?? null, mode, context),
      maxTokens: REFINEMENT_MAX_TOKENS,
      signal,
      onDelta: (delta) => send({ type: 'refined-delta', delta }),
      breakerOpenConsequence: retryIn,
    });
    if (isModelRefusal(result.text)) throw refusalError('refinement', result.text, draft !== null);
    send({ type: 'refined', refined: result.text });
    return {
      outcome: draft !== null ? 'refined' : 'single-stage',
      draft: draft?.text ?? null,
      refined: result.text,
      metadata: metadataWith(result),
      fromCache: false,
      cacheable: !draftFailed && !plan.draftKeyMissing,
    };
  } catch (error) {
    if (signal.aborted) return null;
    if (draft === null) throw error;
    // The draft is a usable result: keep it, and say why there is no refinement.
    const info = errorInfoOf(error);
    const reason = { ...info, message: `Refinement failed — the draft is kept. ${info.message}` };
    send({ type: 'refinement-failed', reason });
    return {
      outcome: 'draft-only',
      draft: draft.text,
      refined: null,
      metadata: metadataWith(null),
      fromCache: false,
      error: reason,
      cacheable: false,
    };
  }
}
