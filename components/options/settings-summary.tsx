import { settingsStatus } from '../../lib/settings/settings-status';
import { StatusLine, type StatusTone } from '../ui/status-line';
import { useOptionsStore } from './options-store';

const TONES = { ready: 'ok', limited: 'warn', missing: 'error' } as const satisfies Record<
  ReturnType<typeof settingsStatus>['kind'],
  StatusTone
>;

/** What the saved settings allow; follows storage, not the unsaved form. */
export function SettingsSummary() {
  const phase = useOptionsStore((state) => state.phase);
  const draftKey = useOptionsStore((state) => state.saved.draft.apiKey);
  const refinementKey = useOptionsStore((state) => state.saved.refinement.apiKey);
  const twoStage = useOptionsStore((state) => state.saved.twoStageEnabled);
  if (phase !== 'ready') return <StatusLine text="" className="summary" />;
  const status = settingsStatus({ draftKey, refinementKey, twoStage });
  return <StatusLine text={status.text} tone={TONES[status.kind]} className="summary" />;
}
