import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { originPattern } from '../../lib/settings/host-permissions';
import { originOf } from '../../lib/settings/base-url-rules';
import { STAGES } from '../../lib/settings/validate-settings';
import { usePolicyStore } from './managed-policy-state';
import { useOptionsStore } from './options-store';

/** The saved base URLs' origins the browser does not let the extension reach now. */
function useOriginsWithoutAccess(): [string[], () => void] {
  const saved = useOptionsStore((state) => state.saved);
  const [missing, setMissing] = useState<string[]>([]);
  const [round, setRound] = useState(0);
  const origins = [
    ...new Set(STAGES.map((stage) => originOf(saved[stage].baseUrl)).filter((o) => o !== null)),
  ];
  const key = origins.join(' ');
  useEffect(() => {
    let active = true;
    void Promise.all(
      key
        .split(' ')
        .filter(Boolean)
        .map(async (origin) => {
          const pattern = originPattern(origin);
          const granted = pattern
            ? await browser.permissions.contains({ origins: [pattern] }).catch(() => false)
            : true;
          return granted ? null : origin;
        }),
    ).then((list) => active && setMissing(list.filter((o): o is string => o !== null)));
    return () => {
      active = false;
    };
  }, [key, round]);
  return [missing, () => setRound((n) => n + 1)];
}

/** Asks on this click (the prompt needs its user activation) for one gateway's origin. */
function AllowAccessButton({ origin, onDone }: { origin: string; onDone: () => void }) {
  const [refused, setRefused] = useState(false);
  async function allow() {
    const pattern = originPattern(origin);
    if (!pattern) return;
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    setRefused(!granted);
    onDone();
  }
  return (
    <div className="policy-access">
      <button type="button" className="button button-secondary" onClick={() => void allow()}>
        Allow access to {origin}
      </button>
      {refused && (
        <p className="field-hint">
          Not allowed: requests to {origin} go out as cross-origin requests, which work only if the
          server allows them.
        </p>
      )}
    </div>
  );
}

/** Says that the organization manages settings, where users get their key, and asks for access. */
export function PolicyBanner() {
  const active = usePolicyStore((state) => state.active);
  const hint = usePolicyStore((state) => state.gatewayKeyHint);
  const allowed = usePolicyStore((state) => state.allowedEndpoints);
  const [missing, recheck] = useOriginsWithoutAccess();
  if (!active) return null;
  return (
    <section className="policy-banner" aria-label="Managed by your organization">
      <p>
        Your organization manages some of these settings; they are marked “Set by your
        organization”. Your API key stays yours: enter it below, it is kept on this device and sent
        only to the address it was saved for.
      </p>
      {hint && (
        <p>
          <strong>Where to get your key:</strong> {hint}
        </p>
      )}
      {allowed.length > 0 && <p>Allowed endpoints: {allowed.join(', ')}</p>}
      {missing.map((origin) => (
        <AllowAccessButton key={origin} origin={origin} onDone={recheck} />
      ))}
    </section>
  );
}
