import { originsNeedingPermission, originPattern } from '../../lib/settings/host-permissions';
import {
  stageFieldId,
  STAGES,
  validateSettings,
  type SettingsErrors,
} from '../../lib/settings/validate-settings';
import { useOptionsStore } from './options-store';
import { requestHostAccess } from './request-host-access';
import { writeSettings } from './settings-io';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Moves focus to the first invalid field in page order, so keyboard users land on the problem. */
function focusFirstError(errors: SettingsErrors): void {
  requestAnimationFrame(() => {
    const fields = Object.keys(errors)
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    fields[0]?.focus();
  });
}

function fixText(count: number): string {
  return `Nothing saved — fix ${count === 1 ? 'the highlighted field' : `${count} highlighted fields`}.`;
}

/**
 * Validates, asks for any host access the base URLs need, then writes every setting. Call it
 * straight from the submit event: the permission request must happen before anything is awaited.
 */
export async function submitSettings(): Promise<void> {
  const store = useOptionsStore.getState();
  if (store.saving || store.phase !== 'ready') return;

  const result = validateSettings(store.form);
  if (!result.ok) {
    store.saveRejected(result.errors, fixText(Object.keys(result.errors).length));
    focusFirstError(result.errors);
    return;
  }
  const { values } = result;

  const origins = originsNeedingPermission(STAGES.map((stage) => values[stage].baseUrl));
  store.saveStarted();
  const granted = await requestHostAccess(origins);
  if (!granted) {
    const errors: SettingsErrors = {};
    for (const stage of STAGES) {
      const pattern = originPattern(values[stage].baseUrl);
      if (pattern && origins.includes(pattern)) {
        const host = hostOf(values[stage].baseUrl);
        errors[stageFieldId(stage, 'baseUrl')] =
          `Prompt Relay can’t reach this provider without access to ${host}. ` +
          'Save again and choose Allow, or use another URL.';
      }
    }
    store.saveRejected(errors, 'Nothing saved — site access was not granted.');
    focusFirstError(errors);
    return;
  }

  try {
    await writeSettings(values);
    store.saveSucceeded(values);
  } catch (error) {
    const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
    store.saveFailed(`Couldn’t save your settings${reason}. Try again.`);
  }
}
