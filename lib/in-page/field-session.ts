import {
  locateRegion,
  readFieldText,
  regionIntact,
  type FieldRegion,
} from '../field-adapters/field-region';
import { appendToValueRegion, writeRegion, type WriteResult } from '../field-adapters/write-field';
import type { OptimizationHandle } from '../messaging/optimize-client';
import type { OptimizeRequest, ServerEvent } from '../messaging/protocol';
import {
  IDLE,
  isRunning,
  reduceOptimization,
  type OptimizationAction,
  type OptimizationState,
  type Phase,
} from '../optimization/optimization-state';
import { optimizationWords } from '../optimization/optimization-words';
import type { Mode } from '../prompts/modes';
import type { OverlayState } from '../overlay/overlay-view';
import { deepActiveElement, type FieldTarget } from './find-field';

export interface SessionDeps {
  /** Starts a request; the first one is started by the always-on script before this loads. */
  start(request: OptimizeRequest, onEvent: (event: ServerEvent) => void): OptimizationHandle;
  copy(text: string): Promise<boolean>;
  render(state: OverlayState): void;
  /** The panel that belongs to this session: focus there still counts as being in the field. */
  isOwnPanel(element: Element): boolean;
}

/** Why a result was not written into the field, in the user's terms. */
type HeldBack = 'edited' | 'moved' | 'gone';

const HELD_BACK_WORDS: Record<HeldBack, string> = {
  edited: 'You changed the text, so the refined version was not written. Apply it?',
  moved: 'You moved to another field, so the refined version was not written. Apply it?',
  gone: 'The page removed this field. Your text is safe here: copy the original or the result.',
};

/**
 * One optimization in one field: the draft goes in as soon as it is useful, the refinement
 * replaces it only while the field still holds exactly what was written, and the original is
 * always one click away. Never writes anywhere but its own field, and never once that is gone.
 */
export class FieldSession {
  /** The optimization as both UIs see it; everything else here is about the field. */
  private state: OptimizationState = reduceOptimization(IDLE, { type: 'start' });
  private region: FieldRegion | null;
  /** The field's text right after our last write (or at the start): "untouched since" means equal. */
  private expectedWhole: string | null;
  private readonly originalRegion: FieldRegion | null;
  private readonly original: string;
  private streamed = '';
  private streamedIntoField = false;
  private streamSteps = 0;
  private pendingDelta = '';
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private originalWhole = '';
  private message = '';
  private writes: Promise<unknown> = Promise.resolve();
  private handle: OptimizationHandle | null = null;
  private generation = 0;
  private heldBack: HeldBack | null = null;
  /** Said while running when the user triggers again; cleared by the next event. */
  private busyNotice: string | null = null;
  /** Something of ours is in the field (a draft, a refinement, or part of a streamed draft). */
  private wroteOutput = false;

  constructor(
    readonly target: FieldTarget | null,
    region: FieldRegion | null,
    private request: OptimizeRequest,
    private readonly deps: SessionDeps,
    /**
     * The original of an earlier session on this field, when the user edited its result and
     * optimized again: their first text stays restorable too.
     */
    readonly earlierOriginal: string | null = null,
  ) {
    this.region = region;
    this.originalRegion = region;
    this.original = request.prompt;
    this.expectedWhole = target ? readFieldText(target) : null;
  }

  get originalText(): string {
    return this.original;
  }

  get mode(): Mode {
    return this.request.mode;
  }

  get phase(): Phase {
    return this.state.phase;
  }

  get running(): boolean {
    return isRunning(this.state.phase);
  }

  private get draft(): string | null {
    return this.state.draft;
  }

  private get refined(): string | null {
    return this.state.refined;
  }

  private dispatch(action: OptimizationAction): void {
    this.state = reduceOptimization(this.state, action);
  }

  /** Takes over a request that is already under way, draining what arrived before this loaded. */
  adopt(handle: OptimizationHandle, drain: (sink: (event: ServerEvent) => void) => void): void {
    this.handle = handle;
    const generation = this.generation;
    drain((event) => this.onEvent(event, generation));
    this.render();
  }

  private run(): void {
    this.generation += 1;
    const generation = this.generation;
    this.resetResult();
    this.handle = this.deps.start(this.request, (event) => this.onEvent(event, generation));
    this.render();
  }

  private resetResult(): void {
    this.dispatch({ type: 'start' });
    this.streamed = '';
    this.streamedIntoField = false;
    this.message = '';
    this.heldBack = null;
  }

  private fieldAlive(): boolean {
    return this.target !== null && this.target.element.isConnected;
  }

  private intact(): boolean {
    if (!this.fieldAlive() || !this.region || this.expectedWhole === null) return false;
    return regionIntact(this.target!, this.region, this.expectedWhole);
  }

  /**
   * Is the user still in this field? A write focuses its field, so writing while they type
   * elsewhere would pull their keys back into this one. In a subframe, a document without focus
   * means they went to another frame; in the top frame it means another window, where focusing
   * the already-active field changes nothing.
   */
  private userIsHere(): boolean {
    const el = this.target?.element;
    if (!el) return false;
    const doc = el.ownerDocument;
    const active = deepActiveElement(doc);
    if (active && this.deps.isOwnPanel(active)) return true;
    if (!active || !(active === el || el.contains(active))) return false;
    return doc.hasFocus() || doc.defaultView === doc.defaultView?.top;
  }

  /** Why the field may not be written now, or null when it may. */
  private writeBlocker(): HeldBack | null {
    if (!this.fieldAlive()) return 'gone';
    if (!this.intact()) return 'edited';
    return this.userIsHere() ? null : 'moved';
  }

  /** Runs `job` after every write queued before it: writes land in the order events arrived. */
  private queue<T>(job: () => Promise<T>, fallback: T): Promise<T> {
    const next = this.writes.then(job);
    this.writes = next.catch(() => undefined);
    return next.catch(() => fallback);
  }

  /** One write, inside a queued job. */
  private async write(
    run: () => Promise<WriteResult | null> | WriteResult | null,
  ): Promise<boolean> {
    if (!this.fieldAlive() || !this.region) return false;
    const result = await run();
    if (!result) return false;
    this.region = result.region;
    this.expectedWhole = result.wholeText;
    this.wroteOutput = true;
    return result.ok;
  }

  onEvent(event: ServerEvent, generation: number): void {
    if (generation !== this.generation || this.phase === 'cancelled') return;
    this.busyNotice = null;
    this.dispatch(event);
    switch (event.type) {
      case 'draft-delta':
        this.onDraftDelta(event.delta);
        break;
      case 'draft':
        this.onDraft(event.draft);
        break;
      case 'fallback':
        // A draft that failed half-way (or was a refusal) does not stay in the field meanwhile.
        void this.revertPartialDraft();
        break;
      case 'refined':
        this.onRefined(event.refined);
        break;
      case 'end':
        // With no draft the request failed: the field goes back to what the user wrote.
        if (event.outcome === 'failed') void this.revertPartialDraft();
        break;
    }
    this.render();
  }

  private onDraftDelta(delta: string): void {
    this.streamed += delta;
    const el = this.target?.element;
    // Value fields take the draft as it streams: the first words show at the first token. Rich
    // editors get it whole (one transaction, no thrash); until then the panel shows it streaming.
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    // A code editor's hidden textarea holds only part of its document: never streamed into.
    if (this.target?.kind === 'mirror') return;
    if (!this.streamedIntoField) {
      if (this.writeBlocker()) return;
      this.streamedIntoField = true;
      this.streamSteps = 0;
      this.originalWhole = el.value;
      this.streamStepWrite(() => writeRegion(this.target!, this.region!, delta));
      return;
    }
    // Later deltas are batched per frame: fewer insertions, fewer undo steps to fold afterwards.
    this.pendingDelta += delta;
    if (this.flushTimer === null) this.flushTimer = setTimeout(() => this.flushDelta(), 16);
  }

  private flushDelta(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const delta = this.pendingDelta;
    this.pendingDelta = '';
    const el = this.target?.element;
    if (!delta || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    this.streamStepWrite(() =>
      this.writeBlocker() ? null : appendToValueRegion(el, this.region!, delta),
    );
  }

  private streamStepWrite(run: () => WriteResult | Promise<WriteResult> | null): void {
    void this.queue(
      () =>
        this.write(async () => {
          const result = await run();
          if (result) this.streamSteps += 1;
          return result;
        }),
      false,
    );
  }

  /**
   * Takes the streamed insertions back with the field's own undo, so the user's undo history
   * holds one step from the original to the complete draft instead of one per chunk. Only while
   * the field is focused and untouched: undo acts on the focused field's history.
   */
  private unwindStream(): boolean {
    const el = this.target?.element;
    if (
      !this.streamedIntoField ||
      !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)
    )
      return false;
    this.streamedIntoField = false;
    if (!this.intact() || deepActiveElement(el.ownerDocument) !== el) return false;
    for (let i = 0; i < this.streamSteps; i += 1) el.ownerDocument.execCommand('undo');
    this.streamSteps = 0;
    if (el.value !== this.originalWhole) return false;
    this.region = this.originalRegion;
    this.expectedWhole = el.value;
    this.wroteOutput = false;
    return true;
  }

  private onDraft(draft: string): void {
    if (!this.target) return;
    // Queued now, not after an await: a refinement that arrives at once (a cached result) must
    // be written after the draft, never under it.
    this.flushDelta();
    void this.queue(async () => {
      const unwound = this.unwindStream();
      if (this.target?.kind === 'mirror') {
        this.heldBack = null;
      } else if ((this.heldBack = this.writeBlocker()) === null) {
        if (unwound || this.region!.text !== draft) {
          const written = await this.write(() => writeRegion(this.target!, this.region!, draft));
          // An editor that takes no DOM input (a canvas editor): the draft is on the clipboard.
          if (!written) await this.fallBackToClipboard(draft);
        }
      }
      this.render();
    }, undefined);
  }

  private onRefined(refined: string): void {
    if (!this.target) return;
    void this.queue(async () => {
      if (this.target?.kind === 'mirror') return this.render();
      this.heldBack = this.writeBlocker();
      if (this.heldBack === null) {
        const ok = await this.write(() => writeRegion(this.target!, this.region!, refined));
        if (!ok) await this.fallBackToClipboard(refined);
      } else if (this.heldBack !== 'gone') {
        this.dispatch({ type: 'hold-back' });
      }
      this.render();
    }, undefined);
  }

  /** A half-streamed draft is never left behind: the field goes back to what the user wrote. */
  private revertPartialDraft(): Promise<void> {
    this.flushDelta();
    return this.queue(async () => {
      if (!this.streamedIntoField || this.draft !== null) return;
      const unwound = this.unwindStream();
      if (!unwound && this.intact()) {
        await this.write(() => writeRegion(this.target!, this.region!, this.original));
        this.wroteOutput = false;
      }
      this.render();
    }, undefined);
  }

  private async fallBackToClipboard(text: string): Promise<void> {
    const copied = await this.deps.copy(text);
    this.message = copied
      ? 'This editor did not accept the text, so it is on your clipboard: paste it with Ctrl+V.'
      : 'This editor did not accept the text. Use Copy below.';
  }

  cancel(): void {
    if (!this.running) return;
    this.handle?.cancel();
    this.dispatch({ type: 'cancel' });
    if (this.draft === null) void this.revertPartialDraft();
    this.render();
  }

  /** Puts `text` back (the original) or in (an offered result), at the user's request. */
  private putBack(text: string, done: string, notFound: string): Promise<void> {
    this.flushDelta();
    return this.queue(async () => {
      // The user asked for it, so the field may take focus; it must still be where it was.
      const region =
        this.fieldAlive() && this.region ? locateRegion(this.target!, this.region) : null;
      const ok = region ? await this.write(() => writeRegion(this.target!, region, text)) : false;
      if (ok) this.message = done;
      else if (!this.fieldAlive()) await this.copyInstead(text, HELD_BACK_WORDS.gone);
      else if (!region) await this.copyInstead(text, notFound);
      else await this.fallBackToClipboard(text);
      this.render();
    }, undefined);
  }

  private async copyInstead(text: string, why: string): Promise<void> {
    const copied = await this.deps.copy(text);
    this.message = copied ? `${why} It is on your clipboard: paste it with Ctrl+V.` : why;
  }

  async restore(original: string = this.original): Promise<void> {
    this.handle?.cancel();
    this.generation += 1;
    this.dispatch({ type: 'restore' });
    await this.putBack(
      original,
      'Original restored.',
      'The text Prompt Relay wrote is no longer in the field, so the original was not put back.',
    );
    this.wroteOutput = false;
  }

  async apply(): Promise<void> {
    if (this.refined === null) return;
    this.dispatch({ type: 'apply' });
    this.heldBack = null;
    await this.putBack(
      this.refined,
      '',
      'The draft is no longer where it was in the field, so the refined version was not written.',
    );
  }

  /** The field still shows what this session wrote, untouched: a new trigger re-runs from the original. */
  holdsOwnOutput(): boolean {
    return !this.running && this.phase !== 'restored' && this.wroteOutput && this.intact();
  }

  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
    this.render();
  }

  retry(): void {
    this.handle?.cancel();
    this.request = { ...this.request, prompt: this.original };
    void this.queue(() => Promise.resolve(this.run()), undefined);
  }

  changeMode(mode: Mode): void {
    this.handle?.cancel();
    this.request = { ...this.request, mode, prompt: this.original };
    void this.queue(() => Promise.resolve(this.run()), undefined);
  }

  /** A trigger on a field whose request is still running changes nothing; the panel says so. */
  notifyBusy(): void {
    this.busyNotice = 'Already optimizing this field. Press Esc to cancel it first.';
    this.render();
  }

  close(): void {
    this.cancel();
  }

  private render(): void {
    this.deps.render(this.viewState());
  }

  viewState(): OverlayState {
    const words = optimizationWords(this.state);
    const { phase, metadata } = this.state;
    // Results live in the panel when there is no field to hold them, or it may not be written.
    const gone = this.target !== null && !this.fieldAlive();
    const inPanel = !this.target || this.target.kind === 'mirror' || this.heldBack !== null || gone;
    const base: OverlayState = {
      message: words.message,
      tone: words.tone,
      busy: words.busy,
      preview: null,
      offer: null,
      settingsLink: words.settingsLink,
      canCancel: words.canCancel,
      canRestore:
        this.target !== null &&
        !gone &&
        phase !== 'restored' &&
        (this.streamedIntoField || this.draft !== null || phase === 'refined' || phase === 'offer'),
      canRestoreEarlier: this.earlierOriginal !== null && !gone,
      canRetry: words.canRetry,
      copyText: this.refined ?? this.draft,
      originalCopy: gone ? this.original : null,
      mode: this.request.mode,
      checklist: null,
    };
    const busyWords = (words: string) => (this.busyNotice ? this.busyNotice : words);
    // Words about this field (a clipboard fallback, a put-back) say more than the status.
    const fieldWords = (words: string) => this.message || words;

    if (gone && !this.running && phase !== 'failed') {
      return {
        ...base,
        message: fieldWords(HELD_BACK_WORDS.gone),
        tone: 'info',
        settingsLink: false,
        canRetry: false,
        preview: this.refined ?? this.draft,
      };
    }
    switch (phase) {
      case 'drafting':
        return {
          ...base,
          message: busyWords(words.message),
          preview: this.target?.kind === 'value' && !gone ? null : this.state.draftStream || null,
        };
      case 'single-stage':
        return {
          ...base,
          message: busyWords(words.message),
          preview: this.state.refinedStream || null,
        };
      case 'refining':
        return {
          ...base,
          message: busyWords(
            this.heldBack === 'moved'
              ? 'You moved to another field, so the draft is shown here. Refining in background…'
              : this.message
                ? `${this.message} Refining in background…`
                : words.message,
          ),
          preview: inPanel ? this.draft : null,
        };
      case 'refined':
        return {
          ...base,
          message: fieldWords(words.message),
          preview: inPanel ? this.refined : null,
          checklist: metadata?.quality.refined ?? null,
        };
      case 'offer':
        return {
          ...base,
          message: HELD_BACK_WORDS[this.heldBack ?? 'edited'],
          offer: { draft: this.draft ?? this.original, refined: this.refined ?? '' },
        };
      case 'draft-only':
        return {
          ...base,
          message: this.state.error ? words.message : fieldWords(words.message),
          preview: inPanel ? this.draft : null,
        };
      case 'kept':
        return { ...base, preview: inPanel ? this.draft : null };
      case 'failed':
        return { ...base, copyText: null };
      case 'cancelled':
        return { ...base, copyText: this.draft };
      case 'restored':
        return { ...base, message: this.message, copyText: null };
      case 'idle':
        return base;
    }
  }
}
