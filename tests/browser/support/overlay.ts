// The in-page panel (`<prompt-relay-overlay>`, open shadow root): Playwright's locators pierce it.
// It is drawn in the frame of the field it belongs to, so callers pass that frame's scope.
import type { FrameLocator, Locator, Page } from '@playwright/test';

export type OverlayButton =
  | 'Apply refined'
  | 'Copy'
  | 'Dismiss'
  | 'Retry'
  | 'Cancel (Esc)'
  | 'Restore original'
  | 'Open settings'
  | 'Close';

export class Overlay {
  readonly root: Locator;

  constructor(scope: Page | FrameLocator) {
    this.root = scope.locator('prompt-relay-overlay');
  }

  /** The live status line (role=status, aria-live). */
  get status(): Locator {
    return this.root.getByRole('status');
  }

  button(name: OverlayButton): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** The text shown in the panel (a streaming draft, or a result to copy). */
  get preview(): Locator {
    return this.root.getByLabel('Optimized prompt', { exact: true });
  }
}

export const STATUS = {
  drafting: 'Drafting…',
  draftReady: 'Draft ready! Refining in background…',
  refined: /Refined! Quality score: \d+%/,
  offer: 'You changed the text, so the refined version was not written. Apply it?',
  interrupted: 'The refinement was interrupted — the draft is kept. Retry to refine again.',
} as const;
