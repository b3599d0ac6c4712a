import { codeEditorAdapter } from './code-editor-adapter';
import type { FieldAdapter, FieldTarget } from './field-adapter';
import { mirrorFieldAdapter } from './mirror-field-adapter';
import { richEditorAdapter } from './rich-editor-adapter';
import { valueFieldAdapter } from './value-field-adapter';

/** A found field with the adapter for its kind, chosen here once for the field's lifetime. */
export type AdaptedTarget = FieldTarget & { adapter: FieldAdapter };

export function adapterFor(target: FieldTarget): FieldAdapter {
  switch (target.kind) {
    case 'value':
      return valueFieldAdapter(target.element);
    case 'mirror':
      return mirrorFieldAdapter(target.element);
    case 'rich':
      return richEditorAdapter(target.element);
    case 'code':
      return codeEditorAdapter(target.element);
  }
}

export function adapt(target: FieldTarget): AdaptedTarget {
  return { ...target, adapter: adapterFor(target) };
}
