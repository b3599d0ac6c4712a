/** What the saved settings let Prompt Relay do, in one line for the settings page. */
export type SettingsStatusKind = 'ready' | 'limited' | 'missing';

export interface SettingsStatus {
  kind: SettingsStatusKind;
  text: string;
}

export interface SettingsStatusInput {
  draftKey: string;
  refinementKey: string;
  twoStage: boolean;
}

export function settingsStatus({
  draftKey,
  refinementKey,
  twoStage,
}: SettingsStatusInput): SettingsStatus {
  // A key of blanks is no key: the background trims keys before use.
  const hasDraft = draftKey.trim() !== '';
  const hasRefinement = refinementKey.trim() !== '';
  if (!hasDraft && !hasRefinement) {
    return { kind: 'missing', text: 'No API keys — add one to start' };
  }
  if (!hasRefinement) return { kind: 'limited', text: 'Refinement key missing — drafts only' };
  if (!hasDraft) return { kind: 'limited', text: 'Draft key missing — single-stage optimization' };
  if (!twoStage) return { kind: 'limited', text: 'Two-stage off — single-stage optimization' };
  return { kind: 'ready', text: 'Two-stage optimization enabled' };
}
