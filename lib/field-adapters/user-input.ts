/**
 * Whether the user changed a field's text themselves while we wrote into it. One capture listener
 * per document, installed on first use and kept for the page's life (nothing to stop or leak),
 * counts the user's input per element on the event's path: trusted events only, so never our own
 * synthetic keys, pastes or Ctrl+Z.
 */
const counts = new WeakMap<EventTarget, number>();
const listening = new WeakSet<Document>();

/** Keys that change no text: a held Alt+Shift of the shortcut, the caret keys, Esc, Tab. */
function changesText(event: KeyboardEvent): boolean {
  return event.key.length === 1 || ['Backspace', 'Delete', 'Enter'].includes(event.key);
}

/**
 * Input that arrives with no key of its own. Typing shows as keydown; other `beforeinput` types
 * are left out on purpose: Firefox fires a trusted one for our own execCommand (historyUndo
 * measured; insertText likely), which must not count as the user's.
 */
const KEYLESS_INPUT = new Set([
  'insertFromPaste',
  'insertFromPasteAsQuotation',
  'insertFromDrop',
  'insertFromYank',
  'insertReplacementText',
  'deleteByCut',
  'deleteByDrag',
]);

function isUserInput(event: Event): boolean {
  if (!event.isTrusted) return false;
  if (event.type === 'compositionstart') return true;
  if (event.type === 'keydown') return changesText(event as KeyboardEvent);
  return event.type === 'beforeinput' && KEYLESS_INPUT.has((event as InputEvent).inputType);
}

function note(event: Event): void {
  if (!isUserInput(event)) return;
  for (const target of event.composedPath()) counts.set(target, (counts.get(target) ?? 0) + 1);
}

/**
 * How many times the user has changed text in `field` (or inside it) since its document was
 * first watched. Compare two readings: a larger second one means the user typed in between.
 */
export function userInputCount(field: HTMLElement): number {
  const doc = field.ownerDocument;
  if (!listening.has(doc)) {
    listening.add(doc);
    for (const type of ['keydown', 'beforeinput', 'compositionstart']) {
      doc.addEventListener(type, note, true);
    }
  }
  return counts.get(field) ?? 0;
}
