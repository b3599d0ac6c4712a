import type { LocalServerId, LocalServerReport } from '../messaging/protocol';
import { isLoopbackHost } from '../settings/base-url-rules';
import { PROVIDER_PRESETS } from '../settings/provider-presets';

/**
 * Looks for OpenAI-compatible servers on this computer: a GET of `…/models` (their model list,
 * which costs nothing) and a bodiless POST to the same path (to see an origin refusal, below),
 * no key, no cookies, a short timeout. Only loopback URLs are ever probed,
 * so the look never leaves the computer. `fetch` is injected for tests.
 */

/*
 * No Origin rewrite (decided, README "Local models"): a declarativeNetRequest rule scoped with
 * `initiatorDomains: [own id]` would strip `Origin` from only this extension's requests (measured
 * in Chromium 156; a page's own request kept its Origin and was still refused), but it would step
 * around the allow-list the server's owner set in OLLAMA_ORIGINS, needs a new permission and
 * rules kept in step with every typed port, and alters requests to any other service on that
 * port. The settings show the exact OLLAMA_ORIGINS line instead.
 */

export const LOCAL_SERVER_IDS: readonly LocalServerId[] = ['ollama', 'lmstudio', 'llamacpp'];

export function isLocalServerId(value: unknown): value is LocalServerId {
  return LOCAL_SERVER_IDS.includes(value as LocalServerId);
}

export interface ProbeTarget {
  server: LocalServerId;
  /** OpenAI-compatible root, `http://localhost:11434/v1`. */
  baseUrl: string;
}

/** A server on loopback answers in milliseconds; a closed port fails at once. */
export const PROBE_TIMEOUT_MS = 1500;
/** At most this many URLs besides the usual three (the two stages' forms). */
export const MAX_EXTRA_TARGETS = 2;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function loopbackRoot(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (!isLoopbackHost(parsed.hostname)) return null;
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * The usual address of each server (their presets' base URLs), then the extra ones, each once;
 * anything not on loopback is dropped.
 */
export function probeTargets(extra: readonly ProbeTarget[] = []): ProbeTarget[] {
  const targets: ProbeTarget[] = [];
  const seen = new Set<string>();
  const usual = LOCAL_SERVER_IDS.map((server) => ({
    server,
    baseUrl: PROVIDER_PRESETS[server].baseUrl,
  }));
  for (const target of [...usual, ...extra.slice(0, MAX_EXTRA_TARGETS)]) {
    const root = loopbackRoot(target.baseUrl);
    if (root === null || seen.has(root)) continue;
    seen.add(root);
    targets.push({ server: target.server, baseUrl: root });
  }
  return targets;
}

/** Model ids from an OpenAI-style list (`{ data: [{ id }] }`); [] for anything else. */
export function modelIds(body: unknown): string[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return [];
  return data
    .map((entry) => (entry as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string' && id !== '' && id.length <= 200)
    .slice(0, 50);
}

const REQUEST: RequestInit = { credentials: 'omit', cache: 'no-store', redirect: 'error' };

export async function probeLocalServer(
  target: ProbeTarget,
  fetchFn: Fetch,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<LocalServerReport> {
  const { server, baseUrl } = target;
  const url = `${baseUrl}/models`;
  try {
    const response = await fetchFn(url, { ...REQUEST, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { server, baseUrl, state: 'refused', status: response.status };
    const body: unknown = await response.json().catch(() => null);
    // Measured in Chromium 156: the worker's GET to a host it has permission for carries no
    // Origin, its POST carries `Origin: chrome-extension://<id>`. So the list answers even where
    // Ollama will refuse every chat request (403). A bodiless POST to the same path, which no
    // server handles (404/405) and which starts no generation, shows that refusal up front.
    const check = await fetchFn(url, {
      ...REQUEST,
      method: 'POST',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (check.status === 403) return { server, baseUrl, state: 'refused', status: 403 };
    return { server, baseUrl, state: 'running', models: modelIds(body) };
  } catch {
    // A refused connection and a refused CORS answer both surface as a TypeError. A no-cors
    // request tells them apart: it completes (opaque) whenever something answered at all.
    try {
      await fetchFn(url, { ...REQUEST, mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs) });
      return { server, baseUrl, state: 'blocked' };
    } catch {
      return { server, baseUrl, state: 'absent' };
    }
  }
}

export function probeLocalServers(
  targets: readonly ProbeTarget[],
  fetchFn: Fetch = (input, init) => fetch(input, init),
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<LocalServerReport[]> {
  return Promise.all(targets.map((target) => probeLocalServer(target, fetchFn, timeoutMs)));
}

/** The message's request, checked: extra targets are optional and bounded. */
export function parseProbeRequest(extra: unknown): { extra: ProbeTarget[] } | null {
  if (extra === undefined) return { extra: [] };
  if (!Array.isArray(extra) || extra.length > MAX_EXTRA_TARGETS) return null;
  const targets: ProbeTarget[] = [];
  for (const entry of extra) {
    const { server, baseUrl } = (entry ?? {}) as { server?: unknown; baseUrl?: unknown };
    if (!isLocalServerId(server) || typeof baseUrl !== 'string' || baseUrl.length > 500) {
      return null;
    }
    targets.push({ server, baseUrl });
  }
  return { extra: targets };
}

/** Handler of `find-local-servers`. */
export function findLocalServers(extra: readonly ProbeTarget[]): Promise<LocalServerReport[]> {
  return probeLocalServers(probeTargets(extra));
}
