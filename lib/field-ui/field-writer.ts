import type { AdaptedTarget } from '../field-adapters/adapter-for-kind';
import type { FieldRegion } from '../field-adapters/field-adapter';
import { HELD_BACK_WORDS } from './field-panel-view';
import { StreamedDraft } from './streamed-draft';
import { writeBlocker, type HeldBack } from './write-policy';
import { WriteQueue } from './write-queue';
import { WrittenRegion } from './written-region';
import type { FieldHolds } from '../insights/final-action';

export interface FieldWriterDeps {
  copy(text: string): Promise<boolean>;
  /** Called after a queued write changed what the panel should say. */
  changed(): void;
  /** The panel that belongs to this session: focus there still counts as being in the field. */
  isOwnPanel(element: Element): boolean;
}

/**
 * Everything one session writes into its field, in the order events arrived: the streamed draft,
 * the whole draft, the refinement, a put-back the user asked for. It writes only while the field
 * holds what was written last and the user is in it (write-policy.ts); otherwise it says why
 * (`heldBack`) and the session offers instead. Null field: a page selection, nothing to write.
 */
export class FieldWriter {
  private readonly field: WrittenRegion | null;
  private readonly writes = new WriteQueue();
  /** Null where the field's kind takes a draft only whole. */
  private readonly draftStream: StreamedDraft | null;
  heldBack: HeldBack | null = null;
  /** Words about this field (a clipboard fallback, a put-back); '' when there are none. */
  message = '';

  constructor(
    target: AdaptedTarget | null,
    start: { region: FieldRegion; fieldText: string | null } | null,
    private readonly deps: FieldWriterDeps,
  ) {
    this.field =
      target && start ? new WrittenRegion(target.adapter, start.region, start.fieldText) : null;
    const stream = target?.adapter.stream;
    this.draftStream =
      this.field && stream
        ? new StreamedDraft(this.field, stream, this.writes, () => this.blocker() === null)
        : null;
  }

  alive(): boolean {
    return this.field?.alive() ?? false;
  }

  /** Part of the draft went into the field as it streamed. */
  get streamedIntoField(): boolean {
    return this.draftStream?.started ?? false;
  }

  /** The field holds text of ours (from this run or an earlier one) that Restore can undo. */
  get holdsOutput(): boolean {
    return this.field?.wroteOutput ?? false;
  }

  private blocker(): HeldBack | null {
    return writeBlocker(this.field, this.deps.isOwnPanel);
  }

  reset(): void {
    this.draftStream?.reset();
    this.message = '';
    this.heldBack = null;
  }

  /** Runs `job` after every write queued so far (a re-run must not race a write). */
  after(job: () => void): void {
    void this.writes.run(() => Promise.resolve(job()), undefined);
  }

  /**
   * The draft streams into the field where its adapter offers a stream (value fields, and rich
   * editors that keep their model and undo right: editor-profiles.ts), so the first words show at
   * the first token; other fields get it whole.
   */
  pushDelta(delta: string): void {
    this.draftStream?.push(delta);
  }

  writeDraft(draft: string): void {
    const field = this.field;
    if (!field) return;
    // Queued now, not after an await: a refinement that arrives at once (a cached result) must
    // be written after the draft, never under it.
    this.draftStream?.flush();
    void this.writes.run(async () => {
      const broken = this.draftStream?.broken ?? false;
      const folded = (await this.draftStream?.fold()) ?? false;
      if (!field.adapter.holdsWholeText) {
        this.heldBack = null;
      } else if ((this.heldBack = this.blocker()) === null) {
        if (folded || broken || field.region.text !== draft) {
          const written = await field.replace(draft);
          // An editor that takes no DOM input (a canvas editor): the draft is on the clipboard.
          if (!written) await this.fallBackToClipboard(draft);
        }
      }
      this.deps.changed();
    }, undefined);
  }

  /** Resolves with why it was not written (then it is offered), or null. */
  writeRefined(refined: string): Promise<HeldBack | null> {
    const field = this.field;
    if (!field) return Promise.resolve(null);
    return this.writes.run(async () => {
      if (!field.adapter.holdsWholeText) return null;
      // Written sooner, the refinement would join the draft's undo step in editors that group
      // edits (Quill: 1 s), and one Ctrl+Z would skip the draft. Refinements take seconds; only
      // a cached one waits here.
      const groupWait = field.lastWriteAt + field.adapter.undoGroupMs - Date.now();
      if (groupWait > 0) await new Promise((resolve) => setTimeout(resolve, groupWait));
      this.heldBack = this.blocker();
      if (this.heldBack === null) {
        const ok = await field.replace(refined);
        if (!ok) await this.fallBackToClipboard(refined);
      }
      return this.heldBack;
    }, null);
  }

  /** A half-streamed draft is never left behind: the field goes back to what the user wrote. */
  revertPartialDraft(original: string): Promise<void> {
    const stream = this.draftStream;
    if (!stream) return Promise.resolve();
    stream.flush();
    return this.writes.run(async () => {
      if (await stream.revert(original)) this.deps.changed();
    }, undefined);
  }

  /** Puts `text` back (the original) or in (an offered result), at the user's request. */
  putBack(text: string, done: string, notFound: string): Promise<void> {
    this.draftStream?.flush();
    return this.writes.run(async () => {
      const field = this.field;
      // A code editor's hidden textarea is never written, not even at the user's request.
      if (field && !field.adapter.holdsWholeText) {
        await this.copyInstead(text, 'Prompt Relay does not write into this code editor.');
        return this.deps.changed();
      }
      // The user asked for it, so the field may take focus; it must still be where it was.
      const region = field?.alive() ? field.adapter.locate(field.region) : null;
      const ok = region ? await field!.replace(text, region) : false;
      if (ok) this.message = done;
      else if (!this.alive()) await this.copyInstead(text, HELD_BACK_WORDS.gone);
      else if (!region) await this.copyInstead(text, notFound);
      else await this.fallBackToClipboard(text);
      this.deps.changed();
    }, undefined);
  }

  /** After Restore original: the field holds the user's text again, not ours. */
  forgetOutput(): void {
    if (this.field) this.field.wroteOutput = false;
  }

  /** What the field holds now, against what was written and what was there before. */
  fieldHolds(): FieldHolds {
    const field = this.field;
    if (!field?.everWrote || !field.alive()) return 'none';
    if (field.wroteOutput && field.intact()) return 'ours';
    return field.adapter.read() === field.startWhole ? 'original' : 'changed';
  }

  /** The field still shows what this session wrote, untouched. */
  holdsOwnOutput(): boolean {
    return this.field?.wroteOutput === true && this.field.intact();
  }

  private async fallBackToClipboard(text: string): Promise<void> {
    const copied = await this.deps.copy(text);
    this.message = copied
      ? 'This editor did not accept the text, so it is on your clipboard: paste it with Ctrl+V.'
      : 'This editor did not accept the text. Use Copy below.';
  }

  private async copyInstead(text: string, why: string): Promise<void> {
    const copied = await this.deps.copy(text);
    this.message = copied ? `${why} It is on your clipboard: paste it with Ctrl+V.` : why;
  }
}
