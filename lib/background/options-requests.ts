import type {
  ClearCacheResult,
  KeyChangeResult,
  KeyStatus,
  KeyStatusReply,
} from '../messaging/protocol';
import { clearCache } from './pipeline/result-cache';
import { clearUsedSites } from './connection-warmer';
import { forgetStageSecret, readStageSecret, saveStageSecret } from './secrets/secret-store';
import { hostOf, hostOfOrigin, insecureUrlWords, originOf } from '../settings/base-url-rules';
import type { StageName } from '../settings/normalize-settings';
import { insecureStoredBaseUrl, loadStoredSettings } from '../settings/settings-store';

/**
 * The options page's requests about keys and the cache. Only extension pages may send them: the
 * message table (message-handlers.ts) declares it, and the router checks it.
 */

export function isStageName(value: unknown): value is StageName {
  return value === 'draft' || value === 'refinement';
}

/** Printable ASCII without spaces: what an Authorization header can carry. */
const KEY_PATTERN = /^[\x21-\x7e]{1,1000}$/;

async function stageStatus(stage: StageName): Promise<KeyStatus> {
  const secret = await readStageSecret(stage);
  if (!secret) return { saved: false };
  return {
    saved: true,
    origin: secret.origin,
    host: hostOfOrigin(secret.origin),
    last4: secret.apiKey.slice(-4),
  };
}

export async function keyStatus(): Promise<KeyStatusReply> {
  const [draft, refinement] = await Promise.all([stageStatus('draft'), stageStatus('refinement')]);
  return { draft, refinement };
}

/** The origin a key for this stage is bound to: that of its saved base URL, read fresh. */
async function savedOrigin(stage: StageName): Promise<{ origin: string } | { message: string }> {
  const insecure = await insecureStoredBaseUrl(stage);
  if (insecure !== null) {
    return { message: `Key not saved for ${hostOf(insecure)}: ${insecureUrlWords(insecure)}.` };
  }
  const { values } = await loadStoredSettings();
  const origin = originOf(values[stage].baseUrl);
  return origin ? { origin } : { message: 'Key not saved: the base URL is not valid.' };
}

async function failed(message: string): Promise<KeyChangeResult> {
  return { ok: false, message, status: await keyStatus() };
}

export async function saveKey(stage: unknown, key: unknown): Promise<KeyChangeResult> {
  if (!isStageName(stage)) return failed('Key not saved: unknown stage.');
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (!KEY_PATTERN.test(trimmed)) {
    return failed('Key not saved: an API key is one word of letters, digits and symbols.');
  }
  const target = await savedOrigin(stage);
  if ('message' in target) return failed(target.message);
  await saveStageSecret(stage, trimmed, target.origin);
  return { ok: true, status: await keyStatus() };
}

export async function rebindKey(stage: unknown, fromOrigin: unknown): Promise<KeyChangeResult> {
  if (!isStageName(stage)) return failed('Key not moved: unknown stage.');
  const secret = await readStageSecret(stage);
  // The page confirmed a specific key; if another was saved meanwhile, confirm nothing.
  if (!secret || typeof fromOrigin !== 'string' || secret.origin !== fromOrigin) {
    return failed('The saved key changed meanwhile. Enter the key again.');
  }
  const target = await savedOrigin(stage);
  if ('message' in target) return failed(target.message);
  await saveStageSecret(stage, secret.apiKey, target.origin);
  return { ok: true, status: await keyStatus() };
}

export async function forgetKey(stage: unknown): Promise<KeyChangeResult> {
  if (!isStageName(stage)) return failed('Nothing forgotten: unknown stage.');
  await forgetStageSecret(stage);
  return { ok: true, status: await keyStatus() };
}

export async function clearResultCache(): Promise<ClearCacheResult> {
  try {
    // The sites where the user optimized go with the cached results: both are local history.
    await Promise.all([clearCache(), clearUsedSites()]);
    return { ok: true };
  } catch {
    return { ok: false, message: 'Couldn’t clear the cache. Reload the extension and try again.' };
  }
}
