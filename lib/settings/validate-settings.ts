import { isPresetId, type ProviderPresetId } from './provider-presets';
import { isMode, MODES, type Mode } from '../prompts/modes';
import {
  checkBaseUrl,
  httpOriginNeedingConfirmation,
  INSECURE_URL_WORDS,
  unconfirmedUrlWords,
} from './base-url-rules';
import {
  LENGTH_MAX_WORDS,
  LENGTH_MIN_WORDS,
  TIMEOUT_MAX_MS,
  TIMEOUT_MIN_MS,
} from './normalize-settings';
import type { DraftLengths } from './settings-items';
import { parseSiteLines, SITE_LIST_MAX_CHARS } from './site-hosts';
import {
  isPriceModel,
  parsePrice,
  priceOrigin,
  PRICE_MAX_PER_MTOK,
  PRICE_OVERRIDES_MAX,
  priceText,
  type PriceOverride,
} from '../insights/prices';
import type { StageConfig, StageName } from './settings-store';
import { isOnDeviceFor, presetModel, presetServes } from './provider-presets';

export { LENGTH_MAX_WORDS, LENGTH_MIN_WORDS, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS };

export const STAGES = ['draft', 'refinement'] as const satisfies readonly StageName[];

export const MESSAGES = {
  baseUrl: 'Enter a full URL such as https://api.openai.com/v1',
  baseUrlInsecure: INSECURE_URL_WORDS,
  timeout: `Enter a number of milliseconds between ${TIMEOUT_MIN_MS} and ${TIMEOUT_MAX_MS}`,
  model: 'Enter a model name',
  preset: 'Choose a provider',
  mode: 'Choose a mode',
  length: `Enter a whole number of words between ${LENGTH_MIN_WORDS} and ${LENGTH_MAX_WORDS}`,
  lengthOrder: 'The maximum must not be below the minimum',
  priceOrigin:
    'Enter the provider’s address as in its base URL, such as https://openrouter.ai or http://localhost:11434',
  priceModel: 'Enter the model name exactly as in the provider settings',
  price: `Enter US dollars per million tokens, from 0 to ${PRICE_MAX_PER_MTOK.toLocaleString('en')}, such as 0.15 (0 for a free or local model)`,
  priceRepeated: 'This model at this address already has a price above: change or remove one',
  pricesTooMany: `Keep at most ${PRICE_OVERRIDES_MAX} prices`,
  sitesTooLong: `This list is too long to sync with your browser: remove some sites (it holds about ${SITE_LIST_MAX_CHARS.toLocaleString('en')} characters)`,
} as const;

/** Words for the entries that name no site, quoted so the user finds the line to fix. */
export function invalidSitesMessage(invalid: readonly string[]): string {
  const shown = invalid.slice(0, 3).map((entry) => `“${entry.slice(0, 60)}”`);
  const more = invalid.length > 3 ? ` and ${invalid.length - 3} more` : '';
  const subject =
    invalid.length === 1
      ? `${shown[0]} is not a site’s host name`
      : `${shown.join(', ')}${more} are not sites’ host names`;
  return `${subject}. Enter one host per line, such as mail.example.com`;
}

/** What the user typed: inputs stay strings until validated, so a half-typed number survives. */
export interface StageForm {
  preset: ProviderPresetId;
  /** A new key being typed; a saved key is never shown (the background keeps it). */
  apiKey: string;
  /** The user confirmed that the key saved for another host may go to this one too. */
  reuseKey: boolean;
  baseUrl: string;
  model: string;
  timeoutMs: string;
}

/** One of the user's prices as typed (numbers stay strings until validated). */
export interface PriceForm {
  origin: string;
  model: string;
  inputPerMTok: string;
  outputPerMTok: string;
}

export type PriceField = keyof PriceForm;

export interface LengthForm {
  min: string;
  max: string;
}

export interface SettingsForm {
  draft: StageForm;
  refinement: StageForm;
  twoStageEnabled: boolean;
  defaultMode: Mode;
  cacheEnabled: boolean;
  draftLengths: Record<Mode, LengthForm>;
  sendPageContext: boolean;
  /** The textarea's text: one host per line. */
  noContextSites: string;
  warmConnection: boolean;
  priceOverrides: PriceForm[];
}

/** Everything the storage items hold, in their own types. */
export interface SettingsValues {
  draft: StageConfig;
  refinement: StageConfig;
  twoStageEnabled: boolean;
  defaultMode: Mode;
  cacheEnabled: boolean;
  draftLengths: DraftLengths;
  sendPageContext: boolean;
  noContextSites: string[];
  warmConnection: boolean;
  priceOverrides: PriceOverride[];
}

export type StageField = 'preset' | 'apiKey' | 'baseUrl' | 'model' | 'timeoutMs';

/** Element ids double as error keys, so an error finds its input without a lookup table. */
export function stageFieldId(stage: StageName, field: StageField): string {
  const suffix: Record<StageField, string> = {
    preset: 'preset',
    apiKey: 'api-key',
    baseUrl: 'base-url',
    model: 'model',
    timeoutMs: 'timeout',
  };
  return `${stage}-${suffix[field]}`;
}

export function lengthFieldId(mode: Mode, bound: 'min' | 'max'): string {
  return `length-${mode}-${bound}`;
}

/** `price-1-origin` … for the first row: ids count from 1, like the labels. */
export function priceFieldId(index: number, field: PriceField): string {
  const suffix: Record<PriceField, string> = {
    origin: 'origin',
    model: 'model',
    inputPerMTok: 'input',
    outputPerMTok: 'output',
  };
  return `price-${index + 1}-${suffix[field]}`;
}

export const PRICE_FIELD_PREFIX = 'price-';
export const PRICES_FIELD_ID = 'prices-add';

export const DEFAULT_MODE_FIELD_ID = 'default-mode';
export const SEND_PAGE_CONTEXT_FIELD_ID = 'send-page-context';
export const NO_CONTEXT_SITES_FIELD_ID = 'no-context-sites';

export type SettingsErrors = Record<string, string>;

export type ValidationResult =
  { ok: true; values: SettingsValues } | { ok: false; errors: SettingsErrors };

const WHOLE_NUMBER = /^\d+$/;

function parseWhole(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!WHOLE_NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/**
 * A preset that does not serve the stage (the on-device model as the refinement) is refused; the
 * on-device draft has no endpoint or key: base URL '' and nothing else (see normalize). Undefined
 * for every other stage, which the URL rules check.
 */
function validatePresetStage(
  stage: StageName,
  form: StageForm,
  errors: SettingsErrors,
): StageConfig | null | undefined {
  if (!isPresetId(form.preset)) return undefined;
  if (!presetServes(form.preset, stage)) {
    errors[stageFieldId(stage, 'preset')] = MESSAGES.preset;
    return null;
  }
  if (!isOnDeviceFor(stage, form.preset)) return undefined;
  const timeoutMs = parseWhole(form.timeoutMs, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS);
  const model = form.model.trim() || presetModel(form.preset, stage);
  if (timeoutMs === null) {
    errors[stageFieldId(stage, 'timeoutMs')] = MESSAGES.timeout;
    return null;
  }
  return { preset: form.preset, apiKey: '', baseUrl: '', model, timeoutMs };
}

function validateStage(
  stage: StageName,
  form: StageForm,
  errors: SettingsErrors,
  confirmedOrigins: readonly string[],
): StageConfig | null {
  const special = validatePresetStage(stage, form, errors);
  if (special !== undefined) return special;
  const id = (field: StageField) => stageFieldId(stage, field);
  const checked = checkBaseUrl(form.baseUrl, confirmedOrigins);
  const baseUrl = checked.ok ? checked.url : null;
  const timeoutMs = parseWhole(form.timeoutMs, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS);
  const model = form.model.trim();
  if (!isPresetId(form.preset)) errors[id('preset')] = MESSAGES.preset;
  if (!checked.ok) {
    const lan = httpOriginNeedingConfirmation(form.baseUrl.trim());
    errors[id('baseUrl')] =
      checked.problem === 'unconfirmed' && lan !== null
        ? unconfirmedUrlWords(lan)
        : checked.problem === 'insecure'
          ? MESSAGES.baseUrlInsecure
          : MESSAGES.baseUrl;
  }
  if (model === '') errors[id('model')] = MESSAGES.model;
  if (timeoutMs === null) errors[id('timeoutMs')] = MESSAGES.timeout;
  if (!isPresetId(form.preset) || baseUrl === null || model === '' || timeoutMs === null) {
    return null;
  }
  return { preset: form.preset, apiKey: form.apiKey.trim(), baseUrl, model, timeoutMs };
}

/** The user's prices; a row left wholly empty is dropped, not an error. */
function validatePrices(rows: readonly PriceForm[], errors: SettingsErrors): PriceOverride[] {
  const prices: PriceOverride[] = [];
  const filled = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) =>
      [row.origin, row.model, row.inputPerMTok, row.outputPerMTok].some(
        (text) => text.trim() !== '',
      ),
    );
  if (filled.length > PRICE_OVERRIDES_MAX) errors[PRICES_FIELD_ID] = MESSAGES.pricesTooMany;
  for (const { row, index } of filled) {
    const id = (field: PriceField) => priceFieldId(index, field);
    const origin = priceOrigin(row.origin);
    const model = row.model.trim();
    const input = parsePrice(row.inputPerMTok);
    const output = parsePrice(row.outputPerMTok);
    if (origin === null) errors[id('origin')] = MESSAGES.priceOrigin;
    if (!isPriceModel(model)) errors[id('model')] = MESSAGES.priceModel;
    if (input === null) errors[id('inputPerMTok')] = MESSAGES.price;
    if (output === null) errors[id('outputPerMTok')] = MESSAGES.price;
    if (origin === null || !isPriceModel(model) || input === null || output === null) continue;
    if (prices.some((p) => p.origin === origin && p.model === model)) {
      errors[id('model')] = MESSAGES.priceRepeated;
      continue;
    }
    prices.push({ origin, model, inputPerMTok: input, outputPerMTok: output });
  }
  return prices;
}

/**
 * Checks the whole form at once, so every problem shows on the first Save. `confirmedOrigins`:
 * the network origins the user allowed plain http:// to (settings-items.ts).
 */
export function validateSettings(
  form: SettingsForm,
  confirmedOrigins: readonly string[] = [],
): ValidationResult {
  const errors: SettingsErrors = {};
  const draft = validateStage('draft', form.draft, errors, confirmedOrigins);
  const refinement = validateStage('refinement', form.refinement, errors, confirmedOrigins);
  if (!isMode(form.defaultMode)) errors[DEFAULT_MODE_FIELD_ID] = MESSAGES.mode;

  const draftLengths = {} as DraftLengths;
  for (const mode of MODES) {
    const range = form.draftLengths[mode];
    const min = parseWhole(range.min, LENGTH_MIN_WORDS, LENGTH_MAX_WORDS);
    const max = parseWhole(range.max, LENGTH_MIN_WORDS, LENGTH_MAX_WORDS);
    if (min === null) errors[lengthFieldId(mode, 'min')] = MESSAGES.length;
    if (max === null) errors[lengthFieldId(mode, 'max')] = MESSAGES.length;
    else if (min !== null && max < min) errors[lengthFieldId(mode, 'max')] = MESSAGES.lengthOrder;
    if (min !== null && max !== null) draftLengths[mode] = { min, max };
  }

  // With page context off the list is unused and its textarea disabled: entries that name no
  // site are left out on Save (the caller says so) rather than blocking it on a field the user
  // cannot edit.
  const sites = parseSiteLines(form.noContextSites);
  if (form.sendPageContext && sites.invalid.length > 0) {
    errors[NO_CONTEXT_SITES_FIELD_ID] = invalidSitesMessage(sites.invalid);
  } else if (JSON.stringify(sites.hosts).length > SITE_LIST_MAX_CHARS) {
    errors[NO_CONTEXT_SITES_FIELD_ID] = MESSAGES.sitesTooLong;
  }

  const priceOverrides = validatePrices(form.priceOverrides, errors);

  if (!draft || !refinement || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    values: {
      draft,
      refinement,
      twoStageEnabled: form.twoStageEnabled,
      defaultMode: form.defaultMode,
      cacheEnabled: form.cacheEnabled,
      draftLengths,
      sendPageContext: form.sendPageContext,
      noContextSites: sites.hosts,
      warmConnection: form.warmConnection,
      priceOverrides,
    },
  };
}

/** The inverse of validation: saved values as the form shows them. */
export function formFromValues(values: SettingsValues): SettingsForm {
  const stageForm = (config: StageConfig): StageForm => ({
    preset: config.preset,
    apiKey: config.apiKey,
    reuseKey: false,
    baseUrl: config.baseUrl,
    model: config.model,
    timeoutMs: String(config.timeoutMs),
  });
  const draftLengths = {} as Record<Mode, LengthForm>;
  for (const mode of MODES) {
    const range = values.draftLengths[mode];
    draftLengths[mode] = { min: String(range.min), max: String(range.max) };
  }
  return {
    draft: stageForm(values.draft),
    refinement: stageForm(values.refinement),
    twoStageEnabled: values.twoStageEnabled,
    defaultMode: values.defaultMode,
    cacheEnabled: values.cacheEnabled,
    draftLengths,
    sendPageContext: values.sendPageContext,
    noContextSites: values.noContextSites.join('\n'),
    warmConnection: values.warmConnection,
    priceOverrides: values.priceOverrides.map((price) => ({
      origin: price.origin,
      model: price.model,
      inputPerMTok: priceText(price.inputPerMTok),
      outputPerMTok: priceText(price.outputPerMTok),
    })),
  };
}
