import { PROVIDER_PRESETS, isPresetId } from '../../lib/providers/provider-presets';
import type { StageName } from '../../lib/settings/stage-settings';
import { stageFieldId, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS } from '../../lib/settings/validate-settings';
import { Field } from '../ui/field';
import { PasswordInput } from '../ui/password-input';
import { useOptionsStore } from './options-store';
import { TestConnectionControl } from './test-connection-control';

const STAGE_COPY: Record<StageName, { title: string; intro: string }> = {
  draft: {
    title: 'Draft',
    intro: 'A fast model writes a first optimized prompt the moment you ask.',
  },
  refinement: {
    title: 'Refinement',
    intro: 'A stronger model improves the draft a few seconds later.',
  },
};

const PRESET_IDS = Object.keys(PROVIDER_PRESETS) as (keyof typeof PROVIDER_PRESETS)[];

export function StageSection({ stage }: { stage: StageName }) {
  const form = useOptionsStore((state) => state.form[stage]);
  const errors = useOptionsStore((state) => state.errors);
  const setField = useOptionsStore((state) => state.setStageField);
  const choosePreset = useOptionsStore((state) => state.choosePreset);
  const { title, intro } = STAGE_COPY[stage];
  const id = (field: Parameters<typeof stageFieldId>[1]) => stageFieldId(stage, field);
  const preset = PROVIDER_PRESETS[form.preset];

  return (
    <fieldset className="card" aria-describedby={`${stage}-intro`}>
      <legend className="card-title">{title}</legend>
      <p id={`${stage}-intro`} className="card-intro">
        {intro}
      </p>

      <div className="field-grid">
        <Field
          id={id('preset')}
          label={`${title} provider`}
          error={errors[id('preset')]}
          hint={
            preset.keyUrl ? (
              <a href={preset.keyUrl} target="_blank" rel="noopener noreferrer">
                Get your {preset.label} API key
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              'Any server that speaks the OpenAI chat completions API, such as Ollama or LM Studio.'
            )
          }
        >
          {(control) => (
            <select
              {...control}
              value={form.preset}
              onChange={(event) => {
                if (isPresetId(event.target.value)) choosePreset(stage, event.target.value);
              }}
            >
              {PRESET_IDS.map((presetId) => (
                <option key={presetId} value={presetId}>
                  {PROVIDER_PRESETS[presetId].label}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          id={id('apiKey')}
          label={`${title} API key`}
          error={errors[id('apiKey')]}
          hint="Stored on this device only, never synced."
        >
          {(control) => (
            <PasswordInput
              {...control}
              value={form.apiKey}
              onValueChange={(value) => setField(stage, 'apiKey', value)}
              secretName={`${title} API key`}
              placeholder={
                form.preset === 'custom' ? 'Optional for local servers' : 'Paste your key'
              }
            />
          )}
        </Field>

        <Field
          id={id('baseUrl')}
          label={`${title} base URL`}
          error={errors[id('baseUrl')]}
          className="field-wide"
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              value={form.baseUrl}
              onChange={(event) => setField(stage, 'baseUrl', event.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={preset.baseUrl}
            />
          )}
        </Field>

        <Field id={id('model')} label={`${title} model`} error={errors[id('model')]}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={form.model}
              onChange={(event) => setField(stage, 'model', event.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={preset.model}
            />
          )}
        </Field>

        <Field id={id('timeoutMs')} label={`${title} timeout (ms)`} error={errors[id('timeoutMs')]}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={TIMEOUT_MIN_MS}
              max={TIMEOUT_MAX_MS}
              step={1}
              value={form.timeoutMs}
              onChange={(event) => setField(stage, 'timeoutMs', event.target.value)}
            />
          )}
        </Field>
      </div>

      <TestConnectionControl stage={stage} />
    </fieldset>
  );
}
