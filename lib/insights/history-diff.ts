/**
 * Word-level changes between two of an entry's texts, for the History page's "Changes" view. A
 * time limit keeps a pathological pair (two long, unrelated texts) from freezing the page; then
 * the page says so and the side-by-side view remains.
 */
import { diffWords } from 'diff';
import type { DiffPart } from '../field-ui/word-diff';

export type { DiffPart };

export const DIFF_TIMEOUT_MS = 250;

/** The changes from `from` to `to`, or null when they took longer than `timeoutMs` to find. */
export function compareTexts(
  from: string,
  to: string,
  timeoutMs = DIFF_TIMEOUT_MS,
): DiffPart[] | null {
  const changes = diffWords(from, to, { timeout: timeoutMs });
  if (!changes) return null;
  return changes.map((change) => ({
    text: change.value,
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
  }));
}

export type Comparison = 'original-draft' | 'draft-refinement' | 'original-refinement';

export const COMPARISONS: { value: Comparison; label: string }[] = [
  { value: 'original-draft', label: 'Original → Draft' },
  { value: 'draft-refinement', label: 'Draft → Refinement' },
  { value: 'original-refinement', label: 'Original → Refinement' },
];

/** The two texts a comparison reads, or null when one of them is missing. */
export function comparedTexts(
  entry: { original: string; draft: string | null; refinement: string | null },
  comparison: Comparison,
): [string, string] | null {
  const [from, to] =
    comparison === 'original-draft'
      ? [entry.original, entry.draft]
      : comparison === 'draft-refinement'
        ? [entry.draft, entry.refinement]
        : [entry.original, entry.refinement];
  return from === null || to === null ? null : [from, to];
}

/** The comparison worth showing first: the whole way, original → the final text. */
export function defaultComparison(entry: {
  draft: string | null;
  refinement: string | null;
}): Comparison {
  return entry.refinement !== null ? 'original-refinement' : 'original-draft';
}
