import type { ReactNode } from 'react';
import { needsSettings } from '../../lib/errors/error-words';
import type { OptimizerState } from './optimizer-store';
import { openSettings } from './open-settings';

type Props = Pick<
  OptimizerState,
  | 'isProcessing'
  | 'isDraftReady'
  | 'isRefining'
  | 'error'
  | 'notice'
  | 'usedFallback'
  | 'refinementOff'
  | 'isComplete'
  | 'metadata'
>;

function SettingsLink() {
  return (
    <button type="button" className="link" onClick={openSettings}>
      Open settings
    </button>
  );
}

/** One line that says where the request is, announced politely to screen readers. */
export function StatusBanner(props: Props) {
  const {
    isProcessing,
    isDraftReady,
    isRefining,
    error,
    notice,
    refinementOff,
    isComplete,
    metadata,
  } = props;
  let body: ReactNode = null;
  let tone = 'info';
  if (isProcessing && !isDraftReady && !notice) {
    body = (
      <>
        <span className="spinner" aria-hidden="true" /> Drafting…
      </>
    );
  } else if (isRefining && isDraftReady) {
    body = (
      <>
        <span className="spinner" aria-hidden="true" /> <strong>Draft ready</strong>! Refining in
        background…
      </>
    );
  } else if (isRefining && notice) {
    body = (
      <>
        <span className="spinner" aria-hidden="true" /> {notice.message} Optimizing in one stage…
      </>
    );
  } else if (isComplete && refinementOff && !error) {
    body = (
      <>
        <strong>Draft ready</strong>! Refinement is off: add a Refinement API key to refine.{' '}
        <SettingsLink />
      </>
    );
  } else if (isComplete && metadata?.quality.refined && !error) {
    tone = 'success';
    body = (
      <>
        <strong>Refined</strong>! Quality score: {metadata.quality.refined.score}%
        {metadata.fromCache ? ' (from cache)' : ''}
      </>
    );
  }

  return (
    <div className="status-area">
      <div className={`banner banner-${tone}`} role="status" aria-live="polite">
        {body}
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          {error.message} {needsSettings(error.code) && <SettingsLink />}
        </div>
      )}
    </div>
  );
}
