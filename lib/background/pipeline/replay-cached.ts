import type { Emit, PipelineResult } from './pipeline-result';
import type { CachedResult } from './result-cache';

/**
 * A stored result, sent as the same events in the same order as a live request (the draft as
 * one delta): clients need no cache path.
 */
export function replayCached(cached: CachedResult, send: Emit, startedAt: number): PipelineResult {
  if (cached.draft !== null) {
    send({ type: 'draft-delta', delta: cached.draft });
    send({ type: 'draft', draft: cached.draft });
  }
  if (cached.refined !== null) send({ type: 'refined', refined: cached.refined });
  return {
    outcome:
      cached.refined === null ? 'draft-only' : cached.draft === null ? 'single-stage' : 'refined',
    draft: cached.draft,
    refined: cached.refined,
    // Nothing was sent: this request cost nothing, whatever the stored one did.
    metadata: {
      ...cached.metadata,
      totalMs: Math.round(performance.now() - startedAt),
      cost: { kind: 'cached' },
    },
    fromCache: true,
    cacheable: false,
  };
}
