import type { ReactNode } from 'react';
import type { LockableSetting } from '../../lib/settings/managed-policy';
import type { StageName } from '../../lib/settings/normalize-settings';
import { useLocked, usePolicyStore } from './managed-policy-state';

export const SET_BY_ORGANIZATION = 'Set by your organization';

const FIELD_WORDS = [
  ['preset', 'provider'],
  ['baseUrl', 'base URL'],
  ['model', 'model'],
  ['timeoutMs', 'timeout'],
] as const;

/** "provider, base URL and model" */
function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Which of a stage's fields the organization's policy fixes (those inputs are disabled). The
 * background applies the policy whatever the form holds; this keeps the page honest about it.
 */
export function StagePolicyNote({ stage }: { stage: StageName }) {
  const locked = usePolicyStore((state) => state.locked);
  const words = FIELD_WORDS.filter(([field]) => locked.includes(`${stage}.${field}`)).map(
    ([, word]) => word,
  );
  if (words.length === 0) return null;
  const title = stage === 'draft' ? 'Draft' : 'Refinement';
  return (
    <p className="policy-note">
      {SET_BY_ORGANIZATION}: {title} {listWords(words)}.
    </p>
  );
}

/**
 * Wraps a setting's control: when the policy fixes it, a disabled fieldset disables every control
 * inside (whatever it is) and the words say why.
 */
export function PolicyLocked({
  setting,
  children,
}: {
  setting: LockableSetting;
  children: ReactNode;
}) {
  const locked = useLocked(setting);
  if (!locked) return <>{children}</>;
  return (
    <div className="policy-locked">
      <fieldset disabled className="policy-locked-controls">
        {children}
      </fieldset>
      <p className="policy-note">{SET_BY_ORGANIZATION}</p>
    </div>
  );
}
