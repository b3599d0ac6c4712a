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
      /**
       * The user's default mode, read by the background: in-page scripts read no storage. The
       * content script still validates it (isMode) before use.
       */
      mode: Mode;
      /** The context menu's selected text, for selections outside editable fields. */
      selectionText?: string;
    }
  | { type: 'insert-text'; text: string };

export type TestConnectionResult =
  { ok: true; latencyMs: number; model: string } | { ok: false; error: ErrorInfo };
