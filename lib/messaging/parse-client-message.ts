import { isMode } from '../prompts/modes';
import type { ClientMessage, OptimizeRequest, PromptContext, RequestSource } from './protocol';

/**
 * Bounds for what a request may carry. Prompts over the pipeline's own limit (20 000 characters)
 * still parse, so the user gets the pipeline's words for them; anything past this hard cap is
 * dropped unread.
 */
const HARD_PROMPT_CAP = 200_000;
const CONTEXT_CAPS: Record<keyof PromptContext, number> = {
  pageTitle: 200,
  pageUrl: 500,
  fieldHint: 120,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseContext(raw: unknown): PromptContext | undefined {
  if (!isRecord(raw)) return undefined;
  const context: PromptContext = {};
  for (const key of Object.keys(CONTEXT_CAPS) as (keyof PromptContext)[]) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') context[key] = value.slice(0, CONTEXT_CAPS[key]);
  }
  return Object.keys(context).length > 0 ? context : undefined;
}

/** A request as the pipeline may see it: known fields only, each checked; else null. */
export function parseOptimizeRequest(raw: unknown): OptimizeRequest | null {
  if (!isRecord(raw)) return null;
  const { prompt, mode, twoStage } = raw;
  if (typeof prompt !== 'string' || prompt.length > HARD_PROMPT_CAP) return null;
  // An invented mode would otherwise reach the system prompt.
  if (!isMode(mode)) return null;
  if (twoStage !== undefined && typeof twoStage !== 'boolean') return null;
  const context = parseContext(raw.context);
  return {
    prompt,
    mode,
    ...(context ? { context } : {}),
    ...(twoStage !== undefined ? { twoStage } : {}),
  };
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A `crypto.randomUUID()`; nothing else may name a history entry. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

const REQUEST_SOURCES: readonly RequestSource[] = ['popup', 'shortcut', 'context-menu'];

function isRequestSource(value: unknown): value is RequestSource {
  return REQUEST_SOURCES.includes(value as RequestSource);
}

/** What a client may post over an optimization Port; anything else is dropped. */
export function parseClientMessage(raw: unknown): ClientMessage | null {
  if (!isRecord(raw)) return null;
  if (raw.type === 'cancel') return { type: 'cancel' };
  if (raw.type !== 'start') return null;
  const request = parseOptimizeRequest(raw.request);
  if (!request) return null;
  const requestId = isRequestId(raw.requestId) ? raw.requestId : undefined;
  const source = isRequestSource(raw.source) ? raw.source : undefined;
  return {
    type: 'start',
    request,
    ...(requestId ? { requestId } : {}),
    ...(source ? { source } : {}),
  };
}
