import type { StageName } from '../../lib/settings/settings-store';
import { StatusLine, type StatusTone } from '../ui/status-line';
import { useOptionsStore, useStageDirty, type TestState } from './options-store';
import { testConnection } from './test-connection';

/** Extra time past the stage's own timeout before the page stops waiting for the background. */
const ANSWER_GRACE_MS = 10000;

function statusOf(test: TestState): { text: string; tone: StatusTone } {
  switch (test.status) {
    case 'idle':
      return { text: '', tone: 'neutral' };
    case 'testing':
      return { text: 'Testing…', tone: 'busy' };
    case 'ok':
      return { text: test.text, tone: 'ok' };
    case 'error':
      return { text: test.text, tone: 'error' };
  }
}

export function TestConnectionControl({ stage }: { stage: StageName }) {
  const test = useOptionsStore((state) => state.tests[stage]);
  const saving = useOptionsStore((state) => state.saving);
  const savedTimeout = useOptionsStore((state) => state.saved[stage].timeoutMs);
  const setTest = useOptionsStore((state) => state.setTest);
  const dirty = useStageDirty(stage);
  const hintId = `${stage}-test-hint`;
  const { text, tone } = statusOf(test);

  async function run() {
    setTest(stage, { status: 'testing' });
    const outcome = await testConnection(stage, Number(savedTimeout) + ANSWER_GRACE_MS);
    setTest(
      stage,
      outcome.ok ? { status: 'ok', text: outcome.text } : { status: 'error', text: outcome.text },
    );
  }

  return (
    <div className="test-connection">
      <div className="test-connection-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void run()}
          disabled={dirty || saving || test.status === 'testing'}
          aria-describedby={hintId}
        >
          Test connection
        </button>
        <p id={hintId} className={dirty ? 'test-hint test-hint-blocked' : 'test-hint'}>
          {dirty
            ? 'Tests the saved settings — save your changes first.'
            : 'Tests the saved settings with a tiny request (a few tokens).'}
        </p>
      </div>
      <StatusLine text={text} tone={tone} id={`${stage}-test-status`} />
    </div>
  );
}
