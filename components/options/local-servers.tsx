import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { LocalServerId, LocalServerReport } from '../../lib/messaging/protocol';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';
import { browserFamily } from '../../lib/platform/browser-words';
import { extensionOrigin } from '../../lib/platform/extension-origin';
import {
  HOST_OSES,
  LM_STUDIO_CORS_WORDS,
  ollamaOriginsLine,
  ollamaSetupSteps,
  originNote,
  type HostOs,
  type SetupSteps,
} from '../../lib/platform/local-server-words';
import { hostOf } from '../../lib/settings/base-url-rules';
import { PROVIDER_PRESETS, presetModel } from '../../lib/settings/provider-presets';
import { STAGES } from '../../lib/settings/validate-settings';
import type { StageName } from '../../lib/settings/settings-store';
import { useOptionsStore } from './options-store';

const SERVER_NAME: Record<LocalServerId, string> = {
  ollama: 'Ollama',
  lmstudio: 'LM Studio',
  llamacpp: 'The llama.cpp server',
};
const STAGE_LABEL: Record<StageName, string> = { draft: 'Draft', refinement: 'Refinement' };
/** Waits for typing in a base URL to pause before looking again. */
const TYPING_PAUSE_MS = 400;

function isLocalServerId(value: string): value is LocalServerId {
  return value === 'ollama' || value === 'lmstudio' || value === 'llamacpp';
}

/** The stages set to a local server's preset: their typed addresses are looked at too. */
function useExtraTargets(): string {
  return useOptionsStore((state) =>
    JSON.stringify(
      STAGES.map((stage) => state.form[stage])
        .filter((form) => isLocalServerId(form.preset))
        .map((form) => ({ server: form.preset, baseUrl: form.baseUrl.trim() })),
    ),
  );
}

function isReports(value: unknown): value is LocalServerReport[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        isLocalServerId(String((entry as { server?: unknown }).server)) &&
        typeof (entry as { baseUrl?: unknown }).baseUrl === 'string',
    )
  );
}

async function findServers(extraJson: string): Promise<LocalServerReport[] | null> {
  const extra = JSON.parse(extraJson) as { server: LocalServerId; baseUrl: string }[];
  const reply = await sendRuntimeMessage((m) => browser.runtime.sendMessage(m), {
    type: 'find-local-servers',
    extra,
  });
  return isReports(reply) ? reply : null;
}

function useHostOs(): HostOs | null {
  const [os, setOs] = useState<HostOs | null>(null);
  useEffect(() => {
    void browser.runtime
      .getPlatformInfo()
      .then((info) => setOs(HOST_OSES.includes(info.os as HostOs) ? (info.os as HostOs) : null))
      .catch(() => setOs(null));
  }, []);
  return os;
}

function Steps({ steps }: { steps: SetupSteps }) {
  return (
    <div className="local-steps">
      <p className="field-label">{steps.title}</p>
      <pre>
        <code>{steps.commands.join('\n')}</code>
      </pre>
      <p className="field-hint">{steps.then}</p>
    </div>
  );
}

/** Ollama refused this extension's origin: the exact line, then how to set it on each system. */
function OllamaOrigins({ os }: { os: HostOs | null }) {
  const origin = extensionOrigin();
  const all = ollamaSetupSteps(origin);
  const first: (HostOs | 'shell')[] = os ? [os, 'shell'] : ['shell'];
  const others = HOST_OSES.filter((entry) => entry !== os);
  const note = originNote(browserFamily());
  return (
    <div className="local-fix">
      <p>
        Allow Prompt Relay in Ollama with this setting, then restart Ollama:{' '}
        <code className="local-origin-line">{ollamaOriginsLine(origin)}</code>
      </p>
      {note && <p className="field-hint">{note}</p>}
      {first.map((key) => (
        <Steps key={key} steps={all[key]} />
      ))}
      {others.length > 0 && (
        <details>
          <summary>Other systems</summary>
          {others.map((key) => (
            <Steps key={key} steps={all[key]} />
          ))}
        </details>
      )}
    </div>
  );
}

function UseButtons({ report }: { report: Extract<LocalServerReport, { state: 'running' }> }) {
  const choosePreset = useOptionsStore((state) => state.choosePreset);
  const setField = useOptionsStore((state) => state.setStageField);
  const [used, setUsed] = useState<StageName | null>(null);
  function use(stage: StageName) {
    const recommended = presetModel(report.server, stage);
    const model = report.models.includes(recommended)
      ? recommended
      : (report.models[0] ?? recommended);
    choosePreset(stage, report.server);
    setField(stage, 'baseUrl', report.baseUrl);
    setField(stage, 'model', model);
    setUsed(stage);
  }
  return (
    <div className="test-connection-row">
      {STAGES.map((stage) => (
        <button
          key={stage}
          type="button"
          className="button button-secondary"
          onClick={() => use(stage)}
        >
          Use it for {STAGE_LABEL[stage]}
        </button>
      ))}
      {used && (
        <p className="field-hint" role="status">
          {STAGE_LABEL[used]} set to {PROVIDER_PRESETS[report.server].label.replace(/ \(.*\)$/, '')}
          . Press Save to keep it.
        </p>
      )}
    </div>
  );
}

function ReportRow({ report, os }: { report: LocalServerReport; os: HostOs | null }) {
  const name = SERVER_NAME[report.server];
  const where = hostOf(report.baseUrl);
  switch (report.state) {
    case 'running': {
      const count = report.models.length;
      const models =
        count === 0
          ? 'It lists no models yet.'
          : `It serves ${count === 1 ? 'one model' : `${count} models`}: ${report.models.slice(0, 5).join(', ')}${count > 5 ? '…' : ''}.`;
      return (
        <li className="local-server">
          <p>
            <strong>
              {name} is running on this computer ({where})
            </strong>{' '}
            — connected. {models}
          </p>
          <UseButtons report={report} />
        </li>
      );
    }
    case 'refused':
      return (
        <li className="local-server">
          <p>
            <strong>
              {name} on this computer ({where}) refused Prompt Relay (HTTP {report.status}).
            </strong>
          </p>
          {report.server === 'ollama' || report.status === 403 ? (
            <OllamaOrigins os={os} />
          ) : (
            <p>Check that it is an OpenAI-compatible server, and its address.</p>
          )}
        </li>
      );
    case 'blocked':
      return (
        <li className="local-server">
          <p>
            <strong>
              {name} answers on this computer ({where}), but the browser blocked its reply
            </strong>{' '}
            (it does not allow requests from extensions, or Prompt Relay has no access to {where}).
          </p>
          {report.server === 'lmstudio' ? (
            <p>{LM_STUDIO_CORS_WORDS}</p>
          ) : report.server === 'ollama' ? (
            <OllamaOrigins os={os} />
          ) : (
            <p>
              Allow cross-origin requests (CORS) from <code>{extensionOrigin()}</code> in its
              settings.
            </p>
          )}
        </li>
      );
    case 'absent':
      return null;
  }
}

/**
 * "Local models": looks for Ollama, LM Studio and llama.cpp on this computer (in the background,
 * no key sent), offers what it found, and says exactly what to run when one refuses the
 * extension. Shown when something answered or a stage is set to one of them.
 */
export function LocalServers() {
  const extra = useExtraTargets();
  const os = useHostOs();
  const [reports, setReports] = useState<LocalServerReport[] | null>(null);
  const [checking, setChecking] = useState(false);
  const latest = useRef(0);

  const check = useCallback(async (targets: string) => {
    const run = ++latest.current;
    setChecking(true);
    const found = await findServers(targets);
    if (run !== latest.current) return;
    setReports(found ?? []);
    setChecking(false);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void check(extra), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [extra, check]);

  const present = (reports ?? []).filter((report) => report.state !== 'absent');
  const wanted = extra !== '[]';
  if (present.length === 0 && !wanted) return null;

  return (
    <section className="card" aria-labelledby="local-models-title" id="local-models">
      <h2 className="card-title" id="local-models-title">
        Local models
      </h2>
      <p className="card-intro">
        Servers on this computer: no key, and your prompts never leave it.
      </p>
      {present.length > 0 ? (
        <ul className="local-servers">
          {present.map((report) => (
            <ReportRow key={report.baseUrl} report={report} os={os} />
          ))}
        </ul>
      ) : (
        <p role="status">
          {checking || reports === null
            ? 'Looking for local servers…'
            : 'No Ollama, LM Studio or llama.cpp server answered on this computer. Start one, then check again.'}
        </p>
      )}
      <button
        type="button"
        className="button button-secondary"
        disabled={checking}
        onClick={() => void check(extra)}
      >
        Check again
      </button>
    </section>
  );
}
