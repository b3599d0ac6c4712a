import type { WarmReason } from '../messaging/runtime-messages';
import { planStages } from './pipeline/stage-plan';
import type { PipelineSettings } from './pipeline/pipeline-settings';
import { relayDb } from './secrets/relay-db';
import { PROVIDER_PRESETS, stageReady } from '../settings/provider-presets';

/**
 * Opens the connection to the providers' origins a moment before an optimization is likely, so
 * the first request does not pay DNS + TCP + TLS (≈100–300 ms on a real network) on top of the
 * first-token time. An MV3 worker has no preconnect call; a small request does it, and Chromium
 * keeps a used socket ≈300 s (an unused one ≈10 s), so once a minute is enough while the person
 * composes. It carries no prompt and no key: a bodiless HEAD to the origin, on the same socket pool
 * as the SDKs' own requests (no cookies go to another origin in either).
 */

/** At most one warm-up per origin per minute: the socket outlives that when it was used. */
export const WARM_INTERVAL_MS = 60_000;

export interface WarmTarget {
  /** The provider origins a request would go to now, draft first; none without a key. */
  origins: readonly string[];
  enabled: boolean;
}

export interface WarmerDeps {
  target(): Promise<WarmTarget>;
  /** Was an optimization started from this page origin before? */
  usedBefore(origin: string): Promise<boolean>;
  fetch(url: string, init: RequestInit): Promise<unknown>;
  now(): number;
}

export interface ConnectionWarmer {
  /** The origins warmed now (throttled ones left out). `pageOrigin`: for `focus` only. */
  warm(reason: WarmReason, pageOrigin?: string): Promise<string[]>;
}

export function createConnectionWarmer(deps: WarmerDeps): ConnectionWarmer {
  const lastWarmed = new Map<string, number>();
  return {
    async warm(reason, pageOrigin) {
      const target = await deps.target();
      if (!target.enabled || target.origins.length === 0) return [];
      // Focus alone says little: only where the user has optimized before.
      if (reason === 'focus' && !(pageOrigin && (await deps.usedBefore(pageOrigin)))) return [];
      const now = deps.now();
      const due = target.origins.filter(
        (origin) => now - (lastWarmed.get(origin) ?? -Infinity) >= WARM_INTERVAL_MS,
      );
      for (const origin of due) {
        lastWarmed.set(origin, now);
        void deps
          .fetch(`${origin}/`, {
            method: 'HEAD',
            // The SDKs' own default: to another origin it sends no cookies either, and it shares
            // their socket pool. With 'omit' the chat request opened a socket of its own
            // (measured in Chromium 156: 2 sockets with 'omit', 1 with 'same-origin').
            credentials: 'same-origin',
            cache: 'no-store',
            referrerPolicy: 'no-referrer',
          })
          .catch(() => {
            // A failed warm-up costs nothing: the request opens its own connection.
            lastWarmed.delete(origin);
          });
      }
      return due;
    },
  };
}

/** The page origins where the user started an optimization (kept in the background's database). */
export async function recordUsedSite(origin: string, at = Date.now()): Promise<void> {
  const db = await relayDb();
  await db.put('used-sites', at, origin);
}

export async function wasUsedBefore(origin: string): Promise<boolean> {
  const db = await relayDb();
  return (await db.get('used-sites', origin)) !== undefined;
}

export async function clearUsedSites(): Promise<void> {
  const db = await relayDb();
  await db.clear('used-sites');
}

/** The origins a request would reach with these settings, draft first (the plan decides). */
export function warmTargetOf(settings: PipelineSettings): WarmTarget {
  const plan = planStages({
    hasDraftKey: stageReady(settings.draft),
    hasRefinementKey: stageReady(settings.refinement),
    twoStageEnabled: settings.twoStageEnabled,
  });
  const origins = new Set<string>();
  for (const stage of ['draft', 'refinement'] as const) {
    if (!plan?.[stage]) continue;
    // Chrome's on-device model has no origin to open a connection to.
    if (PROVIDER_PRESETS[settings[stage].preset].kind === 'on-device') continue;
    try {
      origins.add(new URL(settings[stage].baseUrl).origin);
    } catch {
      // An unusable base URL: the request will say so; nothing to warm.
    }
  }
  return { origins: [...origins], enabled: settings.warmConnection };
}
