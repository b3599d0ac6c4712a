/**
 * One optimization as the History page, the dashboard and export see it. The background writes
 * it when the request ends (lib/background/history-recorder.ts); what the user then did with the
 * result is added as they do it. Keys are never part of it.
 */
import type { ErrorCode } from '../errors/error-codes';
import type { Outcome, TokenUsage } from '../messaging/protocol';
import type { Mode } from '../prompts/modes';

/** Where the request was started. */
export const HISTORY_SOURCES = ['popup', 'shortcut', 'context-menu'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/**
 * What the user did with the result, as far as it can be seen (never guessed):
 * - `pending`: nothing yet, and the outcome is not final;
 * - `kept`: the result stayed (final once the field is left, or the next request starts);
 * - `edited`: the user changed the draft, so the refinement was offered instead of written;
 * - `applied`: they applied the offered refinement;
 * - `dismissed`: they dismissed the offer;
 * - `restored`: they restored the original;
 * - `undid`: Ctrl+Z took the field back to the original (only where the editor lets it be seen);
 * - `copied` / `inserted`: from the popup, the result was copied or inserted into the page.
 */
export const USER_ACTIONS = [
  'pending',
  'kept',
  'edited',
  'applied',
  'dismissed',
  'restored',
  'undid',
  'copied',
  'inserted',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** Actions that count as accepting the result (acceptance rate). */
export const ACCEPTING_ACTIONS: ReadonlySet<UserAction> = new Set([
  'kept',
  'edited',
  'applied',
  'copied',
  'inserted',
]);

export type Vote = 'up' | 'down';

export interface StageRecord {
  /** The provider's origin (`https://api.groq.com`), which prices and names it. */
  origin: string;
  model: string;
}

export interface HistoryTimings {
  /** Request start → first draft text, as the client received it. */
  draftFirstTokenMs: number | null;
  draftMs: number | null;
  refinementFirstTokenMs: number | null;
  refinementMs: number | null;
  totalMs: number;
}

export interface HistoryEntry {
  /** The request's id, chosen by the client that started it. */
  id: string;
  /** When the request started (ms since the epoch). */
  at: number;
  source: HistorySource;
  /** The page's origin; null for the popup. */
  origin: string | null;
  /** The page's full address, only when the user allows full URLs to be kept. */
  url: string | null;
  mode: Mode;
  original: string;
  draft: string | null;
  refinement: string | null;
  outcome: Outcome;
  /** Why the request failed or the refinement did not come. */
  error: { code: ErrorCode; message: string } | null;
  /** The draft stage failed and the refinement answered alone. */
  fallback: { code: ErrorCode } | null;
  fromCache: boolean;
  action: UserAction;
  /** The action can no longer change (next request on the field, navigation, focus left). */
  actionFinal: boolean;
  providers: { draft: StageRecord | null; refinement: StageRecord | null };
  timings: HistoryTimings;
  usage: { draft: TokenUsage | null; refinement: TokenUsage | null };
  /** Null when unknown: no usage reported, or no price for the model at that origin. */
  costUsd: number | null;
  /** The quality checklist's score (0–100) of the result, when there is one. */
  quality: number | null;
  feedback: { draft: Vote | null; refinement: Vote | null };
}
