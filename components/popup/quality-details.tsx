import type { QualityReport, QualityScore } from '../../lib/quality/quality-score';

function Row({ name, score }: { name: string; score: QualityScore | null }) {
  if (!score) return null;
  return (
    <li>
      <span className="quality-name">
        {name}: {score.score}%
      </span>
      <ul className="checklist">
        {score.checklist.map((item) => (
          <li key={item.id} className={item.covered ? 'covered' : 'missing'}>
            <span aria-hidden="true">{item.covered ? '✓' : '○'}</span> {item.label}
            <span className="sr-only">{item.covered ? ' covered' : ' missing'}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The checklist behind the score, on demand: which essentials each version covers. */
export function QualityDetails({ quality }: { quality: QualityReport }) {
  return (
    <details className="quality">
      <summary>How the score is made</summary>
      <p className="hint">
        The share of this mode&apos;s essentials the prompt mentions. Length and formatting earn
        nothing.
      </p>
      <ul className="quality-list">
        <Row name="Original" score={quality.original} />
        <Row name="Draft" score={quality.draft} />
        <Row name="Refined" score={quality.refined} />
      </ul>
    </details>
  );
}
