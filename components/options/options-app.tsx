import { useEffect, type FormEvent } from 'react';
import { STAGES } from '../../lib/settings/validate-settings';
import { GeneralSection } from './general-section';
import { LocalServers } from './local-servers';
import { fetchKeyStatus } from './key-requests';
import { DEFAULT_VALUES, useOptionsStore } from './options-store';
import { PolicyBanner } from './policy-banner';
import { PricesSection } from './prices-section';
import { SaveBar } from './save-bar';
import { SettingsSummary } from './settings-summary';
import { loadSettings, watchSettings } from './settings-io';
import { StageSection } from './stage-section';
import { submitSettings } from './submit-settings';
import './options.css';

/** Coalesces the burst of change events one save produces into one reload. */
const RELOAD_DELAY_MS = 50;

function useSettingsFromStorage(): void {
  useEffect(() => {
    let active = true;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { loaded, storageChanged } = useOptionsStore.getState();

    // The form renders whatever storage holds: unreadable settings show as the defaults.
    const settings = loadSettings().catch(() => ({
      values: DEFAULT_VALUES,
      notice: 'Couldn’t read your saved settings, so the defaults are shown. Save to keep them.',
    }));
    void Promise.all([settings, fetchKeyStatus()]).then(
      ([{ values, notice }, keys]) => active && loaded(values, keys, notice),
    );

    const unwatch = watchSettings(() => {
      const request = ++latest;
      clearTimeout(timer);
      timer = setTimeout(() => {
        loadSettings().then(
          // An older read may finish after a newer one; only the newest describes storage.
          ({ values }) => active && request === latest && storageChanged(values),
          () => undefined,
        );
      }, RELOAD_DELAY_MS);
    });

    return () => {
      active = false;
      clearTimeout(timer);
      unwatch();
    };
  }, []);
}

/** Opened at `#prices` (or another section's id): that section once the form is there. */
function useScrollToHash(ready: boolean): void {
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!ready || !id) return;
    document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [ready]);
}

function LoadNotice() {
  const notice = useOptionsStore((state) => state.loadNotice);
  if (!notice) return null;
  return (
    <p className="load-notice" role="alert">
      {notice}
    </p>
  );
}

function SettingsForm() {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Synchronous call: the host permission prompt needs this event's user activation.
    void submitSettings();
  }
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <LoadNotice />
      <PolicyBanner />
      <LocalServers />
      {STAGES.map((stage) => (
        <StageSection key={stage} stage={stage} />
      ))}
      <GeneralSection />
      <PricesSection />
      <SaveBar />
    </form>
  );
}

export function OptionsApp() {
  const phase = useOptionsStore((state) => state.phase);
  useSettingsFromStorage();
  useScrollToHash(phase === 'ready');
  return (
    <div className="page">
      <header className="page-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            PR
          </span>
          <h1>Prompt Relay settings</h1>
        </div>
        <nav className="page-links" aria-label="Prompt Relay pages">
          <a href="prompt-history.html">History</a>
        </nav>
        <SettingsSummary />
        <nav aria-label="Other pages" className="page-links">
          <a href="/dashboard.html" target="_blank" rel="noopener">
            Dashboard
          </a>
        </nav>
      </header>
      <main>
        {phase === 'loading' && (
          <p className="loading" aria-busy="true">
            Loading settings…
          </p>
        )}
        {phase === 'ready' && <SettingsForm />}
      </main>
    </div>
  );
}
