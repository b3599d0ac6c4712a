import { REFINEMENT_PREVIEW_LABEL, type CostWords } from '../optimization/optimization-words';
import { shouldAnnounce, type Announcement } from '../optimization/refinement-progress';
import { isMode, MODES, MODE_LABELS, type Mode } from '../prompts/modes';
import type { QualityScore } from '../quality/quality-score';
import { OVERLAY_CSS } from './overlay-styles';
import { panelPosition } from './panel-position';
import { wordDiff } from './word-diff';
import type { Vote } from '../insights/history-entry';
import type { FeedbackView } from '../optimization/feedback-view';

export interface OverlayState {
  message: string;
  tone: 'info' | 'success' | 'error';
  busy: boolean;
  /** Text shown in the panel: the streaming draft, or a result to copy. */
  preview: string | null;
  /** A refinement offered instead of written, because the user changed the field. */
  offer: { draft: string; refined: string } | null;
  settingsLink: boolean;
  canCancel: boolean;
  canRestore: boolean;
  /** The original of an earlier session on this field (the user edited its result since). */
  canRestoreEarlier: boolean;
  canRetry: boolean;
  /** What Copy copies; null hides it. */
  copyText: string | null;
  /** The user's original, to copy when the field it came from is gone; null hides it. */
  originalCopy: string | null;
  mode: Mode;
  checklist: QualityScore | null;
  /**
   * A refinement streaming behind the draft: its progress words and its text so far, shown
   * apart from the field (it goes into the field only once complete). Absent or null: none.
   */
  refinement?: { message: string; stage: 'waiting' | 'arriving'; text: string } | null;
  /**
   * Thumbs for the results there are: a stage's key is present when it has a result to rate
   * (its value the user's vote so far). Absent or null: none shown.
   */
  feedback?: FeedbackView;
  /** What the finished request cost, under the status line. Absent or null: nothing shown. */
  cost?: CostWords | null;
}

export interface OverlayActions {
  cancel(): void;
  restore(): void;
  restoreEarlier(): void;
  retry(): void;
  apply(): void;
  dismiss(): void;
  copy(text: string): void;
  changeMode(mode: Mode): void;
  vote(stage: 'draft' | 'refinement', vote: Vote): void;
  openSettings(): void;
  close(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The in-page panel, built with plain DOM in a shadow root: it loads on first use next to a page
 * we don't own, so it carries no framework. All model text goes in through textContent — never
 * as markup. Buttons keep focus in the user's field (mousedown is not allowed to move it).
 *
 * The page must neither read nor drive it: the shadow root is closed (`host.shadowRoot` is null
 * to page scripts), and every control acts only on trusted events — a page can still dispatch
 * events at the host or, by retargeting, inside it, but those have `isTrusted === false`.
 */
export class OverlayView {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly panel = el('div', 'panel');
  private readonly status = el('div', 'status');
  private readonly cost = el('div', 'cost');
  private readonly preview = el('div', 'preview');
  private readonly diff = el('div', 'diff');
  private readonly progress = el('div', 'progress');
  private readonly progressLine = el('div', 'progress-line');
  private readonly progressText = el('div', 'progress-text');
  /** Says the refinement's count now and then; always in the tree, so it is heard when set. */
  private readonly announcer = el('div', 'sr-only');
  private lastAnnouncement: Announcement | null = null;
  private readonly checklist = el('ul', 'checklist');
  /** Optional thumbs on the draft and the refinement (the history keeps them, locally). */
  private readonly feedback = el('div', 'feedback');
  private readonly thumbs: Record<string, HTMLButtonElement> = {};
  private readonly buttons: Record<string, HTMLButtonElement> = {};
  private readonly modeSelect = el('select');
  /** Shown while a mode reached with the keys waits for Enter or Tab. */
  private readonly modeHint = el('span', 'mode-hint', 'Enter to run');
  /**
   * A mode picked from the open list (pointer, or Enter in it) runs at once. A mode reached with
   * the keys on the closed list waits for Enter, or Tab out of the list: Chrome on Windows and
   * Linux and Firefox fire `change` at every arrow or letter there (measured with driver keys: in
   * the task of the key's keydown or keypress; keys inside an open list reach neither). Running
   * at each one re-ran in the first mode passed over, and its draft took focus to the field (a
   * textarea is written with execCommand, which needs it), so the next keys went into the field.
   * No timer: a screen reader user listening to an option must not start a run by pausing on it.
   * Any other way out of the list (Esc, a click elsewhere, a page script moving focus) drops the
   * mode passed over.
   */
  private modeWaiting = false;
  /** True from a key's keydown or keypress on the list to the end of its task. */
  private keyInModeList = false;
  private anchor: HTMLElement | null = null;
  private state: OverlayState | null = null;
  private readonly reposition = () => this.place();

  constructor(private readonly actions: OverlayActions) {
    this.host = document.createElement('prompt-relay-overlay');
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    const style = el('style');
    style.textContent = OVERLAY_CSS;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', 'Prompt Relay');
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.preview.setAttribute('aria-label', 'Optimized prompt');
    this.diff.setAttribute('aria-label', 'Changes from the draft to the refined prompt');
    this.progressText.setAttribute('aria-label', REFINEMENT_PREVIEW_LABEL);
    this.progressText.setAttribute('role', 'region');
    this.progress.append(this.progressLine, this.progressText);
    this.announcer.setAttribute('aria-live', 'polite');
    this.announcer.setAttribute('aria-atomic', 'true');

    const head = el('div', 'head');
    head.append(el('span', 'title', 'Prompt Relay'));
    const modeLabel = el('label');
    modeLabel.append('Mode ', this.modeSelect);
    for (const mode of MODES) {
      const option = el('option', undefined, MODE_LABELS[mode]);
      option.value = mode;
      this.modeSelect.append(option);
    }
    this.modeHint.id = 'mode-hint';
    this.modeHint.hidden = true;
    const markKey = () => {
      this.keyInModeList = true;
      setTimeout(() => (this.keyInModeList = false), 0);
    };
    this.modeSelect.addEventListener('keydown', (event) => {
      if (!event.isTrusted) return;
      if (event.key === 'Enter' && this.modeWaiting) {
        event.preventDefault();
        this.runChosenMode();
        return;
      }
      if (event.key === 'Tab') {
        this.runChosenMode();
        return;
      }
      markKey();
    });
    // Type-ahead moves on keypress, which a real keyboard may deliver in a task of its own.
    this.modeSelect.addEventListener('keypress', (event) => {
      if (event.isTrusted) markKey();
    });
    this.modeSelect.addEventListener('blur', () => this.dropChosenMode());
    this.modeSelect.addEventListener('change', (event) => {
      if (!event.isTrusted || !isMode(this.modeSelect.value)) {
        // A forged change (or an unknown value) leaves the panel showing the session's mode.
        if (this.state) this.modeSelect.value = this.state.mode;
        return;
      }
      this.modeWaiting = true;
      if (!this.keyInModeList) return this.runChosenMode();
      this.modeHint.hidden = false;
      // Described only while a mode waits: a hidden element referenced by aria-describedby is
      // still read out, and "Enter to run" with nothing waiting would mislead.
      this.modeSelect.setAttribute('aria-describedby', 'mode-hint');
    });
    head.append(
      modeLabel,
      this.modeHint,
      this.button('close', '×', () => this.actions.close(), 'close', 'Close'),
    );

    const actionsRow = el('div', 'actions');
    actionsRow.append(
      this.button('apply', 'Apply refined', () => this.actions.apply(), 'primary'),
      this.button(
        'copy',
        'Copy',
        () => this.state?.copyText && this.actions.copy(this.state.copyText),
      ),
      this.button('dismiss', 'Dismiss', () => this.actions.dismiss()),
      this.button('retry', 'Retry', () => this.actions.retry(), 'primary'),
      this.button('cancel', 'Cancel (Esc)', () => this.actions.cancel()),
      this.button('restore', 'Restore original', () => this.actions.restore()),
      this.button('restoreEarlier', 'Restore earlier original', () =>
        this.actions.restoreEarlier(),
      ),
      this.button(
        'copyOriginal',
        'Copy original',
        () => this.state?.originalCopy && this.actions.copy(this.state.originalCopy),
      ),
      this.button('settings', 'Open settings', () => this.actions.openSettings(), 'link'),
    );
    this.feedback.setAttribute('role', 'group');
    this.feedback.setAttribute('aria-label', 'Rate the result');
    for (const stage of ['draft', 'refinement'] as const) {
      const group = el('span', 'feedback-stage');
      group.append(el('span', 'feedback-label', stage === 'draft' ? 'Draft' : 'Refined'));
      for (const vote of ['up', 'down'] as const) {
        const name = `${stage}-${vote}`;
        const label = `${vote === 'up' ? 'Good' : 'Poor'} ${stage === 'draft' ? 'draft' : 'refinement'}`;
        const button = this.button(
          name,
          vote === 'up' ? '👍' : '👎',
          () => this.actions.vote(stage, vote),
          'thumb',
          label,
        );
        this.thumbs[name] = button;
        group.append(button);
      }
      this.feedback.append(group);
    }
    this.panel.append(
      head,
      this.status,
      this.cost,
      this.announcer,
      this.preview,
      this.progress,
      this.diff,
      this.checklist,
      actionsRow,
      this.feedback,
    );
    this.shadow.append(style, this.panel);
    // Keys typed in the panel stay in the panel: the page's shortcuts must not see them.
    for (const type of ['keydown', 'keyup', 'keypress'] as const) {
      this.panel.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === 'keydown' && event.isTrusted && event.key === 'Escape') {
          this.anchor?.focus();
          this.actions.close();
        }
      });
    }
  }

  private button(
    name: string,
    label: string,
    onClick: () => void,
    className?: string,
    ariaLabel?: string,
  ) {
    const button = el('button', className, label);
    button.type = 'button';
    if (ariaLabel) button.setAttribute('aria-label', ariaLabel);
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => {
      if (event.isTrusted) onClick();
    });
    this.buttons[name] = button;
    return button;
  }

  /**
   * Moves focus to the action the panel waits for, if it waits for one (an offered refinement, or
   * an error with Retry or a settings link): that is when a keyboard user needs to reach it from
   * the field. Otherwise Tab keeps its usual meaning in the page.
   */
  focusDecision(): boolean {
    const state = this.state;
    if (!state || !(state.offer || state.tone === 'error')) return false;
    const order = ['apply', 'retry', 'settings'];
    const target = order
      .map((name) => this.buttons[name])
      .find((button) => button && !button.hidden);
    if (!target) return false;
    target.focus();
    return true;
  }

  show(anchor: HTMLElement): void {
    this.anchor = anchor;
    if (!this.host.isConnected) {
      // Where the body is the editor (TinyMCE's iframe), the panel stays out of it: inside, the
      // editor's undo rewrote the body and took the panel with it (measured).
      const body = document.body;
      (body && !body.isContentEditable ? body : document.documentElement).append(this.host);
      window.addEventListener('scroll', this.reposition, true);
      window.addEventListener('resize', this.reposition);
    }
    this.place();
  }

  render(state: OverlayState): void {
    this.state = state;
    this.status.className = `status ${state.tone}`;
    this.status.replaceChildren();
    if (state.busy) this.status.append(el('span', 'spinner'));
    this.status.append(state.message);

    this.renderCost(state.cost ?? null);

    this.preview.hidden = state.preview === null || state.offer !== null;
    this.preview.textContent = state.preview ?? '';

    this.renderRefinement(state.refinement ?? null);

    this.diff.hidden = state.offer === null;
    this.diff.replaceChildren();
    if (state.offer) {
      for (const part of wordDiff(state.offer.draft, state.offer.refined)) {
        const tag = part.kind === 'added' ? 'ins' : part.kind === 'removed' ? 'del' : 'span';
        this.diff.append(el(tag, undefined, part.text));
      }
    }

    this.checklist.hidden = state.checklist === null;
    this.checklist.replaceChildren();
    for (const item of state.checklist?.checklist ?? []) {
      this.checklist.append(
        el('li', item.covered ? 'covered' : 'missing', `${item.covered ? '✓' : '○'} ${item.label}`),
      );
    }

    const visible: Record<string, boolean> = {
      apply: state.offer !== null,
      dismiss: state.offer !== null,
      copy: state.copyText !== null,
      retry: state.canRetry,
      cancel: state.canCancel,
      restore: state.canRestore,
      restoreEarlier: state.canRestoreEarlier,
      copyOriginal: state.originalCopy !== null,
      settings: state.settingsLink,
    };
    for (const [name, button] of Object.entries(this.buttons)) {
      if (name in visible) button.hidden = !visible[name];
    }
    this.renderFeedback(state.feedback ?? null);
    // A mode still being chosen stays as the user left it.
    if (!this.modeWaiting) this.modeSelect.value = state.mode;
    this.place();
  }

  private renderFeedback(feedback: NonNullable<OverlayState['feedback']> | null): void {
    this.feedback.hidden = feedback === null;
    for (const stage of ['draft', 'refinement'] as const) {
      const shown = feedback !== null && stage in feedback;
      const group = this.thumbs[`${stage}-up`]?.parentElement;
      if (group) group.hidden = !shown;
      for (const vote of ['up', 'down'] as const) {
        this.thumbs[`${stage}-${vote}`]?.setAttribute(
          'aria-pressed',
          String(shown && feedback?.[stage] === vote),
        );
      }
    }
  }

  /**
   * "≈ $0.0004", "Cached · $0" or "Cost — · price unknown"; the sentence behind it is the tooltip
   * and is read by screen readers.
   */
  private renderCost(cost: CostWords | null): void {
    this.cost.hidden = cost === null;
    this.cost.replaceChildren();
    if (cost === null) return;
    this.cost.title = cost.detail;
    this.cost.append(el('span', 'cost-amount', cost.text));
    if (cost.reason) this.cost.append(` · ${cost.reason}`);
    this.cost.append(el('span', 'sr-only', ` ${cost.detail}`));
  }

  /**
   * The refinement on its way: a one-line count and a fixed-height box with its latest text, so
   * the panel keeps its size (and place) while tokens stream in. The count is announced politely,
   * at most every few seconds.
   */
  private renderRefinement(refinement: NonNullable<OverlayState['refinement']> | null): void {
    this.progress.hidden = refinement === null;
    if (refinement === null) {
      this.lastAnnouncement = null;
      this.announcer.textContent = '';
      return;
    }
    this.progressLine.textContent = refinement.message;
    const box = this.progressText;
    if (box.textContent !== refinement.text) {
      // Follow the newest words, unless the user scrolled back to read earlier ones.
      const following = box.scrollHeight - box.scrollTop - box.clientHeight < 8;
      box.textContent = refinement.text;
      if (following) box.scrollTop = box.scrollHeight;
    }
    const next = { text: refinement.message, stage: refinement.stage };
    const now = Date.now();
    if (shouldAnnounce(this.lastAnnouncement, next, now)) {
      this.lastAnnouncement = { ...next, at: now };
      this.announcer.textContent = refinement.message;
    }
  }

  private place(): void {
    if (!this.anchor) return;
    const { top, left } = panelPosition(
      this.anchor.getBoundingClientRect(),
      { width: this.panel.offsetWidth, height: this.panel.offsetHeight || 120 },
      { width: window.innerWidth, height: window.innerHeight },
    );
    this.panel.style.top = `${top}px`;
    this.panel.style.left = `${left}px`;
  }

  /** Runs the mode the list shows, if one is waiting (the session ignores its own mode). */
  private runChosenMode(): void {
    if (!this.modeWaiting) return;
    this.modeWaiting = false;
    this.modeHint.hidden = true;
    this.modeSelect.removeAttribute('aria-describedby');
    const mode = this.modeSelect.value;
    if (isMode(mode)) this.actions.changeMode(mode);
  }

  /** Forgets a mode still waiting; the list shows the session's again. */
  private dropChosenMode(): void {
    if (!this.modeWaiting) return;
    this.modeWaiting = false;
    this.modeHint.hidden = true;
    this.modeSelect.removeAttribute('aria-describedby');
    if (this.state) this.modeSelect.value = this.state.mode;
  }

  destroy(): void {
    this.modeWaiting = false;
    window.removeEventListener('scroll', this.reposition, true);
    window.removeEventListener('resize', this.reposition);
    this.host.remove();
  }
}
