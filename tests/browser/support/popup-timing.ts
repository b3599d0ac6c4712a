import type { Page } from '@playwright/test';

export interface PopupTiming {
  /** Optimize click → first draft text in the result box. */
  firstTextMs: number;
  /** Optimize click → "Draft ready". */
  draftReadyMs: number;
  /** Optimize click → "Refined!". */
  refinedMs: number | null;
}

/**
 * Clicks Optimize and times, inside the page, what the user sees: the result box's first text,
 * the "Draft ready" banner, the "Refined" banner. Timing in the page keeps Playwright's own
 * round trips out of the figures.
 */
export async function optimizeAndTime(popup: Page, waitForRefined = true): Promise<PopupTiming> {
  await definePageNameHelper(popup);
  return popup.evaluate(
    (waitRefined) =>
      new Promise<PopupTiming>((resolve, reject) => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent === 'Optimize',
        );
        if (!button) return reject(new Error('no Optimize button'));
        const status = () => document.querySelector('[role="status"]')?.textContent ?? '';
        const resultBox = () => {
          const label = [...document.querySelectorAll('label')].find(
            (l) => l.textContent === 'Optimized prompt',
          );
          const box = label ? document.getElementById(label.htmlFor) : null;
          return box instanceof HTMLTextAreaElement ? box.value : '';
        };
        const timing: {
          firstTextMs: number | null;
          draftReadyMs: number | null;
          refinedMs: number | null;
        } = {
          firstTextMs: null,
          draftReadyMs: null,
          refinedMs: null,
        };
        const started = performance.now();
        const check = () => {
          const now = performance.now() - started;
          if (timing.firstTextMs === null && resultBox() !== '') timing.firstTextMs = now;
          if (timing.draftReadyMs === null && status().includes('Draft ready'))
            timing.draftReadyMs = now;
          if (timing.refinedMs === null && status().includes('Refined')) timing.refinedMs = now;
          const finished =
            timing.firstTextMs !== null &&
            timing.draftReadyMs !== null &&
            (!waitRefined || timing.refinedMs !== null);
          if (finished) {
            observer.disconnect();
            resolve(timing as PopupTiming);
          } else if (now > 30_000) {
            observer.disconnect();
            reject(new Error(`timed out: ${JSON.stringify(timing)} status=${status()}`));
          }
        };
        // A textarea's value changes without a DOM mutation: poll on a MessageChannel, which
        // (unlike setTimeout) is not clamped to 4 ms, so the figures are sub-millisecond.
        let done = false;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          check();
          if (!done) channel.port2.postMessage(null);
        };
        const observer = { disconnect: () => (done = true) };
        button.click();
        channel.port2.postMessage(null);
      }),
    waitForRefined,
  );
}

/**
 * Scripts run through tsx (demo, bench) are compiled with esbuild's keepNames, which wraps named
 * functions in a `__name` helper that does not exist in the page an evaluated function runs in.
 */
export async function definePageNameHelper(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}
