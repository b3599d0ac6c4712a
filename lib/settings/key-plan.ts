import type { KeyStatus } from '../messaging/protocol';
import { hostOf, originOf } from './base-url-rules';

/** What the key field says about the saved key, given the base URL in the form. */
export type KeyFieldState =
  | { kind: 'none' }
  /** A key is saved for this base URL's origin. */
  | { kind: 'saved'; host: string; last4: string }
  /** The saved key is for another origin: it will not be sent here without confirmation. */
  | { kind: 'other-host'; oldHost: string; newHost: string; fromOrigin: string };

export function keyFieldState(status: KeyStatus, baseUrl: string): KeyFieldState {
  if (!status.saved) return { kind: 'none' };
  const origin = originOf(baseUrl);
  if (origin === status.origin) return { kind: 'saved', host: status.host, last4: status.last4 };
  if (origin === null) return { kind: 'saved', host: status.host, last4: status.last4 };
  return {
    kind: 'other-host',
    oldHost: status.host,
    newHost: hostOf(origin),
    fromOrigin: status.origin,
  };
}

export type KeyAction =
  | { kind: 'save'; key: string }
  | { kind: 'keep' }
  | { kind: 'rebind'; fromOrigin: string }
  /** Neither a new key nor confirmation for a new host: the old key must not follow. */
  | { kind: 'forget'; oldHost: string }
  | { kind: 'none' };

/** What Save does with a stage's key. */
export function keyActionFor(
  status: KeyStatus,
  baseUrl: string,
  typedKey: string,
  reuseKey: boolean,
): KeyAction {
  const key = typedKey.trim();
  // No endpoint (the on-device model): a key typed before switching to it has nowhere to go.
  if (key !== '' && originOf(baseUrl) !== null) return { kind: 'save', key };
  const state = keyFieldState(status, baseUrl);
  if (state.kind === 'none') return { kind: 'none' };
  if (state.kind === 'saved') return { kind: 'keep' };
  return reuseKey
    ? { kind: 'rebind', fromOrigin: state.fromOrigin }
    : { kind: 'forget', oldHost: state.oldHost };
}
