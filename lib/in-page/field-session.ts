import type { ErrorInfo } from '../errors/error-codes';
import { needsSettings } from '../errors/error-words';
import { readFieldText, regionIntact, type FieldRegion } from '../field-adapters/field-region';
import { appendToValueRegion, writeRegion, type WriteResult } from '../field-adapters/write-field';
import type { OptimizationHandle } from '../messaging/optimize-client';
import type { OptimizeRequest, ResultMetadata, ServerEvent } from '../messaging/protocol';
import type { Mode } from '../prompts/modes';
import type { OverlayState } from '../overlay/overlay-view';
import { deepActiveElement, type FieldTarget } from './find-field';

export type Phase =
  | 'drafting'
  | 'refining'
  | 'single-stage'
  | 'refined'
  | 'offer'
  | 'draft-only'
  | 'error'
  | 'cancelled'
  | 'restored';

export interface SessionDeps {
  /** Starts a request; the first one is started by the always-on script before this loads. */
  start(request: OptimizeRequest, onEvent: (event: ServerEvent) => void): OptimizationHandle;
  copy(text: string): Promise<boolean>;
  render(state: OverlayState): void;
}

/**
 * One optimization in one field: the draft goes in as soon as it is useful, the refinement
 * replaces it only while the field still holds exactly what was written, and the original is
 * always one click away. Never writes anywhere but its own field, and never once that is gone.
 */
export class FieldSession {
  phase: Phase = 'drafting';
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
  private draft: string | null = null;
  private refined: string | null = null;
  private refinedStream = '';
  private metadata: ResultMetadata | null = null;
  private error: ErrorInfo | null = null;
  private notice: ErrorInfo | null = null;
  private refinementOff = false;
  private message = '';
  private writes: Promise<unknown> = Promise.resolve();
  private handle: OptimizationHandle | null = null;
  private generation = 0;

  constructor(
    readonly target: FieldTarget | null,
    region: FieldRegion | null,
    private request: OptimizeRequest,
    private readonly deps: SessionDeps,
  ) {
    this.region = region;
    this.originalRegion = region;
    this.original = request.prompt;
    this.expectedWhole = target ? readFieldText(target) : null;
  }

  get mode(): Mode {
    return this.request.mode;
  }

  get running(): boolean {
    return this.phase === 'drafting' || this.phase === 'refining' || this.phase === 'single-stage';
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
    this.phase = 'drafting';
    this.streamed = '';
    this.streamedIntoField = false;
    this.draft = null;
    this.refined = null;
    this.refinedStream = '';
    this.metadata = null;
    this.error = null;
    this.notice = null;
    this.refinementOff = false;
    this.message = '';
  }

  private fieldAlive(): boolean {
    return this.target !== null && this.target.element.isConnected;
  }

  private intact(): boolean {
    if (!this.fieldAlive() || !this.region || this.expectedWhole === null) return false;
    return regionIntact(this.target!, this.region, this.expectedWhole);
  }

  private enqueue(write: () => Promise<WriteResult | null> | WriteResult | null): Promise<boolean> {
    const next = this.writes.then(async () => {
      if (!this.fieldAlive() || !this.region) return false;
      const result = await write();
      if (!result) return false;
      this.region = result.region;
      this.expectedWhole = result.wholeText;
      return result.ok;
    });
    this.writes = next.catch(() => false);
    return next.catch(() => false);
  }

  private replaceRegion(text: string): Promise<boolean> {
    return this.enqueue(() => writeRegion(this.target!, this.region!, text));
  }

  onEvent(event: ServerEvent, generation: number): void {
    if (generation !== this.generation || this.phase === 'cancelled') return;
    switch (event.type) {
      case 'draft-delta':
        this.onDraftDelta(event.delta);
        break;
      case 'draft':
        this.onDraft(event.draft);
        break;
      case 'fallback':
        this.phase = 'single-stage';
        this.notice = event.reason;
        break;
      case 'refined-delta':
        this.refinedStream += event.delta;
        break;
      case 'refined':
        this.metadata = event.metadata;
        this.onRefined(event.refined);
        break;
      case 'done':
        this.metadata ??= event.metadata;
        this.refinementOff = event.note === 'refinement-off';
        if (
          this.phase === 'refining' ||
          this.phase === 'drafting' ||
          this.phase === 'single-stage'
        ) {
          this.phase = this.draft !== null ? 'draft-only' : 'error';
        }
        break;
      case 'error':
        this.onError(event);
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
    if (!this.streamedIntoField) {
      if (!this.intact()) return;
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
      this.intact() ? appendToValueRegion(el, this.region!, delta) : null,
    );
  }

  private streamStepWrite(write: () => WriteResult | Promise<WriteResult> | null): void {
    void this.enqueue(async () => {
      const result = await write();
      if (result) this.streamSteps += 1;
      return result;
    });
  }

  /**
   * Takes the streamed insertions back with the field's own undo, so the user's undo history
   * holds one step from the original to the complete draft instead of one per chunk. Only while
   * the field is focused and untouched: undo acts on the focused field's history.
   */
  private async unwindStream(): Promise<boolean> {
    this.flushDelta();
    await this.writes;
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
    return true;
  }

  private onDraft(draft: string): void {
    this.draft = draft;
    this.phase = 'refining';
    if (!this.target) return;
    void (async () => {
      const unwound = await this.unwindStream();
      let attempted = false;
      const written = await this.enqueue(async () => {
        if (!this.intact()) return null;
        if (!unwound && this.region!.text === draft) return null;
        attempted = true;
        return writeRegion(this.target!, this.region!, draft);
      });
      // An editor that takes no DOM input (a canvas editor): the draft is on the clipboard instead.
      if (attempted && !written) await this.fallBackToClipboard(draft);
      this.render();
    })();
  }

  private onRefined(refined: string): void {
    this.refined = refined;
    if (!this.target) {
      this.phase = 'refined';
      return;
    }
    this.phase = 'refined';
    void this.writes.then(async () => {
      if (this.intact()) {
        const ok = await this.replaceRegion(refined);
        if (!ok) await this.fallBackToClipboard(refined);
      } else if (this.fieldAlive()) {
        this.phase = 'offer';
      }
      this.render();
    });
  }

  private onError(error: ErrorInfo): void {
    this.error = error;
    if (this.draft !== null) {
      // The draft stays: it is a usable result.
      this.phase = 'draft-only';
      return;
    }
    this.phase = 'error';
    void this.revertPartialDraft();
  }

  /** A half-streamed draft is never left behind: the field goes back to what the user wrote. */
  private async revertPartialDraft(): Promise<void> {
    if (!this.streamedIntoField || this.draft !== null) return;
    const unwound = await this.unwindStream();
    if (!unwound && this.intact()) await this.replaceRegion(this.original);
    this.render();
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
    const hadDraft = this.draft !== null;
    this.phase = 'cancelled';
    this.message = hadDraft
      ? 'Cancelled — the draft is kept.'
      : 'Cancelled — your text is unchanged.';
    if (!hadDraft) void this.revertPartialDraft();
    this.render();
  }

  async restore(): Promise<void> {
    this.handle?.cancel();
    this.generation += 1;
    await this.writes;
    if (!this.fieldAlive()) return;
    const region = this.intact()
      ? this.region
      : this.originalRegion?.whole
        ? { ...this.originalRegion, text: readFieldText(this.target!) }
        : null;
    let ok = false;
    if (region) ok = await this.enqueue(() => writeRegion(this.target!, region, this.original));
    this.phase = 'restored';
    this.error = null;
    this.message = ok ? 'Original restored.' : '';
    if (!ok) await this.fallBackToClipboard(this.original);
    this.render();
  }

  async apply(): Promise<void> {
    if (this.refined === null || !this.fieldAlive()) return;
    await this.writes;
    // The user changed the field: replace the region where it can still be found, else the whole
    // field when the request owned all of it.
    const region =
      this.region && !this.region.whole
        ? this.region
        : { text: readFieldText(this.target!), whole: true, start: 0, strippedStart: 0 };
    const ok = await this.enqueue(() => writeRegion(this.target!, region, this.refined!));
    if (!ok) await this.fallBackToClipboard(this.refined);
    this.phase = 'refined';
    this.render();
  }

  dismiss(): void {
    this.phase = 'draft-only';
    this.refined = null;
    this.message = 'Kept your version.';
    this.render();
  }

  retry(): void {
    this.handle?.cancel();
    this.request = { ...this.request, prompt: this.original };
    void this.writes.then(() => this.run());
  }

  changeMode(mode: Mode): void {
    this.handle?.cancel();
    this.request = { ...this.request, mode, prompt: this.original };
    void this.writes.then(() => this.run());
  }

  close(): void {
    this.cancel();
  }

  private render(): void {
    this.deps.render(this.viewState());
  }

  viewState(): OverlayState {
    const refinedScore = this.metadata?.quality.refined ?? null;
    const base: OverlayState = {
      message: '',
      tone: 'info',
      busy: false,
      preview: null,
      offer: null,
      settingsLink: false,
      canCancel: this.running,
      canRestore:
        this.target !== null &&
        this.phase !== 'restored' &&
        (this.streamedIntoField ||
          this.draft !== null ||
          this.phase === 'refined' ||
          this.phase === 'offer'),
      canRetry: false,
      copyText: this.refined ?? this.draft,
      mode: this.request.mode,
      checklist: null,
    };
    const withError = (state: OverlayState): OverlayState =>
      this.error
        ? {
            ...state,
            message: this.error.message,
            tone: 'error',
            settingsLink: needsSettings(this.error.code),
            canRetry: this.error.retryable,
          }
        : state;

    switch (this.phase) {
      case 'drafting':
        return {
          ...base,
          message: 'Drafting…',
          busy: true,
          preview: this.target?.kind === 'rich' || !this.target ? this.streamed || null : null,
        };
      case 'single-stage':
        return {
          ...base,
          message: `${this.notice?.message ?? ''} Optimizing in one stage…`.trim(),
          busy: true,
          preview: this.refinedStream || null,
        };
      case 'refining':
        return {
          ...base,
          message: this.message
            ? `${this.message} Refining in background…`
            : 'Draft ready! Refining in background…',
          busy: true,
          preview: this.target ? null : this.draft,
        };
      case 'refined':
        return {
          ...base,
          message: this.message || `Refined! Quality score: ${refinedScore?.score ?? 0}%`,
          tone: 'success',
          preview: this.target ? null : this.refined,
          checklist: refinedScore,
        };
      case 'offer':
        return {
          ...base,
          message: 'You changed the text, so the refined version was not written. Apply it?',
          offer: { draft: this.draft ?? this.original, refined: this.refined ?? '' },
        };
      case 'draft-only':
        if (this.error) return withError({ ...base, preview: this.target ? null : this.draft });
        return {
          ...base,
          message:
            this.message ||
            (this.refinementOff
              ? 'Draft ready! Refinement is off: add a Refinement API key in settings to refine.'
              : 'Draft ready.'),
          settingsLink: this.refinementOff,
          preview: this.target ? null : this.draft,
        };
      case 'error':
        return withError({
          ...base,
          message: 'Prompt Relay could not optimize this prompt.',
          tone: 'error',
          copyText: null,
        });
      case 'cancelled':
        return { ...base, message: this.message, canRetry: true, copyText: this.draft };
      case 'restored':
        return { ...base, message: this.message, tone: 'success', copyText: null, canRetry: true };
    }
  }
}
