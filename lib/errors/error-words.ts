import type { ErrorCode } from './error-codes';

/** Codes whose fix lives on the settings page; the UI shows a link there. */
export function needsSettings(code: ErrorCode): boolean {
  return (
    code === 'no-keys' ||
    code === 'invalid-key' ||
    code === 'breaker-open' ||
    code === 'insecure-url'
  );
}

export function secondsText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}
