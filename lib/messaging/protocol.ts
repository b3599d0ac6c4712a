import type { ErrorInfo } from '../errors/error-codes';
import type { Mode } from '../prompts/modes';
import type { QualityReport } from '../quality/quality-score';

/** Name of the long-lived Port opened for each optimization request. */
export const OPTIMIZE_PORT_NAME = 'prompt-relay/optimize';

export interface PromptContext {
  pageTitle?: string;
  pageUrl?: string;
  /** Placeholder, label or aria-label of the field the prompt came from. */
  fieldHint?: string;
}

export interface OptimizeRequest {
  prompt: string;
  mode: Mode;
  context?: PromptContext;
  /** Overrides the saved two-stage setting for this request when given. */
  twoStage?: boolean;
}

/** Client → background, over the request's Port. */
export type ClientMessage = { type: 'start'; request: OptimizeRequest } | { type: 'cancel' };

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ResultMetadata {
  draftMs: number | null;
  refinementMs: number | null;
  totalMs: number;
  mode: Mode;
  usedTwoStage: boolean;
  models: { draft: string | null; refinement: string | null };
  usage: { draft: TokenUsage | null; refinement: TokenUsage | null };
  /** Estimated from public list prices; null when the model's price is unknown. */
  estimatedCostUsd: number | null;
  quality: QualityReport;
  fromCache: boolean;
}

/** Background → client, in this order: draft-delta*, draft, refined-delta*, refined, done; or error. */
export type ServerEvent =
  | { type: 'draft-delta'; delta: string }
  | { type: 'draft'; draft: string; status: 'draft_ready'; timestamp: number }
  /** The draft stage failed or was skipped; the refinement provider alone will answer. */
  | { type: 'fallback'; reason: ErrorInfo }
  | { type: 'refined-delta'; delta: string }
  | {
      type: 'refined';
      refined: string;
      status: 'complete';
      metadata: ResultMetadata;
      timestamp: number;
    }
  | {
      type: 'done';
      status: 'finished';
      usedFallback: boolean;
      /** Why the result is what it is, when it is not the full two-stage result. */
      note?: 'refinement-off' | 'refinement-failed' | 'single-stage';
      metadata: ResultMetadata;
    }
  | ({ type: 'error' } & ErrorInfo);

export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (type === 'cancel') return true;
  if (type !== 'start') return false;
  const request = (value as { request?: unknown }).request;
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof (request as { prompt?: unknown }).prompt === 'string' &&
    typeof (request as { mode?: unknown }).mode === 'string'
  );
}

/** One-shot requests (runtime.sendMessage) from extension pages and content scripts to the background. */
export type RuntimeRequest =
  | { type: 'test-connection'; stage: 'draft' | 'refinement' }
  /** A content script asks for its overlay and editor adapters, on first use, in its own frame. */
  | { type: 'load-field-ui' }
  | { type: 'open-options' }
  /** The popup's "Insert into page": into the last focused field of the active tab. */
  | { type: 'insert-into-page'; text: string }
  /**
   * Options page only (the background answers only extension pages). Keys go in, never out:
   * the answer is a KeyStatusReply / KeyChangeResult, never the key.
   */
  | { type: 'key-status' }
  /** Saves a key bound to the origin of the stage's SAVED base URL (save settings first). */
  | { type: 'save-key'; stage: 'draft' | 'refinement'; key: string }
  /** The user confirmed: the key saved for `fromOrigin` is now for the saved base URL's origin. */
  | { type: 'rebind-key'; stage: 'draft' | 'refinement'; fromOrigin: string }
  | { type: 'forget-key'; stage: 'draft' | 'refinement' }
  | { type: 'clear-cache' };

/** What the options page may know about a saved key. */
export type KeyStatus =
  { saved: false } | { saved: true; origin: string; host: string; last4: string };

export type KeyStatusReply = Record<'draft' | 'refinement', KeyStatus>;

export type KeyChangeResult =
  { ok: true; status: KeyStatusReply } | { ok: false; message: string; status: KeyStatusReply };

export type ClearCacheResult = { ok: true } | { ok: false; message: string };

export type InsertIntoPageResult = { ok: true } | { ok: false; reason: 'no-field' | 'no-tab' };

/** Background → content script (tabs.sendMessage). */
export type ContentMessage =
  | {
      type: 'trigger';
      source: 'command' | 'context-menu';
      /** The context menu's selected text, for selections outside editable fields. */
      selectionText?: string;
    }
  | { type: 'insert-text'; text: string };

export type TestConnectionResult =
  { ok: true; latencyMs: number; model: string } | { ok: false; error: ErrorInfo };

export interface RuntimeResponses {
  'test-connection': TestConnectionResult;
  'key-status': KeyStatusReply;
  'save-key': KeyChangeResult;
  'rebind-key': KeyChangeResult;
  'forget-key': KeyChangeResult;
  'clear-cache': ClearCacheResult;
}
