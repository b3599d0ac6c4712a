// The in-page panel (`<prompt-relay-overlay>`) has a CLOSED shadow root: page scripts, and so
// Playwright's locators, cannot see inside it. Tests reach it the way DevTools does, over CDP:
//   1. `DOM.getDocument({ depth: -1, pierce: true })` returns the whole tree, closed shadow roots
//      included (each host lists its `shadowRoots`), and same-process iframes' documents.
//   2. `DOM.resolveNode` on the shadow root's backend node id gives a JS handle to the root, and
//      `Runtime.callFunctionOn` runs a query function with `this` = that root.
// A cross-origin iframe runs out of process: its document is not in the top page's tree, so a
// CDP session on that frame (`context.newCDPSession(frame)`) is used instead.
//
// Clicks are REAL mouse input (`page.mouse.click` at the button's centre, in top-page
// coordinates), so they are trusted events as a user's are; the panel ignores untrusted ones.
// Reads are plain snapshots, with no auto-waiting: assert with `expect.poll(() => overlay.x())`.
import type { CDPSession, Frame, Page } from '@playwright/test';

export type OverlayButton =
  | 'Apply refined'
  | 'Copy'
  | 'Dismiss'
  | 'Retry'
  | 'Cancel (Esc)'
  | 'Restore original'
  | 'Restore earlier original'
  | 'Copy original'
  | 'Open settings'
  | 'Close'
  | 'Good draft'
  | 'Poor draft'
  | 'Good refinement'
  | 'Poor refinement';

const HOST_NAME = 'PROMPT-RELAY-OVERLAY';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
  /** Template content, pseudo elements: never hold the panel. */
  templateContent?: DomNode;
}

/** What the panel shows, read inside its shadow root (see `snapshotPanel`). */
export interface PanelSnapshot {
  /** The status line's text, whitespace collapsed. */
  status: string;
  /** The preview's text, or null when it is hidden. */
  preview: string | null;
  /** Accessible names of the visible buttons, in document order. */
  buttons: string[];
  /** Accessible name (or tag) of the element focused inside the panel, if any. */
  focused: string | null;
  /** The mode <select>'s value. */
  mode: string;
  /** The words beside the mode list while a mode reached with the keys waits, or null. */
  modeHint: string | null;
  /** What a screen reader reads as the mode list's description (aria-describedby), or ''. */
  modeDescription: string;
  /** The refinement on its way (its count line and its text so far), or null when hidden. */
  refining: { line: string; text: string } | null;
  /** What the polite live region besides the status line says now. */
  announced: string;
  /** The cost line under the status (its words and the sentence behind them), or null. */
  cost: string | null;
  /** Where the panel is, in its frame's viewport pixels. */
  box: { top: number; left: number; height: number } | null;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Runs in the page with `this` = the panel's shadow root. Must be self-contained. */
function snapshotPanel(this: ShadowRoot): PanelSnapshot {
  const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const name = (el: Element) => el.getAttribute('aria-label') ?? text(el);
  const status = this.querySelector('[role="status"]');
  const preview = this.querySelector<HTMLElement>('[aria-label="Optimized prompt"]');
  const active = this.activeElement;
  const progress = this.querySelector<HTMLElement>('.progress');
  const cost = this.querySelector<HTMLElement>('.cost');
  const live = [...this.querySelectorAll('[aria-live="polite"]')].filter(
    (node) => node.getAttribute('role') !== 'status',
  );
  return {
    status: text(status),
    preview: preview && preview.checkVisibility() ? (preview.textContent ?? '') : null,
    buttons: [...this.querySelectorAll('button')]
      .filter((button) => button.checkVisibility())
      .map(name),
    focused: active ? (active.tagName === 'BUTTON' ? name(active) : active.tagName) : null,
    mode: this.querySelector('select')?.value ?? '',
    modeDescription: (this.querySelector('select')?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => text(this.getElementById(id)))
      .join(' '),
    modeHint: (() => {
      const hint = this.querySelector<HTMLElement>('.mode-hint');
      return hint && hint.checkVisibility() ? text(hint) : null;
    })(),
    refining:
      progress && progress.checkVisibility()
        ? {
            line: text(progress.querySelector('.progress-line')),
            text: progress.querySelector('[aria-label="Refinement so far"]')?.textContent ?? '',
          }
        : null,
    announced: live.map((node) => text(node)).join(' '),
    cost: cost && cost.checkVisibility() ? text(cost) : null,
    box: (() => {
      const panel = this.querySelector('.panel');
      if (!panel) return null;
      const { top, left, height } = panel.getBoundingClientRect();
      return { top, left, height };
    })(),
  };
}

function buttonRect(this: ShadowRoot, wanted: string): Rect | null {
  const text = (node: Element) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  const button = [...this.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? text(b)) === wanted && b.checkVisibility(),
  );
  if (!button) return null;
  const { x, y, width, height } = button.getBoundingClientRect();
  return { x, y, width, height };
}

function countInPanel(this: ShadowRoot, selector: string): number {
  return this.querySelectorAll(selector).length;
}

function focusModeSelect(this: ShadowRoot): boolean {
  const select = this.querySelector('select');
  select?.focus();
  return Boolean(select) && this.activeElement === select;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Overlay {
  private pageSession: Promise<CDPSession> | null = null;
  private frameSession: Promise<CDPSession> | null = null;

  /**
   * @param page the tab
   * @param frameSelector the `<iframe>` (in the top page) whose document holds the field and so
   *   the panel; omitted for a panel in the top page.
   */
  constructor(
    readonly page: Page,
    private readonly frameSelector?: string,
  ) {}

  private session(which: 'page' | 'frame', frame?: Frame): Promise<CDPSession> {
    if (which === 'page') {
      this.pageSession ??= this.page.context().newCDPSession(this.page);
      return this.pageSession;
    }
    this.frameSession ??= this.page.context().newCDPSession(frame!);
    return this.frameSession;
  }

  /** Hosts of the panel directly in `root`'s document (not in nested frames' documents). */
  private static hostsIn(root: DomNode): DomNode[] {
    const found: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === HOST_NAME) found.push(node);
      for (const child of node.children ?? []) walk(child);
      for (const shadow of node.shadowRoots ?? []) walk(shadow);
    };
    walk(root);
    return found;
  }

  private static findNode(root: DomNode, nodeId: number): DomNode | undefined {
    if (root.nodeId === nodeId) return root;
    const next = [
      ...(root.children ?? []),
      ...(root.shadowRoots ?? []),
      ...(root.contentDocument ? [root.contentDocument] : []),
    ];
    for (const child of next) {
      const hit = Overlay.findNode(child, nodeId);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The CDP session and the document node that hold the panel's frame. */
  private async frameDocument(): Promise<{ cdp: CDPSession; doc: DomNode }> {
    const cdp = await this.session('page');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    if (!this.frameSelector) return { cdp, doc: root };
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: this.frameSelector,
    });
    const iframe = nodeId ? Overlay.findNode(root, nodeId) : undefined;
    if (!iframe) throw new Error(`no ${this.frameSelector} in ${this.page.url()}`);
    if (iframe.contentDocument) return { cdp, doc: iframe.contentDocument };
    // Out-of-process (cross-origin) frame: ask its own session.
    const frame = await (
      await this.page.locator(this.frameSelector).elementHandle()
    )?.contentFrame();
    if (!frame) throw new Error(`${this.frameSelector} has no frame`);
    const frameCdp = await this.session('frame', frame);
    const { root: frameRoot } = (await frameCdp.send('DOM.getDocument', {
      depth: -1,
      pierce: true,
    })) as { root: DomNode };
    return { cdp: frameCdp, doc: frameRoot };
  }

  /** Runs `fn` with `this` = the (first) panel's shadow root; null when there is no panel. */
  private async inPanel<T, A extends unknown[]>(
    fn: (this: ShadowRoot, ...args: A) => T,
    ...args: A
  ): Promise<T | null> {
    const { cdp, doc } = await this.frameDocument();
    const host = Overlay.hostsIn(doc)[0];
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    if (!object.objectId) return null;
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        // tsx/esbuild (keepNames) may wrap inner functions in `__name(...)`: define it there.
        functionDeclaration: `function (...args) { const __name = (f) => f; return (${fn.toString()}).apply(this, args); }`,
        arguments: args.map((value) => ({ value })),
        returnByValue: true,
      });
      if (exceptionDetails) {
        throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      }
      return result.value as T;
    } finally {
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId }).catch(() => {});
    }
  }

  /** How many panels the frame holds. */
  async count(): Promise<number> {
    const { doc } = await this.frameDocument();
    return Overlay.hostsIn(doc).length;
  }

  /** Everything the panel shows, or null when there is none. */
  snapshot(): Promise<PanelSnapshot | null> {
    return this.inPanel(snapshotPanel);
  }

  /** The live status line's text (role=status); '' without a panel. */
  async status(): Promise<string> {
    return (await this.snapshot())?.status ?? '';
  }

  /** The text shown in the panel (a streaming draft, or a result to copy); null when hidden. */
  async preview(): Promise<string | null> {
    return (await this.snapshot())?.preview ?? null;
  }

  async isVisible(name: OverlayButton): Promise<boolean> {
    return (await this.snapshot())?.buttons.includes(name) ?? false;
  }

  /** The accessible name of the panel's focused button, if focus is in the panel. */
  async focused(): Promise<string | null> {
    return (await this.snapshot())?.focused ?? null;
  }

  /** Elements matching `selector` inside the panel. */
  async countInPanel(selector: string): Promise<number> {
    return (await this.inPanel(countInPanel, selector)) ?? 0;
  }

  /** Where the panel's frame starts in the top page's viewport (its content box). */
  private async frameOffset(): Promise<{ x: number; y: number }> {
    if (!this.frameSelector) return { x: 0, y: 0 };
    return this.page.locator(this.frameSelector).evaluate((iframe) => {
      const rect = iframe.getBoundingClientRect();
      const style = getComputedStyle(iframe);
      return {
        x: rect.left + iframe.clientLeft + parseFloat(style.paddingLeft),
        y: rect.top + iframe.clientTop + parseFloat(style.paddingTop),
      };
    });
  }

  /**
   * Clicks a panel button with the real mouse (a trusted click), once it is visible and has
   * stopped moving (the panel is placed next to its field after it renders).
   */
  async click(name: OverlayButton, { timeoutMs = 5000 } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let previous: Rect | null = null;
    for (;;) {
      const rect = await this.inPanel(buttonRect, name);
      const stable =
        rect &&
        rect.width > 0 &&
        previous &&
        rect.x === previous.x &&
        rect.y === previous.y &&
        rect.width === previous.width;
      if (stable) {
        const offset = await this.frameOffset();
        await this.page.mouse.click(
          offset.x + rect.x + rect.width / 2,
          offset.y + rect.y + rect.height / 2,
        );
        return;
      }
      if (Date.now() > deadline) throw new Error(`panel button "${name}" not visible`);
      previous = rect;
      await sleep(50);
    }
  }

  /**
   * Chooses a mode as a keyboard user does: focus the mode list, press the first letter of the
   * option's label (type-ahead), then Enter. The keys are real input, so `change` is trusted.
   */
  async chooseMode(label: string): Promise<void> {
    await this.pressInModeList([label[0]!, 'Enter']);
  }

  /** The hint beside the mode list and the list's description, as shown and as read out. */
  async modeHint(): Promise<{ shown: string | null; described: string }> {
    const snapshot = await this.snapshot();
    return { shown: snapshot?.modeHint ?? null, described: snapshot?.modeDescription ?? '' };
  }

  /** Focuses the panel's mode list and presses `keys` there, `gapMs` apart. */
  async pressInModeList(keys: string[], gapMs = 0): Promise<void> {
    if (!(await this.inPanel(focusModeSelect))) throw new Error('no mode list in the panel');
    for (const [i, key] of keys.entries()) {
      if (i > 0 && gapMs) await sleep(gapMs);
      await this.page.keyboard.press(key);
    }
  }
}

/** Status lines the in-page specs wait for (the words a user reads). */
export const STATUS = {
  drafting: 'Drafting…',
  draftReady: 'Draft ready! Refining in background…',
  refined: /Refined! Quality score: \d+%/,
  offer: 'You changed the text, so the refined version was not written. Apply it?',
  moved: 'You moved to another field, so the refined version was not written. Apply it?',
  interrupted: 'The refinement was interrupted — the draft is kept. Retry to refine again.',
} as const;
