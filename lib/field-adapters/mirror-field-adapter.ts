import type { FieldAdapter } from './field-adapter';
import { valueFieldAdapter } from './value-field-adapter';

/**
 * A hidden textarea of an editor without its own adapter (CodeMirror 5, unknown editors; see
 * mirror-textarea.ts): it holds only part of the document and the editor rewrites it after each
 * input. A streamed draft corrupted the document (measured in Ace), and a result written over
 * "the whole field" would replace only that part. So no stream, and results stay in the panel.
 * Ace and Monaco are recognised before this (field-kind.ts) and written by code-editor-adapter.ts.
 */
export function mirrorFieldAdapter(el: HTMLTextAreaElement): FieldAdapter {
  return { ...valueFieldAdapter(el), kind: 'mirror', holdsWholeText: false, stream: null };
}
