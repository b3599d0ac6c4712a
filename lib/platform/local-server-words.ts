/**
 * What a user runs so a server on their computer accepts Prompt Relay. Ollama refuses requests
 * whose `Origin` it does not know (HTTP 403); its allow-list is the `OLLAMA_ORIGINS` environment
 * variable, read when Ollama starts. The words carry this install's exact origin (from
 * `runtime.getURL('/')`), not a wildcard: `chrome-extension://*` would admit every extension the
 * user has installed. Pure: the origin and the browser are passed in.
 */
import type { BrowserFamily } from './browser-words';

/** The operating systems the steps are written for (`runtime.getPlatformInfo().os` names). */
export type HostOs = 'mac' | 'win' | 'linux';
export const HOST_OSES: readonly HostOs[] = ['mac', 'win', 'linux'];

export interface SetupSteps {
  os: HostOs | 'shell';
  title: string;
  /** Commands to type, one per line, exactly as shown. */
  commands: string[];
  /** What to do after them, in words. */
  then: string;
}

/** `chrome-extension://abc…` from `chrome-extension://abc…/`. */
export function originFromRootUrl(rootUrl: string): string {
  return rootUrl.replace(/\/+$/, '');
}

/** The one line that admits this extension. */
export function ollamaOriginsLine(extensionOrigin: string): string {
  return `OLLAMA_ORIGINS=${extensionOrigin}`;
}

/** Firefox gives each install its own random origin; Chrome's follows the extension's key. */
export function originNote(family: BrowserFamily): string | null {
  return family === 'firefox'
    ? 'Firefox gives Prompt Relay a new moz-extension:// address each time it is installed: after a reinstall, set it again with the new address shown here.'
    : null;
}

/** How to set OLLAMA_ORIGINS so it lasts, per system, then the one-off shell form. */
export function ollamaSetupSteps(extensionOrigin: string): Record<HostOs | 'shell', SetupSteps> {
  const value = extensionOrigin;
  return {
    mac: {
      os: 'mac',
      title: 'macOS (the Ollama app)',
      commands: [`launchctl setenv OLLAMA_ORIGINS "${value}"`],
      then: 'Then quit Ollama from the menu bar and open it again.',
    },
    win: {
      os: 'win',
      title: 'Windows',
      commands: [`setx OLLAMA_ORIGINS "${value}"`],
      then:
        'Or add it under System Properties → Environment Variables. Then quit Ollama from the ' +
        'taskbar and start it again.',
    },
    linux: {
      os: 'linux',
      title: 'Linux (systemd service)',
      commands: [
        'sudo systemctl edit ollama.service',
        '# under [Service] add:',
        `Environment="OLLAMA_ORIGINS=${value}"`,
        'sudo systemctl daemon-reload && sudo systemctl restart ollama',
      ],
      then: 'The first command opens an editor: add the two lines under [Service] and save.',
    },
    shell: {
      os: 'shell',
      title: 'Started by hand in a terminal',
      commands: [`OLLAMA_ORIGINS=${value} ollama serve`],
      then: 'Stop the running Ollama first.',
    },
  };
}

/** LM Studio sends no CORS headers until its server is told to. */
export const LM_STUDIO_CORS_WORDS =
  'In LM Studio, open the Developer tab → server settings and turn on “Enable CORS” ' +
  '(or start the server with `lms server start --cors`).';

/**
 * One sentence for an error message when a server on this computer answered 403: what to set,
 * with the exact origin, and where the full steps are.
 */
export function loopbackRefusalWords(provider: string, extensionOrigin: string): string {
  return (
    `${provider} refused Prompt Relay (HTTP 403). If it is Ollama, allow this extension: set ` +
    `${ollamaOriginsLine(extensionOrigin)} and restart Ollama (Prompt Relay settings → ` +
    `Local models shows how).`
  );
}

/**
 * A server on this computer that could not be reached: it may be stopped, or refusing the
 * extension in a way the browser reports as a network error (a refused CORS answer looks the
 * same as a closed port).
 */
export function loopbackUnreachableWords(
  provider: string,
  stageLabel: string,
  extensionOrigin: string,
): string {
  return (
    `Could not reach ${provider}. Check that the server is running and the ${stageLabel} base ` +
    `URL. If it is running, it may be refusing Prompt Relay: for Ollama set ` +
    `${ollamaOriginsLine(extensionOrigin)} and restart it; in LM Studio turn on “Enable CORS”.`
  );
}
