import { create } from 'zustand';
import type { KeyStatusReply } from '../../lib/messaging/protocol';
import {
  PROVIDER_PRESETS,
  presetModel,
  type ProviderPresetId,
} from '../../lib/settings/provider-presets';
import { DEFAULT_DRAFT_LENGTH, type Mode } from '../../lib/prompts/modes';
import { DEFAULT_TIMEOUT_MS, type StageName } from '../../lib/settings/settings-store';
import {
  DEFAULT_MODE_FIELD_ID,
  formFromValues,
  lengthFieldId,
  NO_CONTEXT_SITES_FIELD_ID,
  PRICE_FIELD_PREFIX,
  PRICES_FIELD_ID,
  priceFieldId,
  stageFieldId,
  type PriceField,
  type PriceForm,
  type SettingsErrors,
  type SettingsForm,
  type SettingsValues,
  type StageField,
  type StageForm,
} from '../../lib/settings/validate-settings';

/**
 * Ephemeral page state only: what is being typed, its errors, and in-flight work. The settings
 * themselves live in the wxt storage items; `saved` mirrors them for comparisons and the status.
 */

export type TestState =
  | { status: 'idle' }
  | { status: 'testing' }
  | { status: 'ok'; text: string }
  | { status: 'error'; text: string };

export type SaveNotice = { kind: 'saved' | 'error'; text: string; id: number } | null;

type GeneralPatch = Partial<
  Pick<
    SettingsForm,
    | 'twoStageEnabled'
    | 'defaultMode'
    | 'cacheEnabled'
    | 'sendPageContext'
    | 'noContextSites'
    | 'warmConnection'
  >
>;

interface OptionsState {
  phase: 'loading' | 'ready';
  /** The saved settings, as the form shows them. */
  saved: SettingsForm;
  form: SettingsForm;
  errors: SettingsErrors;
  saving: boolean;
  notice: SaveNotice;
  tests: Record<StageName, TestState>;
  /** Which keys the background holds, for which host (never the keys). */
  keyStatus: KeyStatusReply;
  /** Settings that were reset to defaults on load, in words. */
  loadNotice: string | null;
  /** What the last Save did besides saving (keys forgotten, host access refused). */
  saveNotes: string[];
  cacheState: TestState;

  loaded: (values: SettingsValues, keyStatus: KeyStatusReply, notice: string | null) => void;
  setKeyStatus: (keyStatus: KeyStatusReply) => void;
  setReuseKey: (stage: StageName, reuse: boolean) => void;
  setCacheState: (state: TestState) => void;
  /** Storage changed underneath the page (another tab, sync, or our own save settling). */
  storageChanged: (values: SettingsValues) => void;
  setStageField: (stage: StageName, field: Exclude<StageField, 'preset'>, value: string) => void;
  choosePreset: (stage: StageName, preset: ProviderPresetId) => void;
  setGeneral: (patch: GeneralPatch) => void;
  setLength: (mode: Mode, bound: 'min' | 'max', value: string) => void;
  /** Adds a row of the user's prices, empty or for a given endpoint and model. */
  addPrice: (prefill?: Partial<PriceForm>) => void;
  removePrice: (index: number) => void;
  setPrice: (index: number, field: PriceField, value: string) => void;
  saveStarted: () => void;
  saveRejected: (errors: SettingsErrors, text: string) => void;
  saveSucceeded: (values: SettingsValues, notes: string[]) => void;
  saveFailed: (text: string) => void;
  clearNotice: (id: number) => void;
  setTest: (stage: StageName, state: TestState) => void;
}

function presetStage(stage: StageName, preset: ProviderPresetId): StageForm {
  const { baseUrl } = PROVIDER_PRESETS[preset];
  const model = presetModel(preset, stage);
  return {
    preset,
    apiKey: '',
    reuseKey: false,
    baseUrl,
    model,
    timeoutMs: String(DEFAULT_TIMEOUT_MS[stage]),
  };
}

/** The defaults: the placeholder until storage answers, and what shows if it cannot be read. */
export const DEFAULT_VALUES: SettingsValues = {
  draft: { ...presetStage('draft', 'groq'), timeoutMs: DEFAULT_TIMEOUT_MS.draft },
  refinement: { ...presetStage('refinement', 'openai'), timeoutMs: DEFAULT_TIMEOUT_MS.refinement },
  twoStageEnabled: true,
  defaultMode: 'general',
  cacheEnabled: true,
  warmConnection: true,
  draftLengths: DEFAULT_DRAFT_LENGTH,
  sendPageContext: true,
  noContextSites: [],
  priceOverrides: [],
};

const INITIAL_FORM: SettingsForm = formFromValues(DEFAULT_VALUES);

const IDLE: TestState = { status: 'idle' };

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rows shift when one is added or removed: their errors no longer point at the right inputs. */
function withoutPriceErrors(errors: SettingsErrors): SettingsErrors {
  const ids = Object.keys(errors).filter((id) => id.startsWith(PRICE_FIELD_PREFIX));
  return without(errors, [...ids, PRICES_FIELD_ID]);
}

function without(errors: SettingsErrors, ids: string[]): SettingsErrors {
  if (!ids.some((id) => id in errors)) return errors;
  const next = { ...errors };
  for (const id of ids) delete next[id];
  return next;
}

let noticeId = 0;

export const useOptionsStore = create<OptionsState>()((set) => ({
  phase: 'loading',
  saved: INITIAL_FORM,
  form: INITIAL_FORM,
  errors: {},
  saving: false,
  notice: null,
  tests: { draft: IDLE, refinement: IDLE },
  keyStatus: { draft: { saved: false }, refinement: { saved: false } },
  loadNotice: null,
  saveNotes: [],
  cacheState: IDLE,

  loaded: (values, keyStatus, loadNotice) => {
    const form = formFromValues(values);
    set({ phase: 'ready', saved: form, form, keyStatus, loadNotice });
  },

  setKeyStatus: (keyStatus) => set({ keyStatus }),

  setReuseKey: (stage, reuseKey) =>
    set((state) => ({ form: { ...state.form, [stage]: { ...state.form[stage], reuseKey } } })),

  setCacheState: (cacheState) => set({ cacheState }),

  storageChanged: (values) =>
    set((state) => {
      const saved = formFromValues(values);
      if (sameJson(saved, state.saved)) return {};
      // Untouched parts of the form follow storage; the user's unsaved edits are kept.
      const form = { ...state.form };
      for (const key of Object.keys(saved) as (keyof SettingsForm)[]) {
        if (!state.saving && sameJson(state.form[key], state.saved[key])) {
          (form as Record<keyof SettingsForm, unknown>)[key] = saved[key];
        }
      }
      return { saved, form };
    }),

  setStageField: (stage, field, value) =>
    set((state) => ({
      form: { ...state.form, [stage]: { ...state.form[stage], [field]: value } },
      errors: without(state.errors, [stageFieldId(stage, field)]),
    })),

  choosePreset: (stage, preset) =>
    set((state) => {
      const { baseUrl } = PROVIDER_PRESETS[preset];
      const model = presetModel(preset, stage);
      return {
        form: { ...state.form, [stage]: { ...state.form[stage], preset, baseUrl, model } },
        errors: without(
          state.errors,
          (['preset', 'baseUrl', 'model'] as const).map((field) => stageFieldId(stage, field)),
        ),
      };
    }),

  setGeneral: (patch) =>
    set((state) => ({
      form: { ...state.form, ...patch },
      // Editing the list, or turning page context off (which makes the list unused), answers it.
      errors: without(state.errors, [
        DEFAULT_MODE_FIELD_ID,
        ...('noContextSites' in patch || patch.sendPageContext === false
          ? [NO_CONTEXT_SITES_FIELD_ID]
          : []),
      ]),
    })),

  setLength: (mode, bound, value) =>
    set((state) => ({
      form: {
        ...state.form,
        draftLengths: {
          ...state.form.draftLengths,
          [mode]: { ...state.form.draftLengths[mode], [bound]: value },
        },
      },
      // The pair is checked together, so fixing one bound may fix the other's message.
      errors: without(state.errors, [lengthFieldId(mode, 'min'), lengthFieldId(mode, 'max')]),
    })),

  addPrice: (prefill) =>
    set((state) => ({
      form: {
        ...state.form,
        priceOverrides: [
          ...state.form.priceOverrides,
          { origin: '', model: '', inputPerMTok: '', outputPerMTok: '', ...prefill },
        ],
      },
      errors: withoutPriceErrors(state.errors),
    })),

  removePrice: (index) =>
    set((state) => ({
      form: {
        ...state.form,
        priceOverrides: state.form.priceOverrides.filter((_, i) => i !== index),
      },
      errors: withoutPriceErrors(state.errors),
    })),

  setPrice: (index, field, value) =>
    set((state) => ({
      form: {
        ...state.form,
        priceOverrides: state.form.priceOverrides.map((row, i) =>
          i === index ? { ...row, [field]: value } : row,
        ),
      },
      // A repeated address and model is reported on the model: either edit may answer it.
      errors: without(state.errors, [
        priceFieldId(index, field),
        ...(field === 'origin' ? [priceFieldId(index, 'model')] : []),
      ]),
    })),

  saveStarted: () => set({ saving: true, notice: null, saveNotes: [] }),

  saveRejected: (errors, text) =>
    set({ saving: false, errors, notice: { kind: 'error', text, id: ++noticeId } }),

  saveSucceeded: (values, saveNotes) =>
    set((state) => {
      const form = formFromValues(values);
      // A test result describes settings that may no longer be saved.
      const tests = { ...state.tests };
      for (const stage of ['draft', 'refinement'] as const) {
        if (!sameJson(form[stage], state.saved[stage])) tests[stage] = IDLE;
      }
      return {
        saving: false,
        saved: form,
        form,
        errors: {},
        tests,
        saveNotes,
        // Defaults shown for bad stored values are now what is saved.
        loadNotice: null,
        notice: { kind: 'saved', text: 'Saved', id: ++noticeId },
      };
    }),

  saveFailed: (text) => set({ saving: false, notice: { kind: 'error', text, id: ++noticeId } }),

  clearNotice: (id) => set((state) => (state.notice?.id === id ? { notice: null } : {})),

  setTest: (stage, test) => set((state) => ({ tests: { ...state.tests, [stage]: test } })),
}));

/** Whether a stage's form differs from what is saved (the connection test uses saved values). */
export function useStageDirty(stage: StageName): boolean {
  return useOptionsStore((state) => !sameJson(state.form[stage], state.saved[stage]));
}

export function useFormDirty(): boolean {
  return useOptionsStore((state) => !sameJson(state.form, state.saved));
}
