import type { UserAction, Vote } from '../insights/history-entry';
import type { StageName } from '../settings/settings-store';
import type {
  ClearCacheResult,
  InsertIntoPageResult,
  KeyChangeResult,
  KeyStatusReply,
  ModelListResult,
  LocalServerId,
  LocalServerReport,
  TestConnectionResult,
} from './protocol';

/**
 * Why a connection warm-up is asked for: the popup opened, the shortcut's modifiers are held, or
 * a field got focus after the user interacted with the page.
 */
export type WarmReason = 'popup' | 'modifiers' | 'focus';

export function isWarmReason(value: unknown): value is WarmReason {
  return value === 'popup' || value === 'modifiers' || value === 'focus';
}

/**
 * One-shot messages (runtime.sendMessage) to the background, declared once: name → request →
 * reply. Who may send each is declared beside its handler (lib/background/message-router.ts).
 */
export interface RuntimeMessageMap {
  /** Options page: checks a stage's saved settings with a tiny streamed request (a few tokens). */
  'test-connection': { request: { stage: StageName }; reply: TestConnectionResult };
  /** Options page: the saved endpoint's `/models`, asked with the key bound to its origin. */
  'list-models': { request: { stage: StageName }; reply: ModelListResult };
  /** A content script asks for its overlay and editor adapters, in its own frame only. */
  'load-field-ui': { request: Record<never, never>; reply: boolean };
  'open-options': { request: Record<never, never>; reply: true };
  /** The popup's "Insert into page": into the last focused field of the active tab. */
  'insert-into-page': { request: { text: string }; reply: InsertIntoPageResult };
  /** Options page: which keys are saved, for which host, last 4 characters — never a key. */
  'key-status': { request: Record<never, never>; reply: KeyStatusReply };
  /** Keys go in, never out: bound to the origin of the stage's SAVED base URL (save that first). */
  'save-key': { request: { stage: StageName; key: string }; reply: KeyChangeResult };
  /** The user confirmed: the key saved for `fromOrigin` now serves the saved base URL's origin. */
  'rebind-key': { request: { stage: StageName; fromOrigin: string }; reply: KeyChangeResult };
  'forget-key': { request: { stage: StageName }; reply: KeyChangeResult };
  'clear-cache': { request: Record<never, never>; reply: ClearCacheResult };
  /**
   * The client that started request `id` tells what the user did with its result; `final` when
   * it can no longer change (the next request on the field, navigation, the field left).
   */
  'history-action': { request: { id: string; action: UserAction; final: boolean }; reply: boolean };
  /** The user's thumbs up/down (or neither) on a request's draft or refinement. */
  'history-feedback': {
    request: { id: string; stage: 'draft' | 'refinement'; vote: Vote | null };
    reply: boolean;
  };
  /** Opens the providers' connections ahead of use: no prompt, no key, nothing in reply. */
  'warm-connection': { request: { reason: WarmReason }; reply: boolean };
  /**
   * Options page: looks for Ollama, LM Studio and llama.cpp on this computer (their usual ports,
   * plus the loopback base URLs the form holds for those presets). No key, no prompt.
   */
  'find-local-servers': {
    request: { extra: { server: LocalServerId; baseUrl: string }[] };
    reply: LocalServerReport[];
  };
}

export type RuntimeMessageType = keyof RuntimeMessageMap;
export type RuntimeRequestOf<K extends RuntimeMessageType> = RuntimeMessageMap[K]['request'];
export type RuntimeReplyOf<K extends RuntimeMessageType> = RuntimeMessageMap[K]['reply'];
export type RuntimeMessage<K extends RuntimeMessageType = RuntimeMessageType> = {
  [T in K]: { type: T } & RuntimeRequestOf<T>;
}[K];

/**
 * Sends a one-shot message with its declared types. `send` is the context's own
 * `runtime.sendMessage` (the in-page scripts use the bare `chrome` API, pages the polyfill).
 * Resolves null when nobody answered (the background refused or was unreachable).
 */
export async function sendRuntimeMessage<K extends RuntimeMessageType>(
  send: (message: unknown) => Promise<unknown>,
  message: RuntimeMessage<K>,
): Promise<RuntimeReplyOf<K> | null> {
  try {
    const reply = await send(message);
    // The background is the only answerer and builds replies from these same types.
    return (reply ?? null) as RuntimeReplyOf<K> | null;
  } catch {
    return null;
  }
}
