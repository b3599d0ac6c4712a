import { MODE_LABELS, MODES, type Mode } from '../../lib/prompts/modes';
import {
  LENGTH_MAX_WORDS,
  LENGTH_MIN_WORDS,
  lengthFieldId,
  MESSAGES,
} from '../../lib/settings/validate-settings';
import { FieldError } from '../ui/field';
import { useOptionsStore } from './options-store';

/** Short names for the input labels ("Video draft length, minimum words"). */
const SHORT_MODE_NAMES: Record<Mode, string> = {
  general: 'General',
  reasoning: 'Reasoning',
  research: 'Research',
  socratic: 'Socratic',
  video: 'Video',
  image: 'Image',
};

const BOUND_WORDS = { min: 'minimum', max: 'maximum' } as const;

function LengthInput({ mode, bound }: { mode: Mode; bound: 'min' | 'max' }) {
  const id = lengthFieldId(mode, bound);
  const value = useOptionsStore((state) => state.form.draftLengths[mode][bound]);
  const error = useOptionsStore((state) => state.errors[id]);
  const setLength = useOptionsStore((state) => state.setLength);
  return (
    <div className="length-cell">
      <label htmlFor={id} className="visually-hidden">
        {`${SHORT_MODE_NAMES[mode]} draft length, ${BOUND_WORDS[bound]} words`}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={LENGTH_MIN_WORDS}
        max={LENGTH_MAX_WORDS}
        step={1}
        value={value}
        onChange={(event) => setLength(mode, bound, event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function LengthRow({ mode }: { mode: Mode }) {
  const minId = lengthFieldId(mode, 'min');
  const maxId = lengthFieldId(mode, 'max');
  const minError = useOptionsStore((state) => state.errors[minId]);
  const maxError = useOptionsStore((state) => state.errors[maxId]);
  return (
    <div className={minError || maxError ? 'length-row field-invalid' : 'length-row'}>
      <span className="length-mode" aria-hidden="true">
        {MODE_LABELS[mode]}
      </span>
      <LengthInput mode={mode} bound="min" />
      <span className="length-dash" aria-hidden="true">
        –
      </span>
      <LengthInput mode={mode} bound="max" />
      {(minError || maxError) && (
        <div className="length-errors">
          {minError && <FieldError id={`${minId}-error`} message={`Minimum: ${minError}`} />}
          {maxError && (
            <FieldError
              id={`${maxId}-error`}
              // The order message names both bounds already.
              message={maxError === MESSAGES.lengthOrder ? maxError : `Maximum: ${maxError}`}
            />
          )}
        </div>
      )}
    </div>
  );
}

export function DraftLengthsFieldset() {
  return (
    <fieldset className="subsection" aria-describedby="draft-lengths-hint">
      <legend className="subsection-title">Target draft length</legend>
      <p id="draft-lengths-hint" className="field-hint">
        Words per draft, by mode. Between {LENGTH_MIN_WORDS} and {LENGTH_MAX_WORDS}.
      </p>
      <div className="length-table">
        <div className="length-head" aria-hidden="true">
          <span>Mode</span>
          <span>Min words</span>
          <span />
          <span>Max words</span>
        </div>
        {MODES.map((mode) => (
          <LengthRow key={mode} mode={mode} />
        ))}
      </div>
    </fieldset>
  );
}
