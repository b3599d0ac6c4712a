import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { isClientMessage, OPTIMIZE_PORT_NAME, type ServerEvent } from './protocol';
import { loadPipelineSettings, type PipelineSettings } from '../pipeline/pipeline-settings';
import { runPipeline } from '../pipeline/run-pipeline';
import { PipelineError, type ErrorInfo } from '../errors/error-codes';

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
  extensionId: string;
  keepAlive?: () => void;
  loadSettings?: () => Promise<PipelineSettings>;
  run?: typeof runPipeline;
}

/**
 * Serves one optimization request per Port: `start` runs the pipeline, `cancel` or a disconnect
 * aborts the provider calls at once. Posting every event over the Port is also what keeps the
 * MV3 worker alive while a long refinement streams.
 */
export function serveOptimizePort(port: Runtime.Port, deps: PortServerDeps): void {
  if (port.name !== OPTIMIZE_PORT_NAME) return;
  // Only this extension's pages and content scripts may ask; there is no externally_connectable.
  if (port.sender?.id !== deps.extensionId) {
    port.disconnect();
    return;
  }
  const loadSettings = deps.loadSettings ?? loadPipelineSettings;
  const run = deps.run ?? runPipeline;
  const keepAlive = deps.keepAlive ?? touchExtensionApi;
  const controller = new AbortController();
  let started = false;
  let open = true;

  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });

  const emit = (event: ServerEvent) => {
    if (!open) return;
    try {
      port.postMessage(event);
    } catch {
      // The other side is gone: stop spending tokens.
      open = false;
      controller.abort();
    }
  };

  port.onMessage.addListener((message: unknown) => {
    if (!isClientMessage(message)) return;
    if (message.type === 'cancel') {
      controller.abort();
      if (open) port.disconnect();
      open = false;
      return;
    }
    if (started) return;
    started = true;
    void (async () => {
      const beat = setInterval(keepAlive, KEEP_ALIVE_MS);
      try {
        let settings: PipelineSettings;
        try {
          settings = await loadSettings();
        } catch (error) {
          // Settings that cannot be used (an http:// base URL with a key, an unreadable store)
          // end the request with words, never as "interrupted".
          emit({ type: 'error', ...settingsErrorInfo(error) });
          return;
        }
        await run(message.request, settings, emit, controller.signal);
      } finally {
        clearInterval(beat);
        if (open) {
          open = false;
          port.disconnect();
        }
      }
    })();
  });
}
