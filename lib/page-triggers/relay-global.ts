import type { RefusalReason } from './in-page-words';
import type { FieldRegion, FieldTarget } from '../field-adapters/field-adapter';
import type { OptimizationHandle } from '../messaging/optimize-client';
import type { OptimizeRequest, RequestSource, ServerEvent } from '../messaging/protocol';

/** A request the always-on script started before the field UI had loaded. */
export interface PendingRequest {
  target: FieldTarget | null;
  region: FieldRegion | null;
  /**
   * The field's whole text at the trigger: "untouched since" is measured from here, so what the
   * user types while the field UI loads is never taken for ours.
   */
  fieldText: string | null;
  request: OptimizeRequest;
  /** How the user started it (the history records it; a retry keeps it). */
  source: RequestSource;
  handle: OptimizationHandle;
  /** Hands over the events received so far, then every later one, to `sink`. */
  drain(sink: (event: ServerEvent) => void): void;
  /** Where the panel sits when there is no field (a selection on the page). */
  anchor: Element | null;
}

/** The field UI: overlay, editor adapters and sessions, loaded on first use. */
export interface FieldRunner {
  /**
   * A trigger on a field that already has a session: true when that session took it (ignored
   * while running, or re-run from its original while the field still shows its result).
   */
  retrigger(element: Element): boolean;
  begin(pending: PendingRequest): void;
  /** Says why a trigger was refused (the words live with the field UI: the always-on script stays small). */
  refuse(reason: RefusalReason, anchor: Element | null): void;
  /** Esc in a field with a running request. */
  cancelFor(element: Element): boolean;
  /** Tab in a field whose panel waits for a decision (Apply refined, Retry): focus moves there. */
  focusPanelFor(element: Element): boolean;
  insertText(target: FieldTarget, text: string): Promise<boolean>;
}

/**
 * Both in-page scripts run in this extension's isolated world, which page scripts cannot see;
 * they meet on one symbol-keyed object there.
 */
export interface RelayGlobal {
  triggersInstalled?: boolean;
  runner?: FieldRunner;
  lastFocused?: { element: HTMLElement; at: number };
}

const KEY = Symbol.for('prompt-relay');

export function relayGlobal(): RelayGlobal {
  const holder = globalThis as unknown as Record<symbol, RelayGlobal | undefined>;
  return (holder[KEY] ??= {});
}
