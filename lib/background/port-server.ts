import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { secondsText } from '../errors/error-words';
import type { BudgetGrant, TabBudget } from './tab-budget';
import { loadPipelineSettings, type PipelineSettings } from './pipeline/pipeline-settings';
import { EXTENSION_ORIGIN, runPipeline, type RequestScope } from './pipeline/run-pipeline';
import { parseClientMessage } from '../messaging/parse-client-message';
import { CANCELLED_END, OPTIMIZE_PORT_NAME, type ServerEvent } from '../messaging/protocol';
import { classifySender, type ExtensionIdentity, type KnownSender } from '../messaging/sender-role';
import { PipelineError, type ErrorInfo } from '../errors/error-codes';
import type { StageRecord } from '../insights/history-entry';
import type { StageConfig } from '../settings/settings-store';
import type { HistoryRecorder } from './history-recorder';

function settingsErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof PipelineError) return error.toInfo();
  return {
    code: 'internal',
    stage: 'request',
    retryable: true,
    message: 'Prompt Relay couldn’t read its settings. Try again, or open the settings and Save.',
  };
}

/**
 * Chrome stops an idle worker 30 s after its last extension event; a provider that takes longer
 * than that to send its first token posts nothing over the Port meanwhile. Any extension API call
 * counts as activity, so a light one runs on this beat while a request is open.
 */
export const KEEP_ALIVE_MS = 20_000;

function touchExtensionApi(): void {
  void browser.runtime.getPlatformInfo().catch(() => undefined);
}

export interface PortServerDeps {
  self: ExtensionIdentity;
  /** Per-tab limits for requests from pages; extension pages are not counted. */
  budget?: TabBudget;
  keepAlive?: () => void;
  loadSettings?: () => Promise<PipelineSettings>;
  run?: typeof runPipeline;
  /** Records each request in the history; absent: nothing is recorded. */
  history?: HistoryRecorder;
  /** Notes a page origin where the user started an optimization (connection warming). */
  recordSite?: (origin: string) => void;
}

function budgetWords(grant: Extract<BudgetGrant, { ok: false }>): string {
  return grant.reason === 'in-flight'
    ? 'Prompt Relay is already optimizing several prompts in this tab. Wait for one to finish (or press Esc to cancel it), then try again.'
    : `Prompt Relay paused optimizations in this tab after many in a minute. Try again in ${secondsText(grant.retryAfterMs)}.`;
}

function stageRecord(stage: StageConfig): StageRecord | null {
  try {
    return { origin: new URL(stage.baseUrl).origin, model: stage.model };
  } catch {
    return null;
  }
}

function scopeOf(sender: KnownSender): RequestScope {
  return sender.role === 'content-script'
    ? { origin: sender.origin, incognito: sender.incognito }
    : { origin: EXTENSION_ORIGIN, incognito: false };
}

/**
 * Serves one optimization request per Port: `start` runs the pipeline, `cancel` or a disconnect
 * aborts the provider calls at once. The results go back over this Port only, so they reach the
 * one frame (or extension page) that asked. Posting every event is also what keeps the MV3 worker
 * alive while a long refinement streams.
 */
export function serveOptimizePort(port: Runtime.Port, deps: PortServerDeps): void {
  if (port.name !== OPTIMIZE_PORT_NAME) return;
  const sender = port.sender ? classifySender(port.sender, deps.self) : null;
  if (!sender) {
    port.disconnect();
    return;
  }
  const loadSettings = deps.loadSettings ?? loadPipelineSettings;
  const run = deps.run ?? runPipeline;
  const keepAlive = deps.keepAlive ?? touchExtensionApi;
  const controller = new AbortController();
  let started = false;
  let connected = true;
  let ended = false;

  port.onDisconnect.addListener(() => {
    connected = false;
    controller.abort();
  });

  const emit = (event: ServerEvent) => {
    // `end` is final: whatever else might still be said after it goes nowhere.
    if (!connected || ended) return;
    if (event.type === 'end') ended = true;
    try {
      port.postMessage(event);
    } catch {
      // The other side is gone: stop spending tokens.
      connected = false;
      controller.abort();
    }
  };
  const close = () => {
    if (!connected) return;
    connected = false;
    port.disconnect();
  };
  const failWith = (error: ErrorInfo) => {
    emit({ type: 'end', outcome: 'failed', fromCache: false, error });
    close();
  };

  port.onMessage.addListener((raw: unknown) => {
    const message = parseClientMessage(raw);
    if (!message) return;
    if (message.type === 'cancel') {
      controller.abort();
      emit(CANCELLED_END);
      close();
      return;
    }
    if (started) return;
    started = true;
    const grant =
      sender.role === 'content-script' && deps.budget ? deps.budget.acquire(sender.tabId) : null;
    if (grant && !grant.ok) {
      failWith({
        code: 'tab-budget',
        stage: 'request',
        retryable: true,
        message: budgetWords(grant),
      });
      return;
    }
    // Focus in a field on this site may warm the connection from now on (not in incognito).
    if (sender.role === 'content-script' && !sender.incognito && sender.origin !== 'null') {
      deps.recordSite?.(sender.origin);
    }
    void (async () => {
      const beat = setInterval(keepAlive, KEEP_ALIVE_MS);
      try {
        let settings: PipelineSettings;
        try {
          settings = await loadSettings();
        } catch (error) {
          // Settings that cannot be used (an http:// base URL with a key, an unreadable store)
          // end the request with words, never as "interrupted".
          failWith(settingsErrorInfo(error));
          return;
        }
        const observe = message.requestId
          ? deps.history?.begin({
              requestId: message.requestId,
              source: message.source ?? (sender.role === 'content-script' ? 'shortcut' : 'popup'),
              request: message.request,
              page:
                sender.role === 'content-script'
                  ? { origin: sender.origin, url: sender.url ?? null, incognito: sender.incognito }
                  : null,
              stages: {
                draft: stageRecord(settings.draft),
                refinement: stageRecord(settings.refinement),
              },
            })
          : undefined;
        // The client hears each event first; the history only keeps what it was sent.
        const emitAndRecord = observe
          ? (event: ServerEvent) => {
              emit(event);
              observe(event);
            }
          : emit;
        await run(message.request, settings, emitAndRecord, controller.signal, scopeOf(sender));
      } finally {
        clearInterval(beat);
        grant?.release();
        close();
      }
    })();
  });
}
