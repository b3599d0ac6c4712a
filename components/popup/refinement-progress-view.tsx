import { useEffect, useLayoutEffect, useRef } from 'react';
import type { OptimizationState } from '../../lib/optimization/optimization-state';
import {
  REFINEMENT_PREVIEW_LABEL,
  refinementProgressWords,
} from '../../lib/optimization/optimization-words';
import {
  refinementProgress,
  shouldAnnounce,
  type Announcement,
} from '../../lib/optimization/refinement-progress';

/**
 * The refinement on its way, beneath the draft: a count that grows with every token and a
 * fixed-height box with the text so far (the result box keeps the draft until the refinement is
 * complete). The count is announced politely, at most every few seconds, never per token.
 */
export function RefinementProgressView({ run }: { run: OptimizationState }) {
  const progress = refinementProgress(run);
  const message = progress ? refinementProgressWords(progress) : '';
  const stage = progress?.stage ?? null;
  const announcer = useRef<HTMLDivElement>(null);
  const last = useRef<Announcement | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // The live region is written directly: what it says depends on when it last spoke, not only on
  // the state, and a re-render must not make it speak again.
  useEffect(() => {
    const region = announcer.current;
    if (!region) return;
    if (stage === null) {
      last.current = null;
      region.textContent = '';
      return;
    }
    const next = { text: message, stage };
    const now = Date.now();
    if (shouldAnnounce(last.current, next, now)) {
      last.current = { ...next, at: now };
      region.textContent = message;
    }
  }, [message, stage]);

  const text = progress?.text ?? '';
  // Follow the newest words, unless the user scrolled back to read earlier ones.
  useLayoutEffect(() => {
    if (box.current && following.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);

  return (
    <>
      {/* Always rendered: a live region added together with its words is often not heard. */}
      <div ref={announcer} className="sr-only" aria-live="polite" aria-atomic="true" />
      {progress && (
        <div className="refinement-progress">
          <p className="progress-line">{message}</p>
          <div
            ref={box}
            className="progress-text"
            role="region"
            aria-label={REFINEMENT_PREVIEW_LABEL}
            onScroll={(event) => {
              const el = event.currentTarget;
              following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
            }}
          >
            {progress.text}
          </div>
        </div>
      )}
    </>
  );
}
