import { browser } from 'wxt/browser';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';
import type { StageName } from '../../lib/settings/settings-store';

/** What the model field shows about the saved endpoint's list. */
export type ModelListOutcome =
  | { ok: true; baseUrl: string; host: string; models: string[] }
  | { ok: false; baseUrl: string | null; text: string };

const NO_ANSWER =
  'No answer from Prompt Relay’s background service. Reload the extension and try again.';

/** Replies are still checked: an old background (mid-update) may answer in another shape. */
export function describeModelList(reply: unknown): ModelListOutcome {
  if (typeof reply !== 'object' || reply === null) {
    return { ok: false, baseUrl: null, text: NO_ANSWER };
  }
  const result = reply as Record<string, unknown>;
  const baseUrl = typeof result.baseUrl === 'string' ? result.baseUrl : null;
  if (
    result.ok === true &&
    baseUrl !== null &&
    typeof result.host === 'string' &&
    Array.isArray(result.models) &&
    result.models.every((id) => typeof id === 'string')
  ) {
    return { ok: true, baseUrl, host: result.host, models: result.models };
  }
  const error = result.error as { message?: unknown } | undefined;
  if (result.ok === false && typeof error?.message === 'string') {
    return { ok: false, baseUrl, text: error.message };
  }
  return { ok: false, baseUrl, text: NO_ANSWER };
}

/** Asks the background for the stage's saved endpoint's models; never throws. */
export async function fetchModelList(stage: StageName): Promise<ModelListOutcome> {
  const reply = await sendRuntimeMessage((m) => browser.runtime.sendMessage(m), {
    type: 'list-models',
    stage,
  });
  return describeModelList(reply);
}
