import type { CostWords } from '../../lib/optimization/optimization-words';
import { openSettingsAt } from './open-settings';

/**
 * What the request cost, under its status: "≈ $0.0004", "Cached · $0", or "Cost —" with the
 * reason beside it. The sentence behind it (where the figure comes from, or how to get one) is
 * the tooltip and is read by screen readers.
 */
export function CostLine({ words }: { words: CostWords | null }) {
  if (!words) return null;
  return (
    <p className="cost-line" title={words.detail}>
      <span className="cost">{words.text}</span>
      {words.reason && <span className="cost-reason"> · {words.reason}</span>}
      <span className="sr-only"> {words.detail}</span>
      {words.needsPrice && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => openSettingsAt('prices')}>
            Add a price
          </button>
        </>
      )}
    </p>
  );
}
