import type { WarmReason } from '../messaging/runtime-messages';
import { createConnectionWarmer, wasUsedBefore, warmTargetOf } from './connection-warmer';
import { loadPipelineSettings } from './pipeline/pipeline-settings';

/** The worker's one warmer: its per-origin throttle lives as long as the worker does. */
const warmer = createConnectionWarmer({
  target: async () => warmTargetOf(await loadPipelineSettings()),
  usedBefore: (origin) => wasUsedBefore(origin).catch(() => false),
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
});

/** Warms the connections a request would use now; true when one was opened. */
export async function warmConnection(reason: WarmReason, pageOrigin?: string): Promise<boolean> {
  try {
    return (await warmer.warm(reason, pageOrigin)).length > 0;
  } catch {
    // Unusable settings (the request will say why): nothing to warm.
    return false;
  }
}
