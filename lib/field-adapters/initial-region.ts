import type { FieldRegion, FieldTarget } from './field-adapter';
import { richInitialRegion } from './rich-region';
import { valueInitialRegion } from './value-region';

/**
 * The region a trigger optimizes, read at once by the always-on script (before the field UI with
 * the adapters has loaded): the selection inside the field when there is one, else all of it.
 * The adapters' own `initialRegion` verbs are these same readers.
 */
export function initialRegion(target: FieldTarget): FieldRegion {
  return target.kind === 'rich'
    ? richInitialRegion(target.element)
    : valueInitialRegion(target.element);
}
