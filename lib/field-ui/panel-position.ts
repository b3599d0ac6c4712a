interface Size {
  width: number;
  height: number;
}

interface AnchorRect {
  top: number;
  bottom: number;
  left: number;
}

const GAP = 6;
const MARGIN = 8;

/**
 * Where the panel goes: below its field, else above it, and always on screen — even when the
 * field is scrolled out of view or gone, since the panel holds the user's way back (Restore,
 * Copy) and must stay reachable. Pure, in viewport pixels.
 */
export function panelPosition(
  anchor: AnchorRect,
  panel: Size,
  viewport: Size,
): { top: number; left: number } {
  const below = anchor.bottom + GAP;
  const preferred =
    below + panel.height <= viewport.height ? below : anchor.top - panel.height - GAP;
  const top = Math.max(MARGIN, Math.min(preferred, viewport.height - panel.height - MARGIN));
  const left = Math.min(
    Math.max(MARGIN, anchor.left),
    Math.max(MARGIN, viewport.width - panel.width - MARGIN),
  );
  return { top: Math.round(top), left: Math.round(left) };
}
