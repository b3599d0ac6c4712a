/** What the user typed into a document while we wrote into one of its fields. */
export interface UserInputWatch {
  /** The user pressed a key, or input arrived from them, since the watch began. */
  seen(): boolean;
  stop(): void;
}

/**
 * Notes whether the user pressed a key or input arrived from them in `doc` until `stop()`.
 * Trusted events only: never our own synthetic keys, pastes or undo.
 */
export function watchUserInput(doc: Document): UserInputWatch {
  let seen = false;
  const note = (event: Event) => {
    // Firefox fires a trusted beforeinput for our own execCommand('undo') (historyUndo): only
    // the user's other input counts; their own Ctrl+Z shows as a trusted keydown.
    if (event instanceof InputEvent && event.inputType.startsWith('history')) return;
    if (event.isTrusted) seen = true;
  };
  const types = ['keydown', 'beforeinput', 'compositionstart'] as const;
  for (const type of types) doc.addEventListener(type, note, true);
  return {
    seen: () => seen,
    stop: () => {
      for (const type of types) doc.removeEventListener(type, note, true);
    },
  };
}
