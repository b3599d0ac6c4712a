import type { ReactNode } from 'react';
import type { StatusWords } from '../../lib/optimization/optimization-words';
import { openSettings } from './open-settings';

interface Props {
  words: StatusWords;
  onApply: () => void;
  onDismiss: () => void;
}

function SettingsLink() {
  return (
    <button type="button" className="link" onClick={openSettings}>
      Open settings
    </button>
  );
}

function Message({ words }: { words: StatusWords }) {
  const { message, lead } = words;
  if (lead === null || !message.startsWith(lead)) return <>{message}</>;
  return (
    <>
      <strong>{lead}</strong>
      {message.slice(lead.length)}
    </>
  );
}

/**
 * One line that says where the request is, announced politely to screen readers; a failure is
 * announced at once instead.
 */
export function StatusBanner({ words, onApply, onDismiss }: Props) {
  const isError = words.tone === 'error';
  let body: ReactNode = null;
  if (!isError && words.message) {
    body = (
      <>
        {words.busy && <span className="spinner" aria-hidden="true" />} <Message words={words} />
        {words.settingsLink && (
          <>
            {' '}
            <SettingsLink />
          </>
        )}
        {words.canApply && (
          <>
            {' '}
            <button type="button" onClick={onApply}>
              Apply
            </button>{' '}
            <button type="button" onClick={onDismiss}>
              Dismiss
            </button>
          </>
        )}
      </>
    );
  }
  const tone = words.canApply ? 'offer' : words.tone;
  return (
    <div className="status-area">
      <div className={`banner banner-${tone}`} role="status" aria-live="polite">
        {body}
      </div>
      {isError && (
        <div className="banner banner-error" role="alert">
          {words.message} {words.settingsLink && <SettingsLink />}
        </div>
      )}
    </div>
  );
}
