import { describe, expect, it } from 'vitest';
import { panelPosition } from '../../lib/field-ui/panel-position';

const VIEWPORT = { width: 1280, height: 720 };
const PANEL = { width: 360, height: 140 };

describe('panelPosition', () => {
  it.each([
    [
      'below a field with room under it',
      { top: 100, bottom: 140, left: 50 },
      { top: 146, left: 50 },
    ],
    ['above a field near the bottom', { top: 600, bottom: 650, left: 50 }, { top: 454, left: 50 }],
    // The field scrolled below the fold: the panel stays on screen, with Restore and Copy.
    [
      'on screen when the field is below the fold',
      { top: 760, bottom: 800, left: 50 },
      { top: 572, left: 50 },
    ],
    [
      'on screen when the field is above the top',
      { top: -300, bottom: -260, left: 50 },
      { top: 8, left: 50 },
    ],
    ['inside the right edge', { top: 100, bottom: 140, left: 1200 }, { top: 146, left: 912 }],
    ['inside the left edge', { top: 100, bottom: 140, left: -40 }, { top: 146, left: 8 }],
  ])('%s', (_name, anchor, expected) => {
    expect(panelPosition(anchor, PANEL, VIEWPORT)).toEqual(expected);
  });
});
