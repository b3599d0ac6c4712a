import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { historyLocked } from '../../lib/settings/managed-policy';
import { loadManagedPolicy } from '../../lib/settings/settings-store';

/**
 * Whether the organization's policy sets the History's on/off and retention (the recorder applies
 * it whatever is saved; the page disables those fields and says so). Follows a policy change.
 */
export function useHistoryPolicyLock(): boolean {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    let active = true;
    const read = () =>
      void loadManagedPolicy().then(({ policy }) => active && setLocked(historyLocked(policy)));
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') read();
    };
    read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      active = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return locked;
}
