/**
 * Every failure the user can meet, as a code that crosses the message boundary.
 * The UI turns codes into words (see error-words.ts); nothing else parses messages.
 */
export const ERROR_CODES = [
  'no-keys',
  'invalid-key',
  'rate-limited',
  'tab-budget',
  'model-refused',
  'timeout',
  'network',
  'breaker-open',
  'provider-error',
  'bad-response',
  'cancelled',
  'interrupted',
  'empty-prompt',
  'too-long',
  'insecure-url',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Stage = 'draft' | 'refinement' | 'request';

export interface ErrorInfo {
  code: ErrorCode;
  /** Words for the user, already saying what to do. */
  message: string;
  stage: Stage;
  retryable: boolean;
  /** The provider's host ("api.groq.com", "127.0.0.1:8080") when one is involved. */
  provider?: string;
  /** For rate limits: how long the provider asked us to wait. */
  retryAfterMs?: number;
}

export class PipelineError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly provider?: string;
  readonly retryAfterMs?: number;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'PipelineError';
    this.code = info.code;
    this.stage = info.stage;
    this.retryable = info.retryable;
    if (info.provider !== undefined) this.provider = info.provider;
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = {
      code: this.code,
      message: this.message,
      stage: this.stage,
      retryable: this.retryable,
    };
    if (this.provider !== undefined) info.provider = this.provider;
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }
}
