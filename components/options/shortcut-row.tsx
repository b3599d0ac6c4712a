import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserFamily, browserWords } from '../../lib/platform/browser-words';
import {
  currentShortcut,
  openShortcutSettings,
  type ShortcutApi,
} from '../../lib/platform/shortcut-settings';
import { OPTIMIZE_SHORTCUT } from '../../lib/manifest-constants';
import { StatusLine } from '../ui/status-line';

const api = browser as unknown as ShortcutApi;

/** The optimize shortcut as bound now, with the way to change it in this browser. */
export function ShortcutRow() {
  // undefined: not read yet; null: no shortcut is bound.
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  const [failure, setFailure] = useState('');
  const words = browserWords();

  useEffect(() => {
    currentShortcut(api).then(setShortcut, () => setShortcut(null));
  }, []);

  async function open() {
    setFailure('');
    try {
      await openShortcutSettings(api, browserFamily());
    } catch {
      setFailure(`Could not open it. Go to ${words.shortcutSettings}.`);
    }
  }

  return (
    <div className="shortcut-row">
      <p className="field-label">Keyboard shortcut</p>
      <p className="field-hint" id="shortcut-hint">
        {shortcut === undefined
          ? 'Reading…'
          : shortcut
            ? `Press ${shortcut} in any text field to optimize what you typed.`
            : `No shortcut is set: another extension may use ${OPTIMIZE_SHORTCUT}. Choose one in ${words.shortcutSettings}.`}
      </p>
      <button
        type="button"
        className="button button-secondary"
        aria-describedby="shortcut-hint"
        onClick={() => void open()}
      >
        Change shortcut
      </button>
      <StatusLine text={failure} tone="error" id="shortcut-status" />
    </div>
  );
}
