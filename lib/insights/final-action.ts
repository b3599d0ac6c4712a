/**
 * What the user did with a result, decided when it can no longer change, from what was reported
 * (Apply, Dismiss, Restore, an edit that turned the refinement into an offer) and what the field
 * holds at that moment. Only what can be seen: with no field to look at, nothing is inferred.
 */
import type { UserAction } from './history-entry';

/**
 * The field, compared with the session's own writes:
 * `ours`: it still holds exactly what Prompt Relay wrote last;
 * `original`: it holds exactly what it held before the trigger (the writes were undone);
 * `changed`: anything else (the user edited it);
 * `none`: there is no field (a selection on the page), it is gone, or nothing was written.
 */
export type FieldHolds = 'ours' | 'original' | 'changed' | 'none';

export function finalAction(reported: UserAction, field: FieldHolds): UserAction {
  switch (reported) {
    case 'restored':
    case 'dismissed':
      return reported;
    case 'applied':
      // Ctrl+Z after Apply took the field back past the draft, to the user's text.
      return field === 'original' ? 'undid' : 'applied';
    case 'pending':
    case 'edited':
    case 'kept':
      if (field === 'original') return 'undid';
      if (field === 'changed') return 'edited';
      if (field === 'ours') return reported === 'pending' ? 'kept' : reported;
      return reported;
    case 'undid':
    case 'copied':
    case 'inserted':
      return reported;
  }
}
