export type StatusTone = 'neutral' | 'busy' | 'ok' | 'warn' | 'error';

interface StatusLineProps {
  text: string;
  tone?: StatusTone;
  id?: string;
  className?: string;
}

/**
 * A polite live region. It is rendered even when empty: screen readers only announce changes to
 * a live region that already existed.
 */
export function StatusLine({ text, tone = 'neutral', id, className }: StatusLineProps) {
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={['status-line', `status-${tone}`, className ?? ''].join(' ').trim()}
      data-empty={text === '' ? '' : undefined}
    >
      {text !== '' && <span aria-hidden="true" className="status-dot" />}
      {text}
    </p>
  );
}
