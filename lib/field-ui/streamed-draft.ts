import type { StreamVerbs } from '../field-adapters/field-adapter';
import { userInputCount } from '../field-adapters/user-input';
import type { WriteQueue } from './write-queue';
import type { WrittenRegion } from './written-region';

/** Later deltas wait this long to be written together: fewer insertions, fewer undo steps to fold. */
export const BATCH_MS = 16;

/**
 * A draft written into the field as it streams, so the first words show at the first token: the
 * first delta replaces the region, later ones are appended at the caret, batched per frame. When
 * the draft is complete the streamed steps are taken back with the field's own undo ("folded"),
 * so the whole draft can go in as one undo step from the user's text.
 */
export class StreamedDraft {
  /** Part of the draft is in the field. */
  started = false;
  /** The first delta could not be written: the draft then goes in whole, never from mid-way. */
  private declined = false;
  private steps = 0;
  private originalWhole = '';
  /**
   * The region and state before the stream: the user's selection on a first run, the previous
   * result on a re-run. Folding returns there, never to a region the field no longer holds.
   */
  private before: ReturnType<WrittenRegion['mark']> | null = null;
  private pending = '';
  /**
   * A chunk did not land as written (the caret moved, or the editor changed it) and the field
   * holds part of the draft: the complete draft must be written whole.
   */
  broken = false;
  /**
   * The user's input count in the field when the stream began: a chunk that did not land as
   * written after they typed is their doing, and the field is theirs from there (never folded or
   * written over).
   */
  private inputMark = 0;
  private yielded = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly field: WrittenRegion,
    private readonly stream: StreamVerbs,
    private readonly queue: WriteQueue,
    /** The session's policy: may the field be written now? */
    private readonly mayWrite: () => boolean,
    private readonly inputCount: (field: HTMLElement) => number = userInputCount,
  ) {}

  push(delta: string): void {
    if (this.started) {
      this.pending += delta;
      this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
      return;
    }
    if (this.declined) return;
    if (!this.mayWrite()) {
      this.declined = true;
      return;
    }
    this.started = true;
    this.steps = 0;
    this.inputMark = this.inputCount(this.field.adapter.element);
    this.originalWhole = this.field.adapter.read();
    this.before = this.field.mark();
    this.step(() => this.field.adapter.replace(this.field.region, delta));
  }

  /** Queues what is batched now, so the writes that follow land after it. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const delta = this.pending;
    this.pending = '';
    if (!delta) return;
    this.step(() => (this.mayWrite() ? this.stream.append(this.field.region, delta) : null));
  }

  private step(run: Parameters<WrittenRegion['write']>[0]): void {
    void this.queue.run(
      () =>
        this.field.write(async () => {
          if (this.broken || this.yielded) return null;
          const result = await run();
          if (!result) return null;
          this.steps += 1;
          if (result.ok) return result;
          // The user typed as this chunk went in (measured in Slate under load: 'mine' typed at
          // the end as a chunk landed). Taken as ours, their text would be folded away and the
          // whole draft written over it; kept out of what we wrote, the field reads as edited.
          if (this.inputCount(this.field.adapter.element) !== this.inputMark) {
            this.yielded = true;
            return null;
          }
          // The field did not take a chunk as written: nothing more streams into it. When it
          // holds none of the draft (an editor that takes no DOM input), the draft is then written
          // whole, as in any field that does not stream; otherwise the stream is folded away.
          if (this.field.adapter.intact(this.originalWhole)) {
            this.started = false;
            this.declined = true;
            this.steps = 0;
            return null;
          }
          this.broken = true;
          return result;
        }),
      false,
    );
  }

  /**
   * Takes the streamed insertions back (inside a queued job), so the user's undo history holds one
   * step from the original to the complete draft instead of one per chunk. Only while the field is
   * focused and untouched. True when the field holds the user's text again.
   */
  async fold(): Promise<boolean> {
    if (!this.started) return false;
    this.started = false;
    // The field's history already holds the run as one step, as it does typing.
    if (this.stream.groupsUndo) return false;
    const isBack = () => this.field.adapter.intact(this.originalWhole);
    if (!this.field.intact() || !(await this.stream.undo(this.steps, isBack))) return false;
    this.steps = 0;
    if (!isBack() || !this.before) return false;
    this.field.backTo(this.before);
    return true;
  }

  /**
   * A half-streamed draft is never left behind (inside a queued job): folded away, or else, while
   * the field still holds what we wrote, replaced by the user's text. False when nothing streamed.
   */
  async revert(original: string): Promise<boolean> {
    if (!this.started) return false;
    if (!(await this.fold()) && this.field.intact()) {
      await this.field.replace(original);
      this.field.wroteOutput = false;
    }
    return true;
  }

  /** A new run of the request: nothing streamed yet, and nothing of the last run still waiting. */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = '';
    this.started = false;
    this.declined = false;
    this.broken = false;
    this.yielded = false;
  }
}
