import { keyFieldState } from '../../lib/settings/key-plan';
import { keyRequired } from '../../lib/settings/provider-presets';
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
  // A key counts only for the saved base URL's origin: the background sends no other.
  const draftKey = useOptionsStore(
    (state) =>
      keyFieldState(state.keyStatus.draft, state.saved.draft.baseUrl).kind === 'saved' ||
      // The on-device model and local servers run without one (stageReady in the background).
      !keyRequired(state.saved.draft.preset, state.saved.draft.baseUrl),
  );
  const refinementKey = useOptionsStore(
    (state) =>
      keyFieldState(state.keyStatus.refinement, state.saved.refinement.baseUrl).kind === 'saved',
  );
  const twoStageEnabled = useOptionsStore((state) => state.saved.twoStageEnabled);
  if (phase !== 'ready') return <StatusLine text="" className="summary" />;
  const status = settingsStatus({ draftKey, refinementKey, twoStageEnabled });
  return <StatusLine text={status.text} tone={TONES[status.kind]} className="summary" />;
}
