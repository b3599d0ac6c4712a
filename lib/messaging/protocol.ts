import type { ErrorInfo } from '../errors/error-codes';
import type { RequestCost } from '../insights/prices';
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

/** Where a request was started, for the history. */
export type RequestSource = 'popup' | 'shortcut' | 'context-menu';

/** Client → background, over the request's Port. */
export type ClientMessage =
  | {
      type: 'start';
      request: OptimizeRequest;
      /**
       * A random id (UUID) the client chose: the history entry's id, which the client's later
       * `history-action` / `history-feedback` messages name. Absent: the request is not recorded.
       */
      requestId?: string;
      source?: RequestSource;
    }
  | { type: 'cancel' };

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
  /**
   * Estimated from the price of each stage's endpoint and model (lib/insights/prices.ts); says
   * why when it is unknown, and `cached` for a result served from the cache.
   */
  cost: RequestCost;
  quality: QualityReport;
}

/**
 * How a request ended, as the user sees it:
 * - `refined`: the refinement followed a draft (the full two-stage result);
 * - `single-stage`: the refinement provider answered alone (two-stage off, no draft key, or the
 *   draft failed: then a `fallback` notice came first);
 * - `draft-only`: the draft is the result (no refinement key, or the refinement failed: then
 *   `error` says why, and a `refinement-failed` notice came first);
 * - `failed`: no result, `error` says why and what to do;
 * - `cancelled`: the client asked to stop.
 */
export type Outcome = 'refined' | 'single-stage' | 'draft-only' | 'failed' | 'cancelled';

/** The one final event of every request: nothing follows it, and nothing else ends a request. */
export type EndEvent =
  | {
      type: 'end';
      outcome: 'refined' | 'single-stage';
      fromCache: boolean;
      metadata: ResultMetadata;
    }
  | {
      type: 'end';
      outcome: 'draft-only';
      fromCache: boolean;
      /** Null when the background was interrupted before it could measure. */
      metadata: ResultMetadata | null;
      /** Why there is no refinement, when it failed; absent when refinement is off. */
      error?: ErrorInfo;
    }
  | { type: 'end'; outcome: 'failed'; fromCache: false; error: ErrorInfo }
  | { type: 'end'; outcome: 'cancelled'; fromCache: false };

/** Non-final: something went wrong that the request survives. */
export type NoticeEvent =
  /** The draft stage failed (or was refused, or its breaker is open): the refinement answers alone. */
  | { type: 'fallback'; reason: ErrorInfo }
  /** The refinement failed: the draft stays the result (`end` with `draft-only` follows). */
  | { type: 'refinement-failed'; reason: ErrorInfo };

/**
 * Background → client, in this order: draft-delta*, draft, refined-delta*, refined, end — with
 * notices between, and stages left out as the plan says. Exactly one `end`, always last.
 */
export type ServerEvent =
  | { type: 'draft-delta'; delta: string }
  | { type: 'draft'; draft: string }
  | { type: 'refined-delta'; delta: string }
  | { type: 'refined'; refined: string }
  | NoticeEvent
  | EndEvent;

export const CANCELLED_END: EndEvent = { type: 'end', outcome: 'cancelled', fromCache: false };

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

/**
 * A tiny streamed chat request to the saved endpoint: time to the first text (null when none came
 * within `maxTokens`, as with a reasoning model that spent them thinking) and to the answer's end.
 */
export type TestConnectionResult =
  | { ok: true; firstTokenMs: number | null; answerMs: number; model: string; maxTokens: number }
  | { ok: false; error: ErrorInfo };

/** The saved endpoint's own model ids (cleaned, sorted), for the options page's model field. */
export type ModelListResult =
  | { ok: true; baseUrl: string; host: string; models: string[] }
  | { ok: false; baseUrl: string; error: ErrorInfo };

/** The servers on this computer the options page looks for (their presets' ids). */
export type LocalServerId = 'ollama' | 'lmstudio' | 'llamacpp';

/**
 * What a look for a local server found at `baseUrl`. `running`: it answered its model list.
 * `refused`: it answered with an error status (Ollama: 403 to an origin it does not allow).
 * `blocked`: it is there (a no-cors request went through) but the browser refused its answer,
 * as for a server that sends no CORS headers. `absent`: nothing answered in time.
 */
export type LocalServerReport =
  | { server: LocalServerId; baseUrl: string; state: 'running'; models: string[] }
  | { server: LocalServerId; baseUrl: string; state: 'refused'; status: number }
  | { server: LocalServerId; baseUrl: string; state: 'blocked' | 'absent' };
