import type { FieldAdapter } from './field-adapter';
import { valueFieldAdapter } from './value-field-adapter';

/**
 * A code editor's hidden textarea (Ace, Monaco's fallback, CodeMirror 5; see mirror-textarea.ts):
 * it holds only part of the document and the editor rewrites it after each input. One write at
 * the user's request goes through it like typing (measured in Ace); a streamed draft corrupted
 * the document, and a result written over "the whole field" would replace only that part. So no
 * stream, and results stay in the panel.
 */
export function mirrorFieldAdapter(el: HTMLTextAreaElement): FieldAdapter {
  return { ...valueFieldAdapter(el), kind: 'mirror', holdsWholeText: false, stream: null };
}
