import { browser } from 'wxt/browser';
import { originOf } from '../../settings/base-url-rules';
import type { StageName } from '../../settings/normalize-settings';
import { relayDb, type StoredSecret } from './relay-db';

export interface StageSecret {
  apiKey: string;
  origin: string;
}

function isStoredSecret(value: unknown): value is StoredSecret {
  if (typeof value !== 'object' || value === null) return false;
  const { apiKey, origin } = value as Partial<StoredSecret>;
  return typeof apiKey === 'string' && apiKey.trim() !== '' && typeof origin === 'string';
}

let migration: Promise<void> = Promise.resolve();

/**
 * A stage's saved key and the origin it is for, read from the database on every call: the worker
 * keeps no copy that could outlive a change made from the options page.
 */
export async function readStageSecret(stage: StageName): Promise<StageSecret | null> {
  await migration;
  const value: unknown = await (await relayDb()).get('secrets', stage);
  return isStoredSecret(value) ? { apiKey: value.apiKey.trim(), origin: value.origin } : null;
}

export async function readStageSecrets(): Promise<Record<StageName, StageSecret | null>> {
  const [draft, refinement] = await Promise.all([
    readStageSecret('draft'),
    readStageSecret('refinement'),
  ]);
  return { draft, refinement };
}

export async function saveStageSecret(
  stage: StageName,
  apiKey: string,
  origin: string,
): Promise<void> {
  const value: StoredSecret = { apiKey: apiKey.trim(), origin, savedAt: Date.now() };
  await (await relayDb()).put('secrets', value, stage);
}

export async function forgetStageSecret(stage: StageName): Promise<void> {
  await (await relayDb()).delete('secrets', stage);
}

/** The key to send to `baseUrl`: only one saved for that very origin, else none. */
export function keyBoundTo(secret: StageSecret | null, baseUrl: string): string {
  if (!secret) return '';
  const origin = originOf(baseUrl);
  return origin !== null && origin === secret.origin ? secret.apiKey : '';
}

/** Where earlier versions kept keys and the result cache, readable by content scripts. */
const LEGACY_LOCAL_KEYS = [
  'draft.apiKey',
  'draft.apiKey$',
  'refinement.apiKey',
  'refinement.apiKey$',
  'resultCache',
  'resultCache$',
];

/**
 * Moves keys from chrome.storage.local into the database, each bound to the origin of its stage's
 * saved base URL, then removes them (and the old result cache) from storage. A key already in the
 * database wins; a non-string value is dropped.
 */
async function migrateLegacyStorage(baseUrlOf: (stage: StageName) => Promise<string>) {
  const stored = await browser.storage.local.get(LEGACY_LOCAL_KEYS);
  if (Object.keys(stored).length === 0) return;
  for (const stage of ['draft', 'refinement'] as const) {
    const key: unknown = stored[`${stage}.apiKey`];
    if (typeof key !== 'string' || key.trim() === '') continue;
    const db = await relayDb();
    if (isStoredSecret(await db.get('secrets', stage))) continue;
    const origin = originOf(await baseUrlOf(stage));
    if (origin) await saveStageSecret(stage, key, origin);
  }
  await browser.storage.local.remove(LEGACY_LOCAL_KEYS);
}

/** Runs the move once per worker start; secret reads wait for it. Never throws. */
export function startLegacyMigration(
  baseUrlOf: (stage: StageName) => Promise<string>,
): Promise<void> {
  migration = migrateLegacyStorage(baseUrlOf).catch(() => undefined);
  return migration;
}
