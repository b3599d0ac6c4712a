import type { ErrorInfo } from '../../errors/error-codes';
import type { EndEvent, ResultMetadata, ServerEvent } from '../../messaging/protocol';

export type Emit = (event: ServerEvent) => void;

/** What a request produced, live or from the cache: enough for its `end` and the cache. */
export interface PipelineResult {
  outcome: 'refined' | 'single-stage' | 'draft-only';
  draft: string | null;
  refined: string | null;
  metadata: ResultMetadata;
  fromCache: boolean;
  /** Why the refinement failed, when the draft is the result because it did. */
  error?: ErrorInfo;
  /** Only a result that is what the user asked for is stored. */
  cacheable: boolean;
}

export function endEventOf(result: PipelineResult): EndEvent {
  const { outcome, fromCache, metadata } = result;
  if (outcome === 'draft-only' && result.error) {
    return { type: 'end', outcome, fromCache, metadata, error: result.error };
  }
  return { type: 'end', outcome, fromCache, metadata };
}

export function failedEnd(error: ErrorInfo): EndEvent {
  return { type: 'end', outcome: 'failed', fromCache: false, error };
}
