import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ErrorInfo } from '../../../lib/errors/error-codes';
import type { EndEvent, OptimizeRequest, ServerEvent } from '../../../lib/messaging/protocol';
import { forgetBreakersInMemory } from '../../../lib/background/pipeline/circuit-breakers';
import {
  forgetPipelineSettings,
  loadPipelineSettings,
} from '../../../lib/background/pipeline/pipeline-settings';
import { runPipeline, type RequestScope } from '../../../lib/background/pipeline/run-pipeline';
import { closeRelayDb } from '../../../lib/background/secrets/relay-db';
import { forgetStageSecret, saveStageSecret } from '../../../lib/background/secrets/secret-store';
import { originOf } from '../../../lib/settings/base-url-rules';
import { cacheEnabled, twoStageEnabled } from '../../../lib/settings/settings-items';
import { stageSettings } from '../../../lib/settings/settings-items';
import type { StageName } from '../../../lib/settings/settings-store';
import type { MockProvider } from '../../fixtures/mock-provider/mock-provider';

export const DRAFT_KEY = 'gsk_test_draft_key';
export const REFINEMENT_KEY = 'sk-test-refinement-key';

/** Points a stage at a loopback mock, the way a user would on the options page. */
export async function configureStage(
  stage: StageName,
  mock: MockProvider | null,
  apiKey: string,
  timeoutMs?: number,
): Promise<void> {
  const items = stageSettings[stage];
  if (mock) {
    // The draft mock is reached through groq-sdk (Groq root), the refinement one through openai.
    await items.preset.setValue(stage === 'draft' ? 'groq' : 'openai');
    await items.baseUrl.setValue(stage === 'draft' ? `${mock.url}/openai/v1` : `${mock.url}/v1`);
    await items.model.setValue(stage === 'draft' ? 'llama-3.1-8b-instant' : 'gpt-4o-mini');
    if (timeoutMs !== undefined) await items.timeoutMs.setValue(timeoutMs);
  }
  // As the options page does: the key is bound to the origin of the saved base URL.
  if (apiKey === '') await forgetStageSecret(stage);
  else await saveStageSecret(stage, apiKey, originOf(await items.baseUrl.getValue())!);
}

/** A fresh, empty IndexedDB, as in a new profile. */
export async function resetIndexedDb(): Promise<void> {
  await closeRelayDb();
  globalThis.indexedDB = new IDBFactory();
}

export async function resetExtensionState(): Promise<void> {
  fakeBrowser.reset();
  await resetIndexedDb();
  forgetBreakersInMemory();
  forgetPipelineSettings();
  await cacheEnabled.setValue(false);
  await twoStageEnabled.setValue(true);
}

export interface RunResult {
  events: ServerEvent[];
  types: string[];
  text: (type: 'draft-delta' | 'refined-delta') => string;
  find: <T extends ServerEvent['type']>(type: T) => Extract<ServerEvent, { type: T }> | undefined;
  /** The final event; undefined only for a cancelled run. */
  end: EndEvent | undefined;
  /** Why the run failed, or why its refinement did. */
  error: ErrorInfo | undefined;
}

export async function optimize(
  prompt: string,
  options: {
    mode?: OptimizeRequest['mode'];
    signal?: AbortSignal;
    onEvent?: (e: ServerEvent) => void;
    /** What the page offered; with `scope`, a request from that page's content script. */
    context?: OptimizeRequest['context'];
    scope?: RequestScope;
  } = {},
): Promise<RunResult> {
  const events: ServerEvent[] = [];
  const settings = await loadPipelineSettings();
  await runPipeline(
    {
      prompt,
      mode: options.mode ?? 'general',
      ...(options.context ? { context: options.context } : {}),
    },
    settings,
    (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    options.signal ?? new AbortController().signal,
    options.scope,
  );
  const ends = events.filter((e): e is EndEvent => e.type === 'end');
  const end = ends[0];
  // The protocol's promise, checked on every run: one `end`, last (none once cancelled).
  if (!options.signal?.aborted && (ends.length !== 1 || events.at(-1) !== end))
    throw new Error(`expected exactly one final end, got: ${events.map((e) => e.type).join(', ')}`);
  return {
    events,
    end,
    error: end && 'error' in end ? end.error : undefined,
    types: [...new Set(events.map((e) => e.type))],
    text: (type) =>
      events
        .filter((e): e is Extract<ServerEvent, { type: typeof type }> => e.type === type)
        .map((e) => e.delta)
        .join(''),
    find: (type) => events.find((e) => e.type === type) as never,
  };
}
