import type { KeyStatusReply } from '../../lib/messaging/protocol';
import { hostOf } from '../../lib/settings/base-url-rules';
import { originPattern } from '../../lib/settings/host-permissions';
import { loadConfirmedHttpOrigins } from '../../lib/settings/settings-store';
import { keyActionFor } from '../../lib/settings/key-plan';
import { parseSiteLines } from '../../lib/settings/site-hosts';
import {
  STAGES,
  validateSettings,
  type SettingsErrors,
  type SettingsValues,
} from '../../lib/settings/validate-settings';
import { clearResultCache, fetchKeyStatus, forgetKey, rebindKey, saveKey } from './key-requests';
import { policyErrors } from './managed-policy-state';
import { useOptionsStore } from './options-store';
import { requestMissingHostAccess } from './request-host-access';
import { writeSettings } from './settings-io';

const STAGE_LABEL = { draft: 'Draft', refinement: 'Refinement' } as const;

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
 * Each stage's key after the settings are saved: a typed key is saved for the saved base URL's
 * origin; a key saved for another origin is moved there only with the user's confirmation, and
 * otherwise forgotten, so it never reaches the new host.
 */
async function applyKeys(
  values: SettingsValues,
  status: KeyStatusReply,
  notes: string[],
): Promise<void> {
  const { form } = useOptionsStore.getState();
  for (const stage of STAGES) {
    const { apiKey, reuseKey } = form[stage];
    const action = keyActionFor(status[stage], values[stage].baseUrl, apiKey, reuseKey);
    const label = STAGE_LABEL[stage];
    let result;
    if (action.kind === 'save') result = await saveKey(stage, action.key);
    else if (action.kind === 'rebind') result = await rebindKey(stage, action.fromOrigin);
    else if (action.kind === 'forget') {
      result = await forgetKey(stage);
      notes.push(
        `The ${label} key for ${action.oldHost} was forgotten: enter a key for ` +
          `${hostOf(values[stage].baseUrl)}.`,
      );
    } else continue;
    if (!result.ok) notes.push(`${label} API key: ${result.message}`);
  }
}

/**
 * Validates, asks for any host access the browser withholds, writes the settings, then sends the
 * keys to the background. Call it straight from the submit event: the permission request must
 * happen while the click's user activation lasts.
 */
export async function submitSettings(): Promise<void> {
  const store = useOptionsStore.getState();
  if (store.saving || store.phase !== 'ready') return;

  // Network origins the user allowed plain http:// to; read fresh (another tab may withdraw one).
  const result = validateSettings(store.form, await loadConfirmedHttpOrigins().catch(() => []));
  if (!result.ok) {
    store.saveRejected(result.errors, fixText(Object.keys(result.errors).length));
    focusFirstError(result.errors);
    return;
  }
  const { values } = result;
  const refused = policyErrors(values);
  if (Object.keys(refused).length > 0) {
    store.saveRejected(refused, fixText(Object.keys(refused).length));
    focusFirstError(refused);
    return;
  }
  const keyStatusBefore = store.keyStatus;
  store.saveStarted();

  const patterns = STAGES.map((stage) => originPattern(values[stage].baseUrl)).filter(
    (pattern): pattern is string => pattern !== null,
  );
  const notes: string[] = [];
  // Validation lets these through only while page context is off (the list is unused then).
  const leftOut = parseSiteLines(store.form.noContextSites).invalid;
  if (leftOut.length > 0) {
    notes.push(
      `Left out of the sites that never get page context, as they are not host names: ` +
        `${leftOut.map((entry) => `“${entry.slice(0, 60)}”`).join(', ')}.`,
    );
  }
  const withheld = await requestMissingHostAccess(patterns).catch(() => []);
  for (const pattern of withheld) {
    const host = hostOf(pattern.replace(/\/\*$/, ''));
    notes.push(
      `No host access to ${host}: requests to ${host} go out as cross-origin requests, which ` +
        'work only if the provider allows them.',
    );
  }

  try {
    await writeSettings(values);
    await applyKeys(values, keyStatusBefore, notes);
    if (!values.cacheEnabled) {
      const cleared = await clearResultCache();
      if (!cleared.ok) notes.push(cleared.message);
    }
    useOptionsStore.getState().setKeyStatus(await fetchKeyStatus());
    const saved = {
      ...values,
      draft: { ...values.draft, apiKey: '' },
      refinement: { ...values.refinement, apiKey: '' },
    };
    useOptionsStore.getState().saveSucceeded(saved, notes);
  } catch (error) {
    const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
    useOptionsStore.getState().saveFailed(`Couldn’t save your settings${reason}. Try again.`);
  }
}
