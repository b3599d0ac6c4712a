import { useEffect, useState } from 'react';
import {
  httpOriginNeedingConfirmation,
  normalizeConfirmedOrigins,
} from '../../lib/settings/base-url-rules';
import { confirmedHttpOrigins } from '../../lib/settings/settings-items';
import { loadConfirmedHttpOrigins, type StageName } from '../../lib/settings/settings-store';
import { useOptionsStore } from './options-store';

/** The network origins the user allowed plain http:// to, kept current with storage. */
export function useConfirmedHttpOrigins(): string[] {
  const [origins, setOrigins] = useState<string[]>([]);
  useEffect(() => {
    let active = true;
    void loadConfirmedHttpOrigins().then((list) => active && setOrigins(list));
    const unwatch = confirmedHttpOrigins.watch((value) =>
      setOrigins(normalizeConfirmedOrigins(value)),
    );
    return () => {
      active = false;
      unwatch();
    };
  }, []);
  return origins;
}

async function setConfirmed(origin: string, allowed: boolean): Promise<void> {
  const current = await loadConfirmedHttpOrigins();
  const next = allowed ? [...current, origin] : current.filter((entry) => entry !== origin);
  await confirmedHttpOrigins.setValue(normalizeConfirmedOrigins(next));
}

/**
 * Under a stage's base URL when it is plain http:// to a host on the user's network: nothing is
 * sent there (Save refuses it, the background too) until the user allows that exact origin.
 * The confirmation is stored at once; it sends nothing by itself.
 */
export function HttpConfirmation({ stage }: { stage: StageName }) {
  const baseUrl = useOptionsStore((state) => state.form[stage].baseUrl);
  const setField = useOptionsStore((state) => state.setStageField);
  const confirmed = useConfirmedHttpOrigins();
  const origin = httpOriginNeedingConfirmation(baseUrl.trim());
  if (origin === null) return null;

  if (confirmed.includes(origin)) {
    return (
      <p className="field-wide field-hint" id={`${stage}-http-confirmed`}>
        You allowed unencrypted requests to {origin} on this device.{' '}
        <button type="button" className="link" onClick={() => void setConfirmed(origin, false)}>
          Withdraw
        </button>
      </p>
    );
  }
  return (
    <div className="key-warning field-wide" role="alert" id={`${stage}-http-confirm`}>
      <p>
        Send prompts (and the key, if any) unencrypted to {origin}? Only on a network you trust:
        anyone on it can read them. Nothing is sent there until you allow it.
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          void setConfirmed(origin, true).then(() =>
            // Clears the field's "not confirmed" error from the last Save.
            setField(stage, 'baseUrl', useOptionsStore.getState().form[stage].baseUrl),
          )
        }
      >
        Allow unencrypted requests to {origin}
      </button>
    </div>
  );
}
