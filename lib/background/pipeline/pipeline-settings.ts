import { browser } from 'wxt/browser';
import { PipelineError } from '../../errors/error-codes';
import type { PriceOverride } from '../../insights/prices';
import { keyBoundTo, readStageSecrets } from '../secrets/secret-store';
import {
  hostOf,
  httpOriginNeedingConfirmation,
  INSECURE_URL_WORDS,
  unconfirmedUrlWords,
} from '../../settings/base-url-rules';
import { refusedUnlessReplaced } from '../../settings/managed-policy';
import type { StoredSettings } from '../../settings/normalize-settings';
import type { PageContextPolicy } from '../../settings/page-context-policy';
import type { DraftLengths } from '../../settings/settings-items';
import {
  insecureStoredBaseUrl,
  loadStoredSettings,
  type StageConfig,
} from '../../settings/settings-store';

/**
 * The stored settings a request runs with, under their stored names; the page-context policy is
 * applied to requests from pages before the prompt and the cache key are built.
 */
export interface PipelineSettings extends PageContextPolicy {
  draft: StageConfig;
  refinement: StageConfig;
  twoStageEnabled: boolean;
  draftLengths: DraftLengths;
  cacheEnabled: boolean;
  warmConnection: boolean;
  /** Read and kept with the rest: pricing a result reads no storage on the request's path. */
  priceOverrides: PriceOverride[];
}

interface KeptSettings {
  values: StoredSettings;
  insecure: { draft: string | null; refinement: string | null };
}

async function readSettings(): Promise<KeptSettings> {
  const [{ values, policy }, draft, refinement] = await Promise.all([
    loadStoredSettings(),
    insecureStoredBaseUrl('draft'),
    insecureStoredBaseUrl('refinement'),
  ]);
  return {
    values,
    insecure: {
      draft: refusedUnlessReplaced(policy, 'draft', draft),
      refinement: refusedUnlessReplaced(policy, 'refinement', refinement),
    },
  };
}

let cached: Promise<KeptSettings> | null = null;
let watching = false;

function insecureUrlError(stage: 'draft' | 'refinement', url: string): PipelineError {
  const label = stage === 'draft' ? 'Draft' : 'Refinement';
  const lan = httpOriginNeedingConfirmation(url);
  if (lan !== null) {
    return new PipelineError({
      code: 'insecure-url',
      stage,
      retryable: false,
      provider: hostOf(url),
      message: `Nothing sent: the ${label} base URL (${url}) is not confirmed. ${unconfirmedUrlWords(lan)}.`,
    });
  }
  return new PipelineError({
    code: 'insecure-url',
    stage,
    retryable: false,
    provider: hostOf(url),
    message:
      `Nothing sent: the ${label} base URL (${url}) is plain http:// to ${hostOf(url)}, which ` +
      `would expose your key. ${INSECURE_URL_WORDS}. Fix it in Prompt Relay settings.`,
  });
}

/**
 * The settings for a request. The non-secret settings are read once per worker life and kept
 * until any of them changes (fifteen storage reads are several milliseconds on the path to the
 * first draft token); keys are read from the secret store on every request, so none is kept.
 */
export async function loadPipelineSettings(): Promise<PipelineSettings> {
  if (!watching) {
    watching = true;
    browser.storage.onChanged.addListener((_changes, area) => {
      // Settings live in sync, the organization's policy in managed (so a policy change applies
      // to the next request); the worker's own bookkeeping (breaker state) lives in session.
      if (area === 'session') return;
      cached = null;
    });
  }
  const kept = (cached ??= readSettings().catch((error: unknown) => {
    cached = null;
    throw error;
  }));
  const [{ values, insecure }, secrets] = await Promise.all([kept, readStageSecrets()]);
  // A saved key must never travel over plain http to another host, and nothing at all to a
  // network host the user has not confirmed (the normalizer has swapped in the preset's URL,
  // which the user did not ask for): refuse with words.
  for (const stage of ['draft', 'refinement'] as const) {
    const url = insecure[stage];
    if (url === null) continue;
    if (secrets[stage] !== null || httpOriginNeedingConfirmation(url) !== null) {
      throw insecureUrlError(stage, url);
    }
  }
  const config = (stage: 'draft' | 'refinement'): StageConfig => ({
    ...values[stage],
    apiKey: keyBoundTo(secrets[stage], values[stage].baseUrl),
  });
  return {
    draft: config('draft'),
    refinement: config('refinement'),
    twoStageEnabled: values.twoStageEnabled,
    draftLengths: values.draftLengths,
    cacheEnabled: values.cacheEnabled,
    warmConnection: values.warmConnection,
    sendPageContext: values.sendPageContext,
    noContextSites: values.noContextSites,
    priceOverrides: values.priceOverrides,
  };
}

/** For tests: forget the kept settings and the change listener, as a worker restart would. */
export function forgetPipelineSettings(): void {
  cached = null;
  watching = false;
}
