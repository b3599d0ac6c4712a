// Selecting text as a user does (keyboard from the driver: trusted input in the content process),
// and finding where on screen the selection is, so a right-click can land on it.
import type { Page } from 'puppeteer-core';

/** Caret to the field's start, then Shift+ArrowRight over `length` characters from `start`. */
export async function selectWithKeyboard(page: Page, start: number, length: number): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('Home');
  await page.keyboard.up('Control');
  for (let i = 0; i < start; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.down('Shift');
  for (let i = 0; i < length; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');
}

/**
 * The middle of the selected text, in viewport CSS pixels, for the focused element: a textarea or
 * input (measured on a hidden copy laid out with the field's own text styles, the way caret
 * position libraries do it), or a contenteditable (the selection range's own box).
 */
export function selectionMidpoint(page: Page): Promise<{ x: number; y: number; text: string }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) {
      const start = active.selectionStart ?? 0;
      const end = active.selectionEnd ?? start;
      const middle = Math.floor((start + end) / 2);
      const style = getComputedStyle(active);
      const copy = document.createElement('div');
      for (const property of [
        'boxSizing',
        'width',
        'fontFamily',
        'fontSize',
        'fontWeight',
        'fontStyle',
        'letterSpacing',
        'lineHeight',
        'paddingTop',
        'paddingRight',
        'paddingBottom',
        'paddingLeft',
        'borderTopWidth',
        'borderRightWidth',
        'borderBottomWidth',
        'borderLeftWidth',
        'borderStyle',
        'textIndent',
        'tabSize',
      ] as const) {
        copy.style[property] = style[property];
      }
      copy.style.position = 'absolute';
      copy.style.visibility = 'hidden';
      copy.style.whiteSpace = active instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
      copy.style.overflowWrap = 'break-word';
      const box = active.getBoundingClientRect();
      copy.style.top = `${box.top + scrollY}px`;
      copy.style.left = `${box.left + scrollX}px`;
      copy.textContent = active.value.slice(0, middle);
      const marker = document.createElement('span');
      marker.textContent = active.value.slice(middle, middle + 1) || '.';
      copy.append(marker);
      document.body.append(copy);
      const at = marker.getBoundingClientRect();
      copy.remove();
      return {
        x: at.left + at.width / 2 - active.scrollLeft,
        y: at.top + at.height / 2 - active.scrollTop,
        text: active.value.slice(start, end),
      };
    }
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0) throw new Error('nothing is selected');
    const range = selection.getRangeAt(0);
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return {
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
      text: String(selection),
    };
  });
}
