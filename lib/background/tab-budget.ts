/**
 * How many optimizations one tab may run. A person starts one at a time and rarely more than a
 * few a minute; anything past these limits is a page (or a compromised renderer) spending the
 * user's keys, so it gets words instead of a provider call. Extension pages (the popup) are the
 * user's own UI and are not counted.
 */
export interface TabBudgetLimits {
  inFlight: number;
  perMinute: number;
}

export const TAB_BUDGET: TabBudgetLimits = { inFlight: 3, perMinute: 20 };

const MINUTE_MS = 60_000;

export type BudgetGrant =
  | { ok: true; release(): void }
  | { ok: false; reason: 'in-flight' | 'per-minute'; retryAfterMs: number };

export interface TabBudget {
  acquire(tabId: number): BudgetGrant;
}

/** In the worker's memory: a worker restart resets the counts, which errs on the user's side. */
export function createTabBudget(
  limits: TabBudgetLimits = TAB_BUDGET,
  now: () => number = Date.now,
): TabBudget {
  const inFlight = new Map<number, number>();
  const starts = new Map<number, number[]>();
  return {
    acquire(tabId) {
      const at = now();
      // Tabs with nothing running and no start in the last minute are forgotten here, rather
      // than on tabs.onRemoved: that listener would wake the worker whenever any tab closes.
      for (const [other, times] of starts) {
        if (!inFlight.get(other) && times.every((t) => at - t >= MINUTE_MS)) {
          starts.delete(other);
          inFlight.delete(other);
        }
      }
      const recent = (starts.get(tabId) ?? []).filter((t) => at - t < MINUTE_MS);
      starts.set(tabId, recent);
      const running = inFlight.get(tabId) ?? 0;
      if (running >= limits.inFlight) return { ok: false, reason: 'in-flight', retryAfterMs: 0 };
      if (recent.length >= limits.perMinute) {
        return { ok: false, reason: 'per-minute', retryAfterMs: MINUTE_MS - (at - recent[0]!) };
      }
      recent.push(at);
      inFlight.set(tabId, running + 1);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          inFlight.set(tabId, Math.max(0, (inFlight.get(tabId) ?? 1) - 1));
        },
      };
    },
  };
}
