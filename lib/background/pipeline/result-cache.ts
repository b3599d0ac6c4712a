import type { PromptContext, ResultMetadata } from '../../messaging/protocol';
import type { Mode } from '../../prompts/modes';
import { relayDb } from '../secrets/relay-db';

export interface CacheKeyParts {
  prompt: string;
  mode: Mode;
  origin: string;
  context: PromptContext | null;
  twoStage: boolean;
  draft: { baseUrl: string; model: string } | null;
  refinement: { baseUrl: string; model: string } | null;
  templateVersion: number;
  draftLength: { min: number; max: number };
}

export interface CachedResult {
  key: string;
  draft: string | null;
  refined: string | null;
  metadata: ResultMetadata;
  storedAt: number;
}

/** Enough for a working session's worth of prompts. */
export const CACHE_LIMIT = 50;

/** SHA-256 of the exact inputs: the same text, never a prefix or a near match. */
export async function cacheKey(parts: CacheKeyParts): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * In the extension origin's IndexedDB (not chrome.storage.local): prompts and results are the
 * user's text, and no content script can open this database.
 */
export async function readCache(key: string): Promise<CachedResult | null> {
  const entry: unknown = await (await relayDb()).get('result-cache', key);
  if (typeof entry !== 'object' || entry === null) return null;
  return (entry as CachedResult).key === key ? (entry as CachedResult) : null;
}

/** Stores an entry and keeps the newest CACHE_LIMIT. */
export async function writeCache(entry: CachedResult): Promise<void> {
  const db = await relayDb();
  const tx = db.transaction('result-cache', 'readwrite');
  await tx.store.put(entry, entry.key);
  const all = await tx.store.getAll();
  if (all.length > CACHE_LIMIT) {
    const stale = all
      .sort((a, b) => (b.storedAt ?? 0) - (a.storedAt ?? 0))
      .slice(CACHE_LIMIT)
      .filter((old) => old.key !== entry.key);
    await Promise.all(stale.map((old) => tx.store.delete(old.key)));
  }
  await tx.done;
}

export async function clearCache(): Promise<void> {
  await (await relayDb()).clear('result-cache');
}
