import { browser } from 'wxt/browser';
import type {
  ClearCacheResult,
  KeyChangeResult,
  KeyStatus,
  KeyStatusReply,
} from '../../lib/messaging/protocol';
import { sendRuntimeMessage, type RuntimeMessage } from '../../lib/messaging/runtime-messages';

/** The options page's side of the key messages: keys go to the background, only a status back. */

const NO_KEYS: KeyStatusReply = { draft: { saved: false }, refinement: { saved: false } };

function isKeyStatus(value: unknown): value is KeyStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Record<string, unknown>;
  if (status.saved === false) return true;
  return (
    status.saved === true &&
    typeof status.origin === 'string' &&
    typeof status.host === 'string' &&
    typeof status.last4 === 'string'
  );
}

function isKeyStatusReply(value: unknown): value is KeyStatusReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as Record<string, unknown>;
  return isKeyStatus(reply.draft) && isKeyStatus(reply.refinement);
}

/** Replies are still checked: an old background (mid-update) may answer in another shape. */
function send(request: RuntimeMessage): Promise<unknown> {
  return sendRuntimeMessage((m) => browser.runtime.sendMessage(m), request);
}

/** Which keys are saved and for which host; "none" when the background does not answer. */
export async function fetchKeyStatus(): Promise<KeyStatusReply> {
  const reply = await send({ type: 'key-status' });
  return isKeyStatusReply(reply) ? reply : NO_KEYS;
}

const NO_ANSWER =
  'No answer from Prompt Relay’s background service. Reload the extension and try again.';

async function keyChange(request: RuntimeMessage): Promise<KeyChangeResult> {
  const reply = await send(request);
  if (typeof reply === 'object' && reply !== null) {
    const result = reply as Partial<KeyChangeResult>;
    if (result.ok === true && isKeyStatusReply(result.status)) return result as KeyChangeResult;
    if (result.ok === false && typeof (result as { message?: unknown }).message === 'string') {
      return result as KeyChangeResult;
    }
  }
  return { ok: false, message: NO_ANSWER, status: await fetchKeyStatus() };
}

export function saveKey(stage: 'draft' | 'refinement', key: string): Promise<KeyChangeResult> {
  return keyChange({ type: 'save-key', stage, key });
}

export function rebindKey(
  stage: 'draft' | 'refinement',
  fromOrigin: string,
): Promise<KeyChangeResult> {
  return keyChange({ type: 'rebind-key', stage, fromOrigin });
}

export function forgetKey(stage: 'draft' | 'refinement'): Promise<KeyChangeResult> {
  return keyChange({ type: 'forget-key', stage });
}

export async function clearResultCache(): Promise<ClearCacheResult> {
  const reply = await send({ type: 'clear-cache' });
  if (typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true) {
    return { ok: true };
  }
  const message = (reply as { message?: unknown } | undefined)?.message;
  return { ok: false, message: typeof message === 'string' ? message : NO_ANSWER };
}
