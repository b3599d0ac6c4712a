import { useEffect, useState, type FormEvent } from 'react';
import {
  checkHistorySettingsForm,
  historySettingsForm,
  type HistorySettingsErrors,
  type HistorySettingsForm,
} from '../../lib/insights/history-settings-form';
import {
  KEEP_DAYS_RANGE,
  KEEP_ENTRIES_RANGE,
  loadHistorySettings,
  saveHistorySettings,
  type HistorySettings,
} from '../../lib/insights/history-settings';
import { pruneEntries } from '../../lib/insights/history-store';
import { Field } from '../ui/field';
import { StatusLine } from '../ui/status-line';
import { Toggle } from '../ui/toggle';
import { useHistoryPolicyLock } from './use-history-policy-lock';

/**
 * The History's settings, saved with `saveHistorySettings`. Saving also applies the new limits at
 * once (the recorder would otherwise prune only on its next write), so what the page lists is
 * what the settings allow.
 */
export function HistorySettingsSection({
  onSaved,
}: {
  onSaved: (settings: HistorySettings) => void;
}) {
  const [form, setForm] = useState<HistorySettingsForm | null>(null);
  const [errors, setErrors] = useState<HistorySettingsErrors>({});
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' }>({
    text: '',
    tone: 'ok',
  });
  const [saving, setSaving] = useState(false);
  const locked = useHistoryPolicyLock();

  useEffect(() => {
    let active = true;
    void loadHistorySettings().then((settings) => {
      if (active) setForm(historySettingsForm(settings));
    });
    return () => {
      active = false;
    };
  }, []);

  if (!form) return <p className="loading">Loading history settings…</p>;

  const change = (patch: Partial<HistorySettingsForm>) => {
    setForm({ ...form, ...patch });
    setStatus({ text: '', tone: 'ok' });
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const checked = checkHistorySettingsForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ text: 'Fix the marked fields, then save again.', tone: 'error' });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await saveHistorySettings(checked.settings);
      const pruned = await pruneEntries({
        maxEntries: checked.settings.keepEntries,
        maxAgeDays: checked.settings.keepDays,
      });
      setForm(historySettingsForm(checked.settings));
      setStatus({
        text:
          pruned > 0
            ? `Saved. ${pruned.toLocaleString('en')} older ${pruned === 1 ? 'entry was' : 'entries were'} deleted to fit the new limits.`
            : 'Saved.',
        tone: 'ok',
      });
      onSaved(checked.settings);
    } catch (error) {
      setStatus({
        text: `The settings could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        tone: 'error',
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="history-settings" onSubmit={(event) => void save(event)} noValidate>
      {/* A disabled fieldset disables every control inside; the recorder applies the policy anyway. */}
      <fieldset disabled={locked} className="history-policy-fields">
        {locked && (
          <p className="history-policy-note">
            Set by your organization: whether a history is kept, and for how long.
          </p>
        )}
        <Toggle
          id="history-enabled"
          label="Keep a history"
          hint="Record each optimization here. Off: nothing new is recorded; what is already here stays until you delete it."
          checked={form.enabled}
          onChange={(enabled) => change({ enabled })}
        />
        <div className="field-grid">
          <Field
            id="history-keep-days"
            label="Keep entries for (days)"
            hint={`From ${KEEP_DAYS_RANGE.min} to ${KEEP_DAYS_RANGE.max}. Older entries are deleted.`}
            error={errors.keepDays}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={KEEP_DAYS_RANGE.min}
                max={KEEP_DAYS_RANGE.max}
                value={form.keepDays}
                onChange={(event) => change({ keepDays: event.target.value })}
              />
            )}
          </Field>
          <Field
            id="history-keep-entries"
            label="Keep at most (entries)"
            hint={`From ${KEEP_ENTRIES_RANGE.min} to ${KEEP_ENTRIES_RANGE.max.toLocaleString('en')}. The oldest go first.`}
            error={errors.keepEntries}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={KEEP_ENTRIES_RANGE.min}
                max={KEEP_ENTRIES_RANGE.max}
                value={form.keepEntries}
                onChange={(event) => change({ keepEntries: event.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <Toggle
        id="history-full-urls"
        label="Keep full page addresses"
        hint="Off: only the site (https://example.com) is kept, not the page’s path or query."
        checked={form.fullUrls}
        onChange={(fullUrls) => change({ fullUrls })}
      />
      <Field
        id="history-excluded-sites"
        label="Never record on these sites"
        hint="One host per line, such as mail.example.com. Each also covers its subdomains."
        error={errors.excludedSites}
      >
        {(control) => (
          <textarea
            {...control}
            className="site-list"
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={form.excludedSites}
            onChange={(event) => change({ excludedSites: event.target.value })}
          />
        )}
      </Field>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save history settings'}
        </button>
        <StatusLine text={status.text} tone={status.tone} />
      </div>
    </form>
  );
}
