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
import type { Mode } from '../prompts/modes';
import type { OverlayState } from './overlay-view';
import { fieldPanelView } from './field-panel-view';
import { FieldWriter } from './field-writer';
import { finalAction } from '../insights/final-action';
import type { UserAction, Vote } from '../insights/history-entry';
import type { FeedbackStage } from '../optimization/feedback-view';

export interface SessionDeps {
  /** Starts a request; the first one is started by the always-on script before this loads. */
  start(request: OptimizeRequest, onEvent: (event: ServerEvent) => void): OptimizationHandle;
  copy(text: string): Promise<boolean>;
  render(state: OverlayState): void;
  /** The panel that belongs to this session: focus there still counts as being in the field. */
  isOwnPanel(element: Element): boolean;
  /** Tells the history what the user did with request `id`'s result. */
  report?(id: string, action: UserAction, final: boolean): void;
  /** The user's thumbs on request `id`'s draft or refinement (null: taken back). */
  vote?(id: string, stage: FeedbackStage, vote: Vote | null): void;
}

/**
 * One optimization in one field: the draft goes in as soon as it is useful, the refinement
 * replaces it only while the field still holds exactly what was written, and the original is
 * always one click away. Never writes anywhere but its own field, and never once that is gone.
 */
export class FieldSession {
  /** The optimization as both UIs see it; everything else here is about the field. */
  private state: OptimizationState = reduceOptimization(IDLE, { type: 'start' });
  /** What gets written into the field, when, and why not. */
  private readonly writer: FieldWriter;
  private readonly original: string;
  private handle: OptimizationHandle | null = null;
  private generation = 0;
  private rerunQueued = false;
  /** Said while running when the user triggers again; cleared by the next event. */
  private busyNotice: string | null = null;
  /** What the user did with the current request's result, as reported so far. */
  private reported: UserAction = 'pending';
  private finalized = false;
  private votes: Record<FeedbackStage, Vote | null> = { draft: null, refinement: null };

  constructor(
    readonly target: AdaptedTarget | null,
    /** The region the request owns, and the field's whole text when it was read. */
    start: { region: FieldRegion; fieldText: string | null } | null,
    private request: OptimizeRequest,
    private readonly deps: SessionDeps,
    /**
     * The original of an earlier session on this field, when the user edited its result and
     * optimized again: their first text stays restorable too.
     */
    readonly earlierOriginal: string | null = null,
  ) {
    this.original = request.prompt;
    this.writer = new FieldWriter(target, start, {
      copy: deps.copy,
      changed: () => this.render(),
      isOwnPanel: deps.isOwnPanel,
    });
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

  private dispatch(action: OptimizationAction): void {
    this.state = reduceOptimization(this.state, action);
  }

  /** Takes over a request that is already under way, draining what arrived before this loaded. */
  adopt(handle: OptimizationHandle, drain: (sink: (event: ServerEvent) => void) => void): void {
    this.track(handle);
    const generation = this.generation;
    drain((event) => this.onEvent(event, generation));
    this.render();
  }

  private run(): void {
    this.generation += 1;
    const generation = this.generation;
    this.dispatch({ type: 'start' });
    this.writer.reset();
    this.track(this.deps.start(this.request, (event) => this.onEvent(event, generation)));
    this.render();
  }

  /** A new request: the one before it is final now (Retry, another mode). */
  private track(handle: OptimizationHandle): void {
    if (this.handle) this.finalize();
    this.handle = handle;
    this.reported = 'pending';
    this.finalized = false;
    this.votes = { draft: null, refinement: null };
  }

  private report(action: UserAction): void {
    if (!this.handle || this.finalized) return;
    this.reported = action;
    this.deps.report?.(this.handle.requestId, action, false);
  }

  /**
   * What the user did with the result can no longer change: the next request on this field, the
   * panel closed, the page left, or focus away from the field for a while (field-runner.ts).
   * Decided from what was reported and what the field holds now.
   */
  finalize(): void {
    if (!this.handle || this.finalized) return;
    this.finalized = true;
    this.deps.report?.(
      this.handle.requestId,
      finalAction(this.reported, this.writer.fieldHolds()),
      true,
    );
  }

  /** Thumbs up/down on the draft or the refinement; the same thumb again takes it back. */
  vote(stage: FeedbackStage, vote: Vote): void {
    if (!this.handle) return;
    const next = this.votes[stage] === vote ? null : vote;
    this.votes = { ...this.votes, [stage]: next };
    this.deps.vote?.(this.handle.requestId, stage, next);
    this.render();
  }

  onEvent(event: ServerEvent, generation: number): void {
    if (generation !== this.generation || this.phase === 'cancelled') return;
    this.busyNotice = null;
    this.dispatch(event);
    switch (event.type) {
      case 'draft-delta':
        this.writer.pushDelta(event.delta);
        break;
      case 'draft':
        this.writer.writeDraft(event.draft);
        break;
      case 'fallback':
        // A draft that failed half-way (or was a refusal) does not stay in the field meanwhile.
        void this.writer.revertPartialDraft(this.original);
        break;
      case 'refined':
        void this.writer.writeRefined(event.refined).then((heldBack) => {
          // The user may have acted (Restore, Retry) while the write waited its turn.
          if (generation !== this.generation) return;
          if (heldBack !== null && heldBack !== 'gone') this.dispatch({ type: 'hold-back' });
          // The user changed the draft, so the refinement is offered instead of written.
          if (heldBack === 'edited') this.report('edited');
          this.render();
        });
        break;
      case 'end':
        // With no draft the request failed: the field goes back to what the user wrote.
        if (event.outcome === 'failed') void this.writer.revertPartialDraft(this.original);
        break;
    }
    // A streamed piece goes into the field first, the panel follows: drawing the panel measures
    // the page (its position), which held the first words back by a few milliseconds.
    if (event.type === 'draft-delta' || event.type === 'refined-delta') this.renderAfterWrites();
    else this.render();
  }

  private renderQueued = false;

  private renderAfterWrites(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    this.writer.after(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  cancel(): void {
    if (!this.running) return;
    this.handle?.cancel();
    this.dispatch({ type: 'cancel' });
    if (this.state.draft === null) void this.writer.revertPartialDraft(this.original);
    this.render();
  }

  async restore(original: string = this.original): Promise<void> {
    this.report('restored');
    this.handle?.cancel();
    this.generation += 1;
    this.dispatch({ type: 'restore' });
    await this.writer.putBack(
      original,
      'Original restored.',
      'The text Prompt Relay wrote is no longer in the field, so the original was not put back.',
    );
    this.writer.forgetOutput();
  }

  async apply(): Promise<void> {
    const refined = this.state.refined;
    if (refined === null) return;
    this.dispatch({ type: 'apply' });
    this.report('applied');
    this.writer.heldBack = null;
    await this.writer.putBack(
      refined,
      '',
      'The draft is no longer where it was in the field, so the refined version was not written.',
    );
  }

  /** The field still shows what this session wrote, untouched: a new trigger re-runs from the original. */
  holdsOwnOutput(): boolean {
    return !this.running && this.phase !== 'restored' && this.writer.holdsOwnOutput();
  }

  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
    this.report('dismissed');
    this.render();
  }

  retry(): void {
    this.rerun(this.request.mode);
  }

  /** Runs the original again in `mode`; the session's own mode already is, or is queued: nothing. */
  changeMode(mode: Mode): void {
    if (mode !== this.request.mode) this.rerun(mode);
  }

  /**
   * Optimizes the original again, after every write already queued. One run waits at most: a
   * second choice made meanwhile changes what it runs (two queued runs both started, and the
   * first streamed on unseen).
   */
  private rerun(mode: Mode): void {
    this.handle?.cancel();
    // A half-streamed draft goes before the new run starts from the original.
    if (this.state.draft === null) void this.writer.revertPartialDraft(this.original);
    this.request = { ...this.request, mode, prompt: this.original };
    if (this.rerunQueued) return;
    this.rerunQueued = true;
    this.writer.after(() => {
      this.rerunQueued = false;
      this.run();
    });
  }

  /** A trigger on a field whose request is still running changes nothing; the panel says so. */
  notifyBusy(): void {
    this.busyNotice = 'Already optimizing this field. Press Esc to cancel it first.';
    this.render();
  }

  close(): void {
    this.cancel();
    this.finalize();
  }

  private render(): void {
    this.deps.render(this.viewState());
  }

  viewState(): OverlayState {
    return fieldPanelView({
      state: this.state,
      kind: this.target?.kind ?? null,
      gone: this.target !== null && !this.writer.alive(),
      running: this.running,
      heldBack: this.writer.heldBack,
      streamedIntoField: this.writer.streamedIntoField,
      holdsOutput: this.writer.holdsOutput,
      original: this.original,
      earlierOriginal: this.earlierOriginal,
      mode: this.request.mode,
      fieldMessage: this.writer.message,
      busyNotice: this.busyNotice,
      votes: this.votes,
    });
  }
}
