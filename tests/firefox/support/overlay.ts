// The in-page panel (`<prompt-relay-overlay>`) in Firefox. Its shadow root is CLOSED: page
// scripts (and so WebDriver BiDi's page realms, which puppeteer-core uses) get `shadowRoot ===
// null`. Firefox exposes closed roots only to privileged code (`Element.openOrClosedShadowRoot`,
// chrome-only; content scripts also have it), so the panel is read from a privileged frame script
// in the tab's content process (content-process.ts), the way Firefox's own tests and DevTools see
// it. Reads are snapshots with no waiting: poll them.
import type { Browser } from 'puppeteer-core';
import { inTabContentProcess } from './content-process';

/** What the panel shows, read inside its shadow root. */
export interface PanelSnapshot {
  /** The status line (role=status), whitespace collapsed. */
  status: string;
  /** The preview's text, or null when hidden. */
  preview: string | null;
  /** Names (aria-label or text) of the buttons not hidden, in document order. */
  buttons: string[];
  /** The mode <select>'s value. */
  mode: string;
}

/** The first panel in the top document of the tab showing `pageUrl`; null when there is none. */
export function panelSnapshot(browser: Browser, pageUrl: string): Promise<PanelSnapshot | null> {
  return inTabContentProcess(
    browser,
    pageUrl,
    ({ content }) => {
      const host = content.document.querySelector<
        Element & { openOrClosedShadowRoot?: ShadowRoot | null }
      >('prompt-relay-overlay');
      const root = host?.openOrClosedShadowRoot;
      if (!root) return null;
      const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const shown = (el: HTMLElement) => !el.hidden && el.closest('[hidden]') === null;
      const preview = root.querySelector<HTMLElement>('[aria-label="Optimized prompt"]');
      return {
        status: text(root.querySelector('[role="status"]')),
        preview: preview && shown(preview) ? (preview.textContent ?? '') : null,
        buttons: [...root.querySelectorAll<HTMLButtonElement>('button')]
          .filter(shown)
          .map((button) => button.getAttribute('aria-label') ?? text(button)),
        mode: root.querySelector('select')?.value ?? '',
      };
    },
    null,
  );
}

/** The panel's status line; '' without a panel. */
export async function panelStatus(browser: Browser, pageUrl: string): Promise<string> {
  return (await panelSnapshot(browser, pageUrl))?.status ?? '';
}
