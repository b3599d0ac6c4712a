import type { ErrorCode, ErrorInfo } from './error-codes';

/** Where the UI sends people to fix settings problems. */
export const SETTINGS_HINT = 'Open Prompt Relay settings';

/** Codes whose fix lives on the settings page; the UI shows a link there. */
export function needsSettings(code: ErrorCode): boolean {
  return code === 'no-keys' || code === 'invalid-key' || code === 'breaker-open';
}

export function secondsText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}
export type { ErrorInfo };
