import type { FieldAdapter, FieldRegion, WriteResult } from '../field-adapters/field-adapter';

/**
 * The part of the field one request owns, and the field's whole text right after its last write:
 * "untouched since" means the field still holds exactly that.
 */
export class WrittenRegion {
  region: FieldRegion;
  private expectedWhole: string;
  /** Something of ours is in the field (a draft, a refinement, or part of a streamed draft). */
  wroteOutput = false;
  /** Something of ours was written at some point (even if undone or restored since). */
  everWrote = false;
  /** The field's whole text before the first write: the user's own. */
  readonly startWhole: string;
  /** When the last write ended (Date.now()), for editors that group close edits into one step. */
  lastWriteAt = 0;

  constructor(
    readonly adapter: FieldAdapter,
    region: FieldRegion,
    /** The field's text when the region was read; now, when not given. */
    fieldText: string | null = null,
  ) {
    this.region = region;
    this.expectedWhole = fieldText ?? adapter.read();
    this.startWhole = this.expectedWhole;
  }

  alive(): boolean {
    return this.adapter.element.isConnected;
  }

  intact(): boolean {
    return this.adapter.intact(this.expectedWhole);
  }

  /** One write (run inside a queued job); the region and expected text follow what landed. */
  async write(run: () => Promise<WriteResult | null> | WriteResult | null): Promise<boolean> {
    if (!this.alive()) return false;
    const result = await run();
    if (!result) return false;
    this.lastWriteAt = Date.now();
    this.region = result.region;
    this.expectedWhole = result.wholeText;
    this.wroteOutput = true;
    this.everWrote = true;
    return result.ok;
  }

  replace(text: string, region: FieldRegion = this.region): Promise<boolean> {
    return this.write(() => this.adapter.replace(region, text));
  }

  /** What the field held before a series of writes, to return to once they are undone. */
  mark(): { region: FieldRegion; wroteOutput: boolean } {
    return { region: this.region, wroteOutput: this.wroteOutput };
  }

  /** The writes since `mark` were undone (the field's own undo): the field holds that text again. */
  backTo(mark: { region: FieldRegion; wroteOutput: boolean }): void {
    this.region = mark.region;
    this.expectedWhole = this.adapter.read();
    this.wroteOutput = mark.wroteOutput;
  }
}
