/** What the saved settings let Prompt Relay do, in one line for the settings page. */
export type SettingsStatusKind = 'ready' | 'limited' | 'missing';

export interface SettingsStatus {
  kind: SettingsStatusKind;
  text: string;
}

export interface SettingsStatusInput {
  /** Whether a usable key is saved (for the stage's saved base URL). */
  draftKey: boolean;
  refinementKey: boolean;
  twoStageEnabled: boolean;
}

export function settingsStatus({
  draftKey,
  refinementKey,
  twoStageEnabled,
}: SettingsStatusInput): SettingsStatus {
  const hasDraft = draftKey;
  const hasRefinement = refinementKey;
  if (!hasDraft && !hasRefinement) {
    return { kind: 'missing', text: 'No API keys — add one to start' };
  }
  if (!hasRefinement) return { kind: 'limited', text: 'Refinement key missing — drafts only' };
  if (!hasDraft) return { kind: 'limited', text: 'Draft key missing — single-stage optimization' };
  if (!twoStageEnabled)
    return { kind: 'limited', text: 'Two-stage off — single-stage optimization' };
  return { kind: 'ready', text: 'Two-stage optimization enabled' };
}
