import type { AdaptedTarget } from '../field-adapters/adapter-for-kind';
import type { FieldRegion } from '../field-adapters/field-adapter';
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
import { StreamedDraft } from './streamed-draft';
import { writeBlocker, type HeldBack } from './write-policy';
import { WriteQueue } from './write-queue';
import { WrittenRegion } from './written-region';

export interface SessionDeps {
  /** Starts a request; the first one is started by the always-on script before this loads. */
  start(request: OptimizeRequest, onEvent: (event: ServerEvent) => void): OptimizationHandle;
  copy(text: string): Promise<boolean>;
  render(state: OverlayState): void;
  /** The panel that belongs to this session: focus there still counts as being in the field. */
  isOwnPanel(element: Element): boolean;
}

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
  /** What this request owns in the field; null when there is no field (a page selection). */
  private readonly field: WrittenRegion | null;
  private readonly writes = new WriteQueue();
  /** Null where the field's kind takes a draft only whole. */
  private readonly draftStream: StreamedDraft | null;
  private readonly original: string;
  private message = '';
  private handle: OptimizationHandle | null = null;
  private generation = 0;
  private heldBack: HeldBack | null = null;
  /** Said while running when the user triggers again; cleared by the next event. */
  private busyNotice: string | null = null;

  constructor(
    readonly target: AdaptedTarget | null,
    region: FieldRegion | null,
    private request: OptimizeRequest,
    private readonly deps: SessionDeps,
    /**
     * The original of an earlier session on this field, when the user edited its result and
     * optimized again: their first text stays restorable too.
     */
    readonly earlierOriginal: string | null = null,
  ) {
    this.original = request.prompt;
    this.field = target && region ? new WrittenRegion(target.adapter, region) : null;
    const stream = target?.adapter.stream;
    this.draftStream =
      this.field && stream
        ? new StreamedDraft(this.field, stream, this.writes, () => this.writeBlocker() === null)
        : null;
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
    this.draftStream?.reset();
    this.message = '';
    this.heldBack = null;
  }

  private fieldAlive(): boolean {
    return this.field?.alive() ?? false;
  }

  /** Part of the draft went into the field as it streamed. */
  private get streamedIntoField(): boolean {
    return this.draftStream?.started ?? false;
  }

  private writeBlocker(): HeldBack | null {
    return writeBlocker(this.field, this.deps.isOwnPanel);
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
    // Value fields take the draft as it streams: the first words show at the first token. Rich
    // editors and code editors' mirror textareas get it whole (their adapters offer no stream);
    // until then the panel shows it streaming.
    this.draftStream?.push(delta);
  }

  private onDraft(draft: string): void {
    const field = this.field;
    if (!field) return;
    // Queued now, not after an await: a refinement that arrives at once (a cached result) must
    // be written after the draft, never under it.
    this.draftStream?.flush();
    void this.writes.run(async () => {
      const folded = this.draftStream?.fold() ?? false;
      if (!field.adapter.holdsWholeText) {
        this.heldBack = null;
      } else if ((this.heldBack = this.writeBlocker()) === null) {
        if (folded || field.region.text !== draft) {
          const written = await field.replace(draft);
          // An editor that takes no DOM input (a canvas editor): the draft is on the clipboard.
          if (!written) await this.fallBackToClipboard(draft);
        }
      }
      this.render();
    }, undefined);
  }

  private onRefined(refined: string): void {
    const field = this.field;
    if (!field) return;
    void this.writes.run(async () => {
      if (!field.adapter.holdsWholeText) return this.render();
      this.heldBack = this.writeBlocker();
      if (this.heldBack === null) {
        const ok = await field.replace(refined);
        if (!ok) await this.fallBackToClipboard(refined);
      } else if (this.heldBack !== 'gone') {
        this.dispatch({ type: 'hold-back' });
      }
      this.render();
    }, undefined);
  }

  /** A half-streamed draft is never left behind: the field goes back to what the user wrote. */
  private revertPartialDraft(): Promise<void> {
    const stream = this.draftStream;
    if (!stream) return Promise.resolve();
    stream.flush();
    return this.writes.run(async () => {
      if (this.draft === null && (await stream.revert(this.original))) this.render();
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
    this.draftStream?.flush();
    return this.writes.run(async () => {
      // The user asked for it, so the field may take focus; it must still be where it was.
      const field = this.field;
      const region = field?.alive() ? field.adapter.locate(field.region) : null;
      const ok = region ? await field!.replace(text, region) : false;
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
    if (this.field) this.field.wroteOutput = false;
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
    return (
      !this.running &&
      this.phase !== 'restored' &&
      this.field?.wroteOutput === true &&
      this.field.intact()
    );
  }

  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
    this.render();
  }

  retry(): void {
    this.handle?.cancel();
    this.request = { ...this.request, prompt: this.original };
    void this.writes.run(() => this.run(), undefined);
  }

  changeMode(mode: Mode): void {
    this.handle?.cancel();
    this.request = { ...this.request, mode, prompt: this.original };
    void this.writes.run(() => this.run(), undefined);
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
