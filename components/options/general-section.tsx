import { isMode, MODE_LABELS, MODES } from '../../lib/prompts/modes';
import {
  DEFAULT_MODE_FIELD_ID,
  NO_CONTEXT_SITES_FIELD_ID,
  SEND_PAGE_CONTEXT_FIELD_ID,
} from '../../lib/settings/validate-settings';
import { Field } from '../ui/field';
import { StatusLine } from '../ui/status-line';
import { Toggle } from '../ui/toggle';
import { DraftLengthsFieldset } from './draft-lengths-fieldset';
import { clearResultCache } from './key-requests';
import { useOptionsStore } from './options-store';
import { PolicyLocked } from './policy-locked';
import { ShortcutRow } from './shortcut-row';

function ClearCacheButton() {
  const state = useOptionsStore((s) => s.cacheState);
  const setCacheState = useOptionsStore((s) => s.setCacheState);
  async function clear() {
    setCacheState({ status: 'testing' });
    const result = await clearResultCache();
    setCacheState(
      result.ok
        ? { status: 'ok', text: 'Cache and site list cleared.' }
        : { status: 'error', text: result.message },
    );
  }
  const text = state.status === 'ok' || state.status === 'error' ? state.text : '';
  const tone = state.status === 'ok' ? 'ok' : state.status === 'error' ? 'error' : 'neutral';
  return (
    <div className="cache-row">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void clear()}
        disabled={state.status === 'testing'}
      >
        Clear cache and site list
      </button>
      <StatusLine text={text} tone={tone} id="cache-status" />
    </div>
  );
}

/** What leaves the browser with each prompt besides the prompt itself, and where it never does. */
function PageContextFields() {
  const sendPageContext = useOptionsStore((state) => state.form.sendPageContext);
  const noContextSites = useOptionsStore((state) => state.form.noContextSites);
  const sitesError = useOptionsStore((state) => state.errors[NO_CONTEXT_SITES_FIELD_ID]);
  const setGeneral = useOptionsStore((state) => state.setGeneral);
  // Unused while nothing is sent; still editable when it holds a problem to fix.
  const sitesDisabled = !sendPageContext && !sitesError;
  return (
    <fieldset className="subsection">
      <legend className="subsection-title">Page context</legend>
      <div className="page-context">
        <PolicyLocked setting="sendPageContext">
          <Toggle
            id={SEND_PAGE_CONTEXT_FIELD_ID}
            label="Send the page title, address and field label with the prompt"
            hint="It helps the model fit the prompt to the site you are writing on."
            checked={sendPageContext}
            onChange={(checked) => setGeneral({ sendPageContext: checked })}
          />
        </PolicyLocked>
        <Field
          id={NO_CONTEXT_SITES_FIELD_ID}
          label="Never send them on these sites"
          hint={
            sitesDisabled
              ? 'Not used while the page title, address and field label are never sent.'
              : 'One host per line, such as mail.example.com. Each also covers its subdomains.'
          }
          error={sitesError}
        >
          {(control) => (
            <textarea
              {...control}
              className="site-list"
              rows={4}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              value={noContextSites}
              disabled={sitesDisabled}
              onChange={(event) => setGeneral({ noContextSites: event.target.value })}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}

export function GeneralSection() {
  const twoStageEnabled = useOptionsStore((state) => state.form.twoStageEnabled);
  const cacheEnabled = useOptionsStore((state) => state.form.cacheEnabled);
  const warmConnection = useOptionsStore((state) => state.form.warmConnection);
  const defaultMode = useOptionsStore((state) => state.form.defaultMode);
  const modeError = useOptionsStore((state) => state.errors[DEFAULT_MODE_FIELD_ID]);
  const setGeneral = useOptionsStore((state) => state.setGeneral);

  return (
    <fieldset className="card">
      <legend className="card-title">General</legend>
      <Toggle
        id="two-stage"
        label="Two-stage optimization"
        hint="Show the fast draft at once, then swap in the refined prompt when it is ready."
        checked={twoStageEnabled}
        onChange={(checked) => setGeneral({ twoStageEnabled: checked })}
      />
      <Toggle
        id="cache-results"
        label="Cache results"
        hint="Reuse the result when the same prompt is optimized again."
        checked={cacheEnabled}
        onChange={(checked) => setGeneral({ cacheEnabled: checked })}
      />
      <ClearCacheButton />
      <Toggle
        id="warm-connection"
        label="Warm up the connection"
        hint="Connect to your providers a moment before you optimize (when the popup opens, you hold the shortcut's keys, or you click into a field on a site where you optimized before), so the first words come sooner. Sends no prompt and no key. The list of those sites stays in the extension; Clear cache and site list empties it."
        checked={warmConnection}
        onChange={(checked) => setGeneral({ warmConnection: checked })}
      />
      <ShortcutRow />
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
            value={defaultMode}
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
      <PageContextFields />
      <DraftLengthsFieldset />
    </fieldset>
  );
}
