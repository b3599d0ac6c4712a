import { storage } from 'wxt/utils/storage';
import type { PromptContext, ResultMetadata } from '../messaging/protocol';
import type { Mode } from '../prompts/modes';

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

/** Enough for a working session's worth of prompts; storage.local stays small. */
export const CACHE_LIMIT = 50;

/** In storage.local so it survives the worker being stopped; most recent first. */
const cacheItem = storage.defineItem<CachedResult[]>('local:resultCache', {
  fallback: [],
  version: 1,
});

/** SHA-256 of the exact inputs: the same text, never a prefix or a near match. */
export async function cacheKey(parts: CacheKeyParts): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readCache(key: string): Promise<CachedResult | null> {
  const entries = await cacheItem.getValue();
  return entries.find((entry) => entry.key === key) ?? null;
}

export async function writeCache(entry: CachedResult): Promise<void> {
  const entries = await cacheItem.getValue();
  const next = [entry, ...entries.filter((e) => e.key !== entry.key)].slice(0, CACHE_LIMIT);
  await cacheItem.setValue(next);
}

export async function clearCache(): Promise<void> {
  await cacheItem.removeValue();
}
