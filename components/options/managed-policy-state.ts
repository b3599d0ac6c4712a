import { create } from 'zustand';
import { hostOf } from '../../lib/settings/base-url-rules';
import {
  isAllowedEndpoint,
  type AppliedPolicy,
  type LockableSetting,
} from '../../lib/settings/managed-policy';
import {
  STAGES,
  stageFieldId,
  type SettingsErrors,
  type SettingsValues,
} from '../../lib/settings/validate-settings';

/** What the options page shows of the organization's policy (its values are in the form). */
export interface PolicyView {
  locked: LockableSetting[];
  allowedEndpoints: string[];
  gatewayKeyHint: string | null;
  active: boolean;
}

interface PolicyState extends PolicyView {
  setPolicy: (policy: AppliedPolicy) => void;
}

export const usePolicyStore = create<PolicyState>()((set) => ({
  locked: [],
  allowedEndpoints: [],
  gatewayKeyHint: null,
  active: false,
  setPolicy: (policy) =>
    set({
      locked: [...policy.locked],
      allowedEndpoints: policy.allowedEndpoints,
      gatewayKeyHint: policy.gatewayKeyHint,
      active: policy.active,
    }),
}));

export function useLocked(setting: LockableSetting): boolean {
  return usePolicyStore((state) => state.locked.includes(setting));
}

/** Base URLs outside the endpoints the organization allows, as form errors (Save refuses them). */
export function policyErrors(values: SettingsValues): SettingsErrors {
  const { allowedEndpoints } = usePolicyStore.getState();
  const errors: SettingsErrors = {};
  if (allowedEndpoints.length === 0) return errors;
  const list = allowedEndpoints.join(', ');
  for (const stage of STAGES) {
    const url = values[stage].baseUrl;
    if (!isAllowedEndpoint(url, allowedEndpoints)) {
      errors[stageFieldId(stage, 'baseUrl')] =
        `Your organization does not allow ${hostOf(url)}. Use one of: ${list}.`;
    }
  }
  return errors;
}
