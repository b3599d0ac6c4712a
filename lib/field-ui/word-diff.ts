import { diffWords } from 'diff';

export interface DiffPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** Word-level changes from the draft to the refinement, for the "offered, not forced" view. */
export function wordDiff(from: string, to: string): DiffPart[] {
  return diffWords(from, to).map((change) => ({
    text: change.value,
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
  }));
}
