import type { ReactNode } from 'react';
import { useState } from 'react';

interface Props {
  text: string;
  canCancel: boolean;
  canRestore: boolean;
  onCancel: () => void;
  onRestore: () => void;
  onCopied?: () => void;
  extra?: ReactNode;
}

export function ResultActions({
  text,
  canCancel,
  canRestore,
  onCancel,
  onRestore,
  onCopied,
  extra,
}: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    onCopied?.();
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="actions">
      <button type="button" onClick={() => void copy()} disabled={!text}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      {extra}
      <button type="button" onClick={onCancel} disabled={!canCancel} aria-keyshortcuts="Escape">
        Cancel <kbd>Esc</kbd>
      </button>
      <button type="button" onClick={onRestore} disabled={!canRestore}>
        Restore original
      </button>
    </div>
  );
}
