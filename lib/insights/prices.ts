/**
 * What a request cost: one table of public list prices keyed by provider origin and model, and
 * the user's own prices from the settings. A price belongs to an endpoint, not to a model name:
 * `gpt-4o-mini` behind a gateway, OpenRouter or a local server is billed by someone else (or not
 * at all), so only the provider's own origin finds a list price. Anything else is unknown (null)
 * until the user gives it a price — an unknown cost is shown as "—", never guessed.
 */
import type { TokenUsage } from '../messaging/protocol';
import { originOf } from '../settings/base-url-rules';

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

export interface ListPrice extends ModelPrice {
  /** The provider's API origin, as in the base URL (`https://api.groq.com`). */
  origin: string;
  model: string;
  /** When the price was read from `source` (`YYYY-MM`). */
  asOf: string;
  /** The provider's pricing page. */
  source: string;
}

const GROQ_PRICING = 'https://groq.com/pricing';
const OPENAI_PRICING = 'https://openai.com/api/pricing';
const CEREBRAS_PRICING = 'https://www.cerebras.ai/pricing';
const SAMBANOVA_PRICING = 'https://cloud.sambanova.ai/plans/pricing';
const TOGETHER_PRICING = 'https://www.together.ai/pricing';
const FIREWORKS_PRICING = 'https://fireworks.ai/pricing';
const GEMINI_PRICING = 'https://ai.google.dev/gemini-api/docs/pricing';
const ANTHROPIC_PRICING = 'https://www.anthropic.com/pricing#api';

/** One provider's rows: origin, model, input and output per million tokens. */
function rows(
  origin: string,
  source: string,
  asOf: string,
  prices: readonly [model: string, inputPerMTok: number, outputPerMTok: number][],
): ListPrice[] {
  return prices.map(([model, inputPerMTok, outputPerMTok]) => ({
    origin,
    model,
    inputPerMTok,
    outputPerMTok,
    asOf,
    source,
  }));
}

/** Standard (not batch, not cached-input) list prices of the models the presets and README name. */
export const LIST_PRICES: readonly ListPrice[] = [
  {
    origin: 'https://api.groq.com',
    model: 'llama-3.1-8b-instant',
    inputPerMTok: 0.05,
    outputPerMTok: 0.08,
    asOf: '2026-06',
    source: GROQ_PRICING,
  },
  {
    origin: 'https://api.groq.com',
    model: 'llama-3.3-70b-versatile',
    inputPerMTok: 0.59,
    outputPerMTok: 0.79,
    asOf: '2026-06',
    source: GROQ_PRICING,
  },
  {
    origin: 'https://api.openai.com',
    model: 'gpt-4o-mini',
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    asOf: '2026-06',
    source: OPENAI_PRICING,
  },
  {
    origin: 'https://api.openai.com',
    model: 'gpt-4o',
    inputPerMTok: 2.5,
    outputPerMTok: 10,
    asOf: '2026-06',
    source: OPENAI_PRICING,
  },
  {
    origin: 'https://api.openai.com',
    model: 'gpt-4.1-mini',
    inputPerMTok: 0.4,
    outputPerMTok: 1.6,
    asOf: '2026-06',
    source: OPENAI_PRICING,
  },
  {
    origin: 'https://api.openai.com',
    model: 'gpt-4.1-nano',
    inputPerMTok: 0.1,
    outputPerMTok: 0.4,
    asOf: '2026-06',
    source: OPENAI_PRICING,
  },
  // The models the other presets recommend (lib/settings/provider-presets.ts). OpenRouter is not
  // here: its price depends on the host it routes to; local servers bill nobody, and are priced
  // by the user (0 under Prices) if they want a figure.
  ...rows('https://api.cerebras.ai', CEREBRAS_PRICING, '2026-06', [['gpt-oss-120b', 0.25, 0.69]]),
  ...rows('https://api.sambanova.ai', SAMBANOVA_PRICING, '2026-06', [
    ['Meta-Llama-3.1-8B-Instruct', 0.1, 0.2],
    ['Meta-Llama-3.3-70B-Instruct', 0.6, 1.2],
  ]),
  ...rows('https://api.together.xyz', TOGETHER_PRICING, '2026-06', [
    ['meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', 0.18, 0.18],
    ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 0.88, 0.88],
  ]),
  ...rows('https://api.fireworks.ai', FIREWORKS_PRICING, '2026-06', [
    ['accounts/fireworks/models/llama-v3p1-8b-instruct', 0.2, 0.2],
    ['accounts/fireworks/models/llama-v3p3-70b-instruct', 0.9, 0.9],
  ]),
  ...rows('https://generativelanguage.googleapis.com', GEMINI_PRICING, '2026-06', [
    ['gemini-2.0-flash-lite', 0.075, 0.3],
    ['gemini-2.0-flash', 0.1, 0.4],
  ]),
  ...rows('https://api.anthropic.com', ANTHROPIC_PRICING, '2026-06', [
    ['claude-3-5-haiku-latest', 0.8, 4],
    ['claude-sonnet-4-0', 3, 15],
  ]),
];

/** A price the user set in the settings; it wins over the list price for the same endpoint. */
export interface PriceOverride extends ModelPrice {
  origin: string;
  model: string;
}

/** One stage as priced: where it was sent and which model answered. */
export interface PricedStage {
  /** The stage's base URL or its origin. */
  baseUrl: string;
  model: string;
}

export type PriceFrom = { kind: 'list'; asOf: string; source: string } | { kind: 'yours' };

/** The price for a model at an endpoint, and where it comes from; null when none is known. */
export function priceFor(
  stage: PricedStage,
  overrides: readonly PriceOverride[] = [],
  table: readonly ListPrice[] = LIST_PRICES,
): (ModelPrice & { from: PriceFrom }) | null {
  const origin = originOf(stage.baseUrl);
  if (origin === null) return null;
  const model = stage.model.trim();
  const yours = overrides.find((o) => o.origin === origin && o.model === model);
  if (yours) {
    const { inputPerMTok, outputPerMTok } = yours;
    return { inputPerMTok, outputPerMTok, from: { kind: 'yours' } };
  }
  const listed = table.find((p) => p.origin === origin && p.model === model);
  if (!listed) return null;
  const { inputPerMTok, outputPerMTok, asOf, source } = listed;
  return { inputPerMTok, outputPerMTok, from: { kind: 'list', asOf, source } };
}

function dollars(usage: TokenUsage, price: ModelPrice): number {
  return (
    (usage.promptTokens * price.inputPerMTok + usage.completionTokens * price.outputPerMTok) /
    1_000_000
  );
}

/** One stage's cost in US dollars; null without usage or without a price. */
export function costOf(
  usage: TokenUsage | null,
  stage: PricedStage,
  overrides: readonly PriceOverride[] = [],
  table: readonly ListPrice[] = LIST_PRICES,
): number | null {
  if (usage === null) return null;
  const price = priceFor(stage, overrides, table);
  return price === null ? null : dollars(usage, price);
}

/**
 * What a request cost, as the result's metadata carries it to the UIs and the history:
 * - `priced`: every stage that answered reported its usage and has a price. `basis` says whose
 *   prices: the list's (with the oldest `asOf` used), the user's, or both;
 * - `cached`: served from the result cache, so nothing was sent and it cost $0;
 * - `no-usage`: a stage that answered reported no token usage;
 * - `no-price`: no price is known for these endpoints' models.
 */
export type RequestCost =
  | {
      kind: 'priced';
      usd: number;
      /** `on-device`: only Chrome's built-in model answered, which bills nobody: $0. */
      basis: 'list' | 'yours' | 'both' | 'on-device';
      asOf: string | null;
    }
  | { kind: 'cached' }
  | { kind: 'no-usage' }
  | { kind: 'no-price'; unpriced: { origin: string; model: string }[] };

export interface StageCall extends PricedStage {
  usage: TokenUsage | null;
  /** Chrome's built-in model answered: it runs on this device, reports no tokens, costs $0. */
  onDevice?: boolean;
}

/**
 * The cost of the stages that answered. One unknown part makes the whole unknown: a sum without
 * it would be a made-up number. A missing price is reported before missing usage, as it is the
 * one the user can fix (in the settings).
 */
export function requestCost(
  calls: readonly StageCall[],
  overrides: readonly PriceOverride[] = [],
  table: readonly ListPrice[] = LIST_PRICES,
): RequestCost {
  if (calls.length === 0) return { kind: 'no-usage' };
  let usd = 0;
  let list = false;
  let yours = false;
  let asOf: string | null = null;
  let usageMissing = false;
  const unpriced: { origin: string; model: string }[] = [];
  const priced = calls.filter((call) => call.onDevice !== true);
  if (priced.length === 0) return { kind: 'priced', usd: 0, basis: 'on-device', asOf: null };
  for (const call of priced) {
    const price = priceFor(call, overrides, table);
    if (price === null) {
      unpriced.push({ origin: originOf(call.baseUrl) ?? call.baseUrl, model: call.model });
      continue;
    }
    if (price.from.kind === 'yours') yours = true;
    else {
      list = true;
      if (asOf === null || price.from.asOf < asOf) asOf = price.from.asOf;
    }
    if (call.usage === null) usageMissing = true;
    else usd += dollars(call.usage, price);
  }
  if (unpriced.length > 0) return { kind: 'no-price', unpriced };
  if (usageMissing) return { kind: 'no-usage' };
  return { kind: 'priced', usd, basis: list && yours ? 'both' : yours ? 'yours' : 'list', asOf };
}

/** The dollars a history entry records: 0 for a cache hit, null whenever the cost is unknown. */
export function costUsdOf(cost: RequestCost | null | undefined, fromCache: boolean): number | null {
  if (fromCache || cost?.kind === 'cached') return 0;
  return cost?.kind === 'priced' ? cost.usd : null;
}

// --- The user's prices, as stored in the settings ------------------------------------------------

/** Prices above this are typing mistakes (the dearest public models cost a few hundred). */
export const PRICE_MAX_PER_MTOK = 10_000;
/** Enough for every endpoint a person uses; keeps the list well inside sync's 8 KB per item. */
export const PRICE_OVERRIDES_MAX = 40;
const MODEL_MAX_CHARS = 200;

/** An endpoint's origin from what the user typed (a base URL or an origin), or null. */
export function priceOrigin(text: string): string | null {
  const trimmed = text.trim();
  // `new URL('https:example.com')` parses, so insist on the `//` of an absolute URL.
  if (!/^https?:\/\//i.test(trimmed)) return null;
  return originOf(trimmed);
}

const PRICE_TEXT = new Intl.NumberFormat('en-US', {
  useGrouping: false,
  maximumFractionDigits: 12,
});

/** A price as the form shows it: `0.15`, never `1e-7`. */
export function priceText(value: number): string {
  return PRICE_TEXT.format(value);
}

/** A price typed as text ("0.15", "0", "2.5"): a finite number from 0 to PRICE_MAX_PER_MTOK. */
export function parsePrice(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value <= PRICE_MAX_PER_MTOK ? value : null;
}

export function isPriceModel(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && trimmed.length <= MODEL_MAX_CHARS;
}

function isPriceValue(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= PRICE_MAX_PER_MTOK
  );
}

/** One stored override, checked; null when it cannot be one. */
export function checkPriceOverride(raw: unknown): PriceOverride | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { origin, model, inputPerMTok, outputPerMTok } = raw as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof model !== 'string') return null;
  const checkedOrigin = priceOrigin(origin);
  if (checkedOrigin === null || !isPriceModel(model)) return null;
  if (!isPriceValue(inputPerMTok) || !isPriceValue(outputPerMTok)) return null;
  return { origin: checkedOrigin, model: model.trim(), inputPerMTok, outputPerMTok };
}

export interface NormalizedPriceOverrides {
  overrides: PriceOverride[];
  /** Stored entries that were not valid overrides (or repeated one already kept), left out. */
  dropped: number;
  /** The stored value was not a list at all. */
  invalid: boolean;
}

/**
 * What storage holds, as overrides: invalid entries and repeats of an endpoint's model are left
 * out (the first one wins, as on the form) and counted, so the settings page can say so.
 */
export function normalizePriceOverrides(raw: unknown): NormalizedPriceOverrides {
  if (raw === undefined) return { overrides: [], dropped: 0, invalid: false };
  if (!Array.isArray(raw)) return { overrides: [], dropped: 0, invalid: true };
  const overrides: PriceOverride[] = [];
  let dropped = 0;
  for (const entry of raw.slice(0, PRICE_OVERRIDES_MAX)) {
    const checked = checkPriceOverride(entry);
    if (
      checked === null ||
      overrides.some((o) => o.origin === checked.origin && o.model === checked.model)
    ) {
      dropped += 1;
    } else overrides.push(checked);
  }
  dropped += Math.max(0, raw.length - PRICE_OVERRIDES_MAX);
  return { overrides, dropped, invalid: false };
}
