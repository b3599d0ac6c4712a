import type { ResultMetadata, TokenUsage } from '../../messaging/protocol';
import type { Mode } from '../../prompts/modes';
import { qualityReport } from '../../quality/quality-score';
import { requestCost, type StageCall } from '../../insights/prices';
import type { PipelineSettings } from './pipeline-settings';
import { PROVIDER_PRESETS } from '../../settings/provider-presets';

/** One stage's answer as measured. */
export interface StageOutput {
  text: string;
  ms: number;
  usage: TokenUsage | null;
}

export interface MetadataInput {
  prompt: string;
  mode: Mode;
  settings: PipelineSettings;
  startedAt: number;
  draft: StageOutput | null;
  refined: StageOutput | null;
}

/** Times, models, tokens, cost and quality of the texts the user got. */
export function resultMetadata(input: MetadataInput): ResultMetadata {
  const { draft, refined, settings } = input;
  const models = {
    draft: draft !== null ? settings.draft.model : null,
    refinement: refined !== null ? settings.refinement.model : null,
  };
  const usage = { draft: draft?.usage ?? null, refinement: refined?.usage ?? null };
  // The stages that answered, each priced at its own endpoint (a model name alone prices nothing).
  const calls: StageCall[] = [];
  for (const [stage, output] of [
    ['draft', draft],
    ['refinement', refined],
  ] as const) {
    if (output === null) continue;
    const { baseUrl, model, preset } = settings[stage];
    const onDevice = PROVIDER_PRESETS[preset].kind === 'on-device';
    calls.push({ baseUrl, model, usage: output.usage, ...(onDevice ? { onDevice } : {}) });
  }
  return {
    draftMs: draft?.ms ?? null,
    refinementMs: refined?.ms ?? null,
    totalMs: Math.round(performance.now() - input.startedAt),
    mode: input.mode,
    usedTwoStage: draft !== null && refined !== null,
    models,
    usage,
    cost: requestCost(calls, settings.priceOverrides),
    quality: qualityReport(input.mode, input.prompt, draft?.text ?? null, refined?.text ?? null),
  };
}
