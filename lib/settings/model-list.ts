/**
 * A provider's own model list, as the settings offer it: cleaned once in the background (what a
 * provider answers is not trusted to be tidy or small), searched on the options page. Pure.
 */
import { MODEL_MAX_CHARS } from './normalize-settings';
import { PROVIDER_PRESETS, type ProviderPresetId } from './provider-presets';

/**
 * Most ids a list keeps. OpenRouter lists ≈300 models, Together ≈200; a list far larger than any
 * real one is cut rather than sent whole to the page.
 */
export const MODEL_LIST_MAX = 2000;

/** Ids a model field can save (non-empty, ≤ 200 characters, one line), each once, sorted. */
export function cleanModelIds(ids: readonly unknown[]): string[] {
  const kept = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string') continue;
    const text = id.trim();
    if (text === '' || text.length > MODEL_MAX_CHARS || /\p{Cc}/u.test(text)) continue;
    kept.add(text);
    if (kept.size >= MODEL_LIST_MAX) break;
  }
  return [...kept].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export interface ModelMatches {
  /** The ids to show, best first. */
  shown: string[];
  /** How many ids matched in all (more than `shown` when the limit cut them). */
  total: number;
}

/** 0: the whole id; 1: the id or its last path part starts with the query; 2: contains it. */
function rank(id: string, query: string): number {
  const lower = id.toLowerCase();
  if (lower === query) return 0;
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  return lower.startsWith(query) || name.startsWith(query) ? 1 : 2;
}

/**
 * The ids that contain every word of `query` (any case, any order), best matches first, at most
 * `limit` of them; the list's own order within a rank. An empty query matches every id.
 */
export function filterModelIds(ids: readonly string[], query: string, limit: number): ModelMatches {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter((w) => w !== '');
  const matching = ids.filter((id) => {
    const lower = id.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
  const ranked =
    words.length === 0
      ? matching
      : matching
          .map((id, index) => ({ id, index, rank: rank(id, q) }))
          .sort((a, b) => a.rank - b.rank || a.index - b.index)
          .map((entry) => entry.id);
  return { shown: ranked.slice(0, Math.max(0, limit)), total: matching.length };
}

/**
 * Whether the model field may list the endpoint's models now: only for the SAVED endpoint (the
 * key is bound to it), so a form holding another one must be saved first. The on-device model
 * has no list.
 */
export type ModelListPlan = 'none' | 'save-first' | 'saved';

interface EndpointChoice {
  preset: ProviderPresetId;
  baseUrl: string;
}

export function modelListPlan(form: EndpointChoice, saved: EndpointChoice): ModelListPlan {
  const onDevice = (choice: EndpointChoice) => PROVIDER_PRESETS[choice.preset].kind === 'on-device';
  if (onDevice(form) || onDevice(saved)) return 'none';
  const root = (url: string) => url.trim().replace(/\/+$/, '');
  return form.preset === saved.preset && root(form.baseUrl) === root(saved.baseUrl)
    ? 'saved'
    : 'save-first';
}
