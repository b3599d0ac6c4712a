import { useEffect } from 'react';
import { StatusLine } from '../ui/status-line';
import { useFormDirty, useOptionsStore } from './options-store';

const SAVED_VISIBLE_MS = 3000;

export function SaveBar() {
  const saving = useOptionsStore((state) => state.saving);
  const notice = useOptionsStore((state) => state.notice);
  const clearNotice = useOptionsStore((state) => state.clearNotice);
  const notes = useOptionsStore((state) => state.saveNotes);
  const dirty = useFormDirty();

  useEffect(() => {
    if (notice?.kind !== 'saved') return;
    const timer = setTimeout(() => clearNotice(notice.id), SAVED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [notice, clearNotice]);

  // Leaving with unsaved edits asks first; browsers show their own wording.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <div className="save-bar">
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <StatusLine
        text={notice?.text ?? ''}
        tone={notice?.kind === 'saved' ? 'ok' : 'error'}
        className="save-notice"
      />
      {dirty && !saving && !notice && (
        <span className="unsaved-hint">
          <span aria-hidden="true" className="unsaved-dot" />
          Unsaved changes
        </span>
      )}
      {notes.length > 0 && (
        <ul className="save-notes" role="status">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
