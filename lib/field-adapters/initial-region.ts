import { codeInitialRegion } from './code-editor';
import type { FieldRegion, FieldTarget } from './field-adapter';
import { richInitialRegion } from './rich-region';
import { valueInitialRegion } from './value-region';

/**
 * The region a trigger optimizes, read at once by the always-on script (before the field UI with
 * the adapters has loaded): the selection inside the field when there is one, else all of it.
 * Null for a code editor with no selection and lines out of view: its text cannot be read whole.
 * The adapters' own `initialRegion` verbs are these same readers.
 */
export function initialRegion(target: FieldTarget): FieldRegion | null {
  switch (target.kind) {
    case 'rich':
      return richInitialRegion(target.element);
    case 'code':
      return codeInitialRegion(target.element);
    default:
      return valueInitialRegion(target.element);
  }
}
