import type { FieldRefusal } from './find-field';

/** Why a trigger was refused; the words are in the lazily loaded field UI, not the always-on script. */
export type RefusalReason = FieldRefusal | 'empty' | 'too-long' | 'code-in-part';

export const REFUSAL_WORDS: Record<RefusalReason, string> = {
  password: 'Prompt Relay never reads password fields.',
  payment: 'Prompt Relay never reads payment card fields.',
  'one-time-code': 'Prompt Relay never reads one-time code fields.',
  'read-only':
    'This field is read-only, so there is nothing to optimize in place. Select its text and use the right-click menu to get a copy.',
  'not-editable': 'Click into a text field (or select text) first, then press the shortcut again.',
  empty: 'There is no text to optimize. Type a prompt first.',
  'too-long':
    'This prompt is longer than Prompt Relay optimizes (20,000 characters). Select a part of it first.',
  'code-in-part':
    'This code editor shows only part of its text, so Prompt Relay cannot read all of it. Select the part to optimize, then press the shortcut again.',
};
