import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { hostOf } from '../../lib/settings/base-url-rules';
import { filterModelIds, modelListPlan } from '../../lib/settings/model-list';
import { presetModel } from '../../lib/settings/provider-presets';
import type { StageName } from '../../lib/settings/settings-store';
import type { FieldControlProps } from '../ui/field';
import { StatusLine, type StatusTone } from '../ui/status-line';
import { fetchModelList } from './model-requests';
import { useOptionsStore } from './options-store';
import './model-picker.css';

/** Options shown at once; typing narrows a longer list (OpenRouter lists a few hundred). */
const SHOWN_MAX = 100;

type ListState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; host: string; models: string[] }
  | { status: 'error'; text: string };

const IDLE: ListState = { status: 'idle' };

/** Which saved endpoint and key a list was fetched for: any change makes it stale. */
function useListIdentity(stage: StageName): string {
  return useOptionsStore((state) =>
    JSON.stringify([state.saved[stage].preset, state.saved[stage].baseUrl, state.keyStatus[stage]]),
  );
}

function statusOf(
  list: ListState,
  plan: ReturnType<typeof modelListPlan>,
  savedHost: string,
): { text: string; tone: StatusTone } {
  if (plan === 'none') return { text: '', tone: 'neutral' };
  if (plan === 'save-first') {
    return { text: 'Save to list this provider’s models.', tone: 'neutral' };
  }
  switch (list.status) {
    case 'idle':
      return { text: '', tone: 'neutral' };
    case 'loading':
      return { text: `Listing models from ${savedHost}…`, tone: 'busy' };
    case 'ready': {
      const n = list.models.length;
      if (n === 0)
        return { text: `${list.host} lists no models: type the model name.`, tone: 'warn' };
      return { text: `${n} ${n === 1 ? 'model' : 'models'} from ${list.host}`, tone: 'ok' };
    }
    case 'error':
      return { text: list.text, tone: 'error' };
  }
}

/**
 * The model field: free text, plus the saved endpoint's own `/models` as a filtered listbox
 * (ARIA combobox with list autocomplete). The list is fetched when the field is first focused or
 * opened, not when the page opens: settings that are only looked at send no requests.
 */
export function ModelPicker({
  stage,
  title,
  control,
  disabled = false,
}: {
  stage: StageName;
  title: string;
  control: FieldControlProps;
  /** Set by the organization's policy: shown, not editable, and nothing is fetched for it. */
  disabled?: boolean;
}) {
  const form = useOptionsStore((state) => state.form[stage]);
  const saved = useOptionsStore((state) => state.saved[stage]);
  const setField = useOptionsStore((state) => state.setStageField);
  const identity = useListIdentity(stage);
  const [fetched, setFetched] = useState<{ identity: string; list: ListState }>({
    identity,
    list: IDLE,
  });
  const list = fetched.identity === identity ? fetched.list : IDLE;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  /** null: opened without typing, so the whole list shows. */
  const [query, setQuery] = useState<string | null>(null);
  const requestSeq = useRef(0);
  const listboxRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const listboxId = `${control.id}-models`;
  const statusId = `${control.id}-list-status`;
  const plan = modelListPlan(form, saved);
  const savedHost = hostOf(saved.baseUrl);

  async function load(force: boolean) {
    if (plan !== 'saved') return;
    if (!force && list.status !== 'idle') return;
    const seq = ++requestSeq.current;
    setFetched({ identity, list: { status: 'loading' } });
    const outcome = await fetchModelList(stage);
    if (seq !== requestSeq.current) return;
    // The answer is about what was saved when it was asked; a Save since makes it stale.
    const nowSaved = useOptionsStore.getState().saved[stage].baseUrl;
    if (outcome.baseUrl !== null && outcome.baseUrl !== nowSaved) return;
    setFetched({
      identity,
      list: outcome.ok
        ? { status: 'ready', host: outcome.host, models: outcome.models }
        : { status: 'error', text: outcome.text },
    });
  }

  const models = list.status === 'ready' && plan === 'saved' ? list.models : [];
  const matches = filterModelIds(models, query ?? '', SHOWN_MAX);
  const expanded = open && models.length > 0;

  useEffect(() => {
    if (!expanded || active < 0) return;
    const option = listboxRef.current?.children[active];
    if (option instanceof HTMLElement) option.scrollIntoView({ block: 'nearest' });
  }, [expanded, active]);

  function openList() {
    void load(false);
    setQuery(null);
    // Start on the model the field already names, when the whole list shows it.
    const current = filterModelIds(models, '', SHOWN_MAX).shown.indexOf(form.model.trim());
    setActive(current);
    setOpen(true);
  }

  function choose(id: string) {
    setField(stage, 'model', id);
    setOpen(false);
    setQuery(null);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = matches.shown.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded || event.altKey) openList();
        else setActive((i) => (count === 0 ? -1 : (i + 1) % count));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!expanded) openList();
        else setActive((i) => (count === 0 ? -1 : i <= 0 ? count - 1 : i - 1));
        return;
      case 'Enter':
        // With an option highlighted, Enter picks it instead of submitting the form.
        if (expanded && active >= 0 && active < count) {
          event.preventDefault();
          choose(matches.shown[active]!);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  const { text, tone } = statusOf(list, plan, savedHost);
  const describedBy = [control['aria-describedby'], statusId].filter(Boolean).join(' ');
  const more = matches.total - matches.shown.length;

  return (
    <div className="model-picker">
      <div className="model-picker-input">
        <input
          {...control}
          ref={inputRef}
          aria-describedby={describedBy}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? `${baseId}-${active}` : undefined}
          value={form.model}
          disabled={disabled}
          onChange={(event) => {
            setField(stage, 'model', event.target.value);
            setQuery(event.target.value);
            setActive(-1);
            setOpen(true);
          }}
          onFocus={() => void load(false)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          autoComplete="off"
          spellCheck={false}
          placeholder={presetModel(form.preset, stage)}
        />
        {plan === 'saved' && (
          <button
            type="button"
            className="model-picker-toggle"
            // A pointer shortcut: the keyboard opens the list with ↓ from the field.
            tabIndex={-1}
            aria-label={`Show ${title} models`}
            aria-expanded={expanded}
            aria-controls={listboxId}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              inputRef.current?.focus();
              if (expanded) setOpen(false);
              else openList();
            }}
          >
            <span aria-hidden="true">▾</span>
          </button>
        )}
      </div>
      <div className="model-picker-popup" hidden={!expanded}>
        <ul
          ref={listboxRef}
          id={listboxId}
          role="listbox"
          aria-label={`${title} models from ${list.status === 'ready' ? list.host : savedHost}`}
        >
          {expanded &&
            matches.shown.map((id, index) => (
              <li
                key={id}
                id={`${baseId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={id === form.model.trim() ? 'model-option model-current' : 'model-option'}
                // Keeps focus in the field, so the choice does not close the list first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(id)}
              >
                {id}
              </li>
            ))}
        </ul>
        {expanded && matches.total === 0 && (
          <p className="model-picker-note">No listed model matches: the name you type is used.</p>
        )}
        {expanded && more > 0 && (
          <p className="model-picker-note">
            {more} more {more === 1 ? 'model' : 'models'}: type to narrow the list.
          </p>
        )}
      </div>
      <div className="model-picker-status">
        <StatusLine text={text} tone={tone} id={statusId} />
        {plan === 'saved' && (
          <button
            type="button"
            className="link"
            onClick={() => void load(true)}
            disabled={list.status === 'loading'}
          >
            {list.status === 'idle' ? 'List models' : 'Refresh list'}
          </button>
        )}
      </div>
    </div>
  );
}
