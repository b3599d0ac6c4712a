import { useState, type InputHTMLAttributes, type ReactNode } from 'react';

interface PasswordInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'onChange' | 'value'
> {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  /** What the secret is, for the toggle's name ("Show Draft API key"). */
  secretName: string;
}

/** A secret input with a reveal toggle, so a pasted key can be checked without retyping it. */
export function PasswordInput({
  id,
  value,
  onValueChange,
  secretName,
  ...rest
}: PasswordInputProps) {
  const [revealed, setRevealed] = useState(false);
  const action = `${revealed ? 'Hide' : 'Show'} ${secretName}`;
  return (
    <div className="input-group">
      <input
        {...rest}
        id={id}
        type={revealed ? 'text' : 'password'}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        // Password managers have no business filling an API key field.
        data-1p-ignore=""
        data-lpignore="true"
      />
      <button
        type="button"
        className="input-group-button"
        aria-pressed={revealed}
        aria-controls={id}
        title={action}
        onClick={() => setRevealed((shown) => !shown)}
      >
        {revealed ? <EyeOffIcon /> : <EyeIcon />}
        {/* Named by hidden text, not aria-label, so a search by label ("Draft API key") finds only
            the input. */}
        <span className="visually-hidden">{action}</span>
      </button>
    </div>
  );
}

/** The stroke style both icons share. */
function StrokeIcon({ children }: { children: ReactNode }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" focusable="false">
      <g
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {children}
      </g>
    </svg>
  );
}

function EyeIcon() {
  return (
    <StrokeIcon>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" />
      <circle cx="12" cy="12" r="3" />
    </StrokeIcon>
  );
}

function EyeOffIcon() {
  return (
    <StrokeIcon>
      <path d="M10.6 5.1A10.4 10.4 0 0 1 12 5c6.4 0 10 7 10 7a17.6 17.6 0 0 1-3.2 4.1M6.6 6.6A17.4 17.4 0 0 0 2 12s3.6 7 10 7a9.7 9.7 0 0 0 5.4-1.6M9.9 9.9a3 3 0 0 0 4.2 4.2M3 3l18 18" />
    </StrokeIcon>
  );
}
