import {
  isPresetId,
  keyRequired,
  presetsFor,
  PROVIDER_PRESETS,
} from '../../lib/settings/provider-presets';
import { keyFieldState, type KeyFieldState } from '../../lib/settings/key-plan';
import type { StageName } from '../../lib/settings/settings-store';
import { stageFieldId, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS } from '../../lib/settings/validate-settings';
import { Field } from '../ui/field';
import { PasswordInput } from '../ui/password-input';
import { HttpConfirmation } from './http-confirmation';
import { forgetKey } from './key-requests';
import { useOptionsStore } from './options-store';
import { useLocked } from './managed-policy-state';
import { StagePolicyNote } from './policy-locked';
import { TestConnectionControl } from './test-connection-control';
import { ModelPicker } from './model-picker';
import { OnDeviceStatus, useOnDeviceState } from './on-device-status';
import { onDeviceSelectable, unavailableReason } from '../../lib/settings/on-device-model';
import { browserFamily } from '../../lib/platform/browser-words';

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

function keyHint(state: KeyFieldState): string {
  switch (state.kind) {
    case 'saved':
      return `Saved key for ${state.host} ending in ${state.last4} — type to replace.`;
    case 'other-host':
      return `Your saved key is for ${state.oldHost}, not ${state.newHost}.`;
    case 'none':
      return 'Kept on this device only, where only Prompt Relay’s background can read it.';
  }
}

function keyPlaceholder(state: KeyFieldState, needed: boolean): string {
  if (state.kind === 'saved') {
    return `Saved key for ${state.host} ending in ${state.last4} — type to replace`;
  }
  if (state.kind === 'other-host') return `Paste your key for ${state.newHost}`;
  return needed ? 'Paste your key' : 'Not needed for this server';
}

/** The saved key is for another host: a new key, or an explicit yes, before it may go there. */
function OtherHostKey({
  stage,
  state,
}: {
  stage: StageName;
  state: Extract<KeyFieldState, { kind: 'other-host' }>;
}) {
  const typed = useOptionsStore((s) => s.form[stage].apiKey.trim() !== '');
  const reuse = useOptionsStore((s) => s.form[stage].reuseKey);
  const setReuseKey = useOptionsStore((s) => s.setReuseKey);
  const id = `${stage}-reuse-key`;
  if (typed) return null;
  return (
    <div className="key-warning" role="alert">
      <p>
        Your saved key is for {state.oldHost}. Enter a key for {state.newHost} above, or confirm
        below — otherwise Save forgets the saved key, so it is never sent to {state.newHost}.
      </p>
      <div className="check-field">
        <input
          id={id}
          type="checkbox"
          checked={reuse}
          onChange={(event) => setReuseKey(stage, event.target.checked)}
        />
        <label htmlFor={id}>
          Use my {state.oldHost} key for {state.newHost} too
        </label>
      </div>
    </div>
  );
}

/** Keys are deletable on their own: the secret store keeps nothing the user cannot remove. */
function RemoveKeyButton({ stage, title }: { stage: StageName; title: string }) {
  const setKeyStatus = useOptionsStore((s) => s.setKeyStatus);
  return (
    <button
      type="button"
      className="link"
      onClick={() => void forgetKey(stage).then((result) => setKeyStatus(result.status))}
    >
      Delete {title} key
    </button>
  );
}

/** Beside the on-device preset's name when it cannot be chosen here. */
function optionReason(reason: string | null): string {
  return reason ? ` — ${reason}` : '';
}

export function StageSection({ stage }: { stage: StageName }) {
  const form = useOptionsStore((state) => state.form[stage]);
  const errors = useOptionsStore((state) => state.errors);
  const setField = useOptionsStore((state) => state.setStageField);
  const choosePreset = useOptionsStore((state) => state.choosePreset);
  const status = useOptionsStore((state) => state.keyStatus[stage]);
  const keyState = keyFieldState(status, form.baseUrl);
  const { title, intro } = STAGE_COPY[stage];
  const locked = {
    preset: useLocked(`${stage}.preset`),
    baseUrl: useLocked(`${stage}.baseUrl`),
    model: useLocked(`${stage}.model`),
    timeoutMs: useLocked(`${stage}.timeoutMs`),
  };
  const id = (field: Parameters<typeof stageFieldId>[1]) => stageFieldId(stage, field);
  const preset = PROVIDER_PRESETS[form.preset];
  const needsKey = keyRequired(form.preset, form.baseUrl);
  // The on-device model has no key, endpoint or model name to set: those fields are hidden.
  const onDevice = preset.kind === 'on-device';
  const [onDeviceState] = useOnDeviceState();
  const presetHint = preset.keyUrl ? (
    <>
      <a href={preset.keyUrl} target="_blank" rel="noopener noreferrer">
        Get your {preset.label} API key
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
      {preset.note ? ` ${preset.note}` : null}
    </>
  ) : preset.kind === 'custom' ? (
    'Any server that speaks the OpenAI chat completions API: a gateway, or a server on this computer.'
  ) : (
    (preset.note ?? 'No key needed.')
  );

  return (
    <fieldset className="card" aria-describedby={`${stage}-intro`}>
      <legend className="card-title">{title}</legend>
      <p id={`${stage}-intro`} className="card-intro">
        {intro}
      </p>
      <StagePolicyNote stage={stage} />

      <div className="field-grid">
        <Field
          id={id('preset')}
          label={`${title} provider`}
          error={errors[id('preset')]}
          hint={presetHint}
        >
          {(control) => (
            <select
              {...control}
              value={form.preset}
              disabled={locked.preset}
              onChange={(event) => {
                if (isPresetId(event.target.value)) choosePreset(stage, event.target.value);
              }}
            >
              {presetsFor(stage).map((row) => (
                <option
                  key={row.id}
                  value={row.id}
                  disabled={
                    row.kind === 'on-device' && !onDeviceSelectable(onDeviceState ?? 'missing')
                  }
                >
                  {row.kind === 'on-device' && onDeviceState !== null
                    ? `${row.label}${optionReason(unavailableReason(onDeviceState, browserFamily()))}`
                    : row.label}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          id={id('apiKey')}
          label={`${title} API key`}
          error={errors[id('apiKey')]}
          {...(onDevice ? { className: 'field-hidden' } : {})}
          hint={
            keyState.kind === 'saved' ? (
              <>
                {keyHint(keyState)} <RemoveKeyButton stage={stage} title={title} />
              </>
            ) : (
              keyHint(keyState)
            )
          }
        >
          {(control) => (
            <PasswordInput
              {...control}
              value={form.apiKey}
              onValueChange={(value) => setField(stage, 'apiKey', value)}
              secretName={`${title} API key`}
              placeholder={keyPlaceholder(keyState, needsKey)}
            />
          )}
        </Field>

        <Field
          id={id('baseUrl')}
          label={`${title} base URL`}
          error={errors[id('baseUrl')]}
          className={onDevice ? 'field-hidden' : 'field-wide'}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              value={form.baseUrl}
              disabled={locked.baseUrl}
              onChange={(event) => setField(stage, 'baseUrl', event.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={preset.baseUrl}
            />
          )}
        </Field>

        <Field
          id={id('model')}
          label={`${title} model`}
          error={errors[id('model')]}
          {...(onDevice ? { className: 'field-hidden' } : {})}
        >
          {(control) => (
            <ModelPicker stage={stage} title={title} control={control} disabled={locked.model} />
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
              disabled={locked.timeoutMs}
              onChange={(event) => setField(stage, 'timeoutMs', event.target.value)}
            />
          )}
        </Field>
        {keyState.kind === 'other-host' && <OtherHostKey stage={stage} state={keyState} />}
        <HttpConfirmation stage={stage} />
      </div>

      {onDevice ? <OnDeviceStatus /> : <TestConnectionControl stage={stage} />}
    </fieldset>
  );
}
