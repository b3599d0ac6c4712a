import { isMode, MODE_LABELS, MODES } from '../../lib/prompts/modes';
import { DEFAULT_MODE_FIELD_ID } from '../../lib/settings/validate-settings';
import { Field } from '../ui/field';
import { DraftLengthsFieldset } from './draft-lengths-fieldset';
import { useOptionsStore } from './options-store';

function Toggle({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      </div>
    </div>
  );
}

export function GeneralSection() {
  const twoStage = useOptionsStore((state) => state.form.twoStageEnabled);
  const cache = useOptionsStore((state) => state.form.cacheEnabled);
  const mode = useOptionsStore((state) => state.form.defaultMode);
  const modeError = useOptionsStore((state) => state.errors[DEFAULT_MODE_FIELD_ID]);
  const setGeneral = useOptionsStore((state) => state.setGeneral);

  return (
    <fieldset className="card">
      <legend className="card-title">General</legend>
      <Toggle
        id="two-stage"
        label="Two-stage optimization"
        hint="Show the fast draft at once, then swap in the refined prompt when it is ready."
        checked={twoStage}
        onChange={(checked) => setGeneral({ twoStageEnabled: checked })}
      />
      <Toggle
        id="cache-results"
        label="Cache results"
        hint="Reuse the result when the same prompt is optimized again."
        checked={cache}
        onChange={(checked) => setGeneral({ cacheEnabled: checked })}
      />
      <Field
        id={DEFAULT_MODE_FIELD_ID}
        label="Default mode"
        hint="Used when you optimize without picking a mode."
        error={modeError}
        className="field-narrow"
      >
        {(control) => (
          <select
            {...control}
            value={mode}
            onChange={(event) => {
              if (isMode(event.target.value)) setGeneral({ defaultMode: event.target.value });
            }}
          >
            {MODES.map((value) => (
              <option key={value} value={value}>
                {MODE_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DraftLengthsFieldset />
    </fieldset>
  );
}
