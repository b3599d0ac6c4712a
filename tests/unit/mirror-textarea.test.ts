import { describe, expect, it } from 'vitest';
import {
  clippedAway,
  isMirrorLook,
  type TextareaLook,
} from '../../lib/field-adapters/mirror-textarea';

/** A plain, visible 400×120 textarea in a page's layout. */
const look = (more: Partial<TextareaLook> = {}): TextareaLook => ({
  classes: [],
  ancestorClasses: [['field'], ['form'], []],
  box: { width: 400, height: 120 },
  opacity: 1,
  clip: 'auto',
  clipPath: 'none',
  offscreen: false,
  surrounding: { width: 600, height: 200 },
  ...more,
});

/** Hidden the way editors hide their input textarea, inside a 600×300 editor. */
const hidden = (more: Partial<TextareaLook> = {}): TextareaLook =>
  look({
    box: { width: 1, height: 1 },
    opacity: 0,
    surrounding: { width: 600, height: 300 },
    ...more,
  });

const rows: [title: string, look: TextareaLook, mirror: boolean][] = [
  // Known editors, recognized by their classes whatever the geometry.
  [
    'Ace: .ace_text-input inside .ace_editor',
    look({ classes: ['ace_text-input'], ancestorClasses: [['ace_editor', 'ace-tm'], ['app']] }),
    true,
  ],
  [
    "Monaco's fallback: .inputarea inside .monaco-editor",
    look({
      classes: ['inputarea', 'monaco-mouse-cursor-text'],
      ancestorClasses: [['overflow-guard'], ['monaco-editor', 'vs'], []],
    }),
    true,
  ],
  [
    'CodeMirror 5: a textarea in a wrapper inside .CodeMirror',
    look({ ancestorClasses: [[], ['CodeMirror', 'cm-s-default'], []] }),
    true,
  ],
  [
    'an .ace_text-input outside any .ace_editor is just a class name',
    look({ classes: ['ace_text-input'] }),
    false,
  ],
  ['an .inputarea outside Monaco is just a class name', look({ classes: ['inputarea'] }), false],
  // Unknown editors: hidden, with a larger editor around.
  ['opacity 0 inside an editor', hidden({ box: { width: 400, height: 20 } }), true],
  ['1×1 px, visible', hidden({ opacity: 1 }), true],
  ['0 px high', hidden({ opacity: 1, box: { width: 300, height: 0 } }), true],
  [
    'clipped to nothing with clip: rect(0 0 0 0)',
    hidden({ opacity: 1, box: { width: 300, height: 20 }, clip: 'rect(0px, 0px, 0px, 0px)' }),
    true,
  ],
  [
    'clipped to nothing with clip-path: inset(50%)',
    hidden({ opacity: 1, box: { width: 300, height: 20 }, clipPath: 'inset(50%)' }),
    true,
  ],
  [
    'off-screen at left: -9999px',
    hidden({ opacity: 1, box: { width: 300, height: 20 }, offscreen: true }),
    true,
  ],
  // Ordinary textareas.
  ['a plain visible textarea', look(), false],
  [
    'transparent text over a highlighted copy (full size, opacity 1): holds the whole document',
    look({ classes: ['npm__react-simple-code-editor__textarea'] }),
    false,
  ],
  [
    'rounded corners with clip-path: inset(0 round 8px)',
    look({ clipPath: 'inset(0px round 8px)' }),
    false,
  ],
  ['hidden but nothing larger around it', hidden({ surrounding: null }), false],
  [
    'hidden, and what surrounds it is too small to show text',
    hidden({ surrounding: { width: 30, height: 8 } }),
    false,
  ],
];

describe('mirror textareas', () => {
  it.each(rows)('%s', (_title, textarea, mirror) => {
    expect(isMirrorLook(textarea)).toBe(mirror);
  });
});

describe('clipped away', () => {
  it.each([
    ['auto', 'none', false],
    ['rect(0px, 0px, 0px, 0px)', 'none', true],
    ['rect(1px, 1px, 1px, 1px)', 'none', true],
    ['rect(0px 200px 40px 0px)', 'none', false],
    ['rect(auto, auto, auto, auto)', 'none', false],
    ['auto', 'inset(50%)', true],
    ['auto', 'circle(0px at 50% 50%)', true],
    ['auto', 'inset(0px round 8px)', false],
    ['auto', 'circle(50% at 50% 50%)', false],
  ])('clip %s, clip-path %s -> %s', (clip, clipPath, expected) => {
    expect(clippedAway(clip, clipPath)).toBe(expected);
  });
});
