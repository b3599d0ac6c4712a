/**
 * Chrome's built-in model (the Prompt API, `LanguageModel`, Chrome 138+ for extensions): whether
 * it can run here, in words, and its one-time download. Framework-free and shared by the options
 * page (status, the Download button) and the background (the on-device draft); `LanguageModel` is
 * passed in so tests can stand in for it.
 *
 * Measured in Chromium 156 (Debian, headless, 2 cores, no GPU, no network): `LanguageModel` is a
 * function in the extension's service worker and in its pages (undefined on a web page);
 * `availability()` answers 'unavailable' (also with the BypassPerfRequirement feature flag) and
 * `create()` throws NotSupportedError "Unable to create a text session because the service is not
 * running." Creating a session while 'downloadable' needs user activation (NotAllowedError
 * otherwise, per the web-platform tests); while 'available' it does not.
 */
import type { BrowserFamily } from '../platform/browser-words';

/** What `LanguageModel.availability()` answers. */
export type ModelAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** The availability, or `missing` when this browser has no `LanguageModel` at all. */
export type OnDeviceState = ModelAvailability | 'missing';

export interface LanguageModelPrompt {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The part of a Prompt API session this extension uses. */
export interface LanguageModelSession {
  /** A stream of strings: each a new piece in current Chrome, the whole text so far in older builds. */
  promptStreaming(input: string, options?: { signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
}

export interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

export interface LanguageModelCreateOptions {
  initialPrompts?: LanguageModelPrompt[];
  signal?: AbortSignal;
  monitor?: (monitor: DownloadMonitor) => void;
  expectedInputs?: { type: 'text'; languages: string[] }[];
  expectedOutputs?: { type: 'text'; languages: string[] }[];
}

/** The static side of `LanguageModel` this extension uses. */
export interface LanguageModelApi {
  availability(options?: LanguageModelCreateOptions): Promise<ModelAvailability>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

/** The same options for availability() and create(), so the answer is about what will run. */
export const TEXT_IN_ENGLISH: Pick<
  LanguageModelCreateOptions,
  'expectedInputs' | 'expectedOutputs'
> = {
  expectedInputs: [{ type: 'text', languages: ['en'] }],
  expectedOutputs: [{ type: 'text', languages: ['en'] }],
};

/** `LanguageModel` where this code runs, or null (Firefox, Chrome before 138). */
export function languageModelIn(scope: object = globalThis): LanguageModelApi | null {
  const api = (scope as { LanguageModel?: unknown }).LanguageModel;
  if ((typeof api !== 'function' && typeof api !== 'object') || api === null) return null;
  const { availability, create } = api as Partial<LanguageModelApi>;
  return typeof availability === 'function' && typeof create === 'function'
    ? (api as LanguageModelApi)
    : null;
}

const STATES: readonly string[] = ['unavailable', 'downloadable', 'downloading', 'available'];

/** What the browser says now; an answer outside the four known ones counts as unavailable. */
export async function onDeviceState(api: LanguageModelApi | null): Promise<OnDeviceState> {
  if (!api) return 'missing';
  try {
    const answer = await api.availability(TEXT_IN_ENGLISH);
    return STATES.includes(answer) ? answer : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Whether the preset may be chosen: the model is here, or can be fetched from a click. */
export function onDeviceSelectable(state: OnDeviceState): boolean {
  return state === 'available' || state === 'downloadable' || state === 'downloading';
}

export const ON_DEVICE_WORDS = {
  ready: 'Ready — runs on this device, nothing leaves it.',
  downloadable:
    'Chrome downloads its on-device model (Gemini Nano, several GB) once, then it runs on this device and nothing leaves it.',
  downloading: 'Chrome is downloading its on-device model…',
  download: 'Download the model',
  hardware:
    'Not available: this device does not meet the hardware requirements of Chrome’s on-device model (a GPU with more than 4 GB of memory, or 16 GB of RAM and 4 CPU cores; 22 GB of free disk), or it is turned off here.',
  chromeMissing:
    'Not available: this browser has no on-device model for extensions (it needs Chrome 138 or later).',
  firefoxMissing:
    'Not available in Firefox: it has no on-device model for extensions. Choose another Draft provider.',
  downloadFailed: 'The download did not finish:',
} as const;

/** Why the preset cannot be chosen, short, beside its name in the provider list; null if it can. */
export function unavailableReason(state: OnDeviceState, family: BrowserFamily): string | null {
  if (onDeviceSelectable(state)) return null;
  if (state === 'missing') {
    return family === 'firefox' ? 'not available in Firefox' : 'needs Chrome 138 or later';
  }
  return 'this device does not meet its hardware requirements';
}

/** The sentence the settings show for a state. */
export function onDeviceStatusWords(state: OnDeviceState, family: BrowserFamily): string {
  switch (state) {
    case 'available':
      return ON_DEVICE_WORDS.ready;
    case 'downloadable':
      return ON_DEVICE_WORDS.downloadable;
    case 'downloading':
      return ON_DEVICE_WORDS.downloading;
    case 'unavailable':
      return ON_DEVICE_WORDS.hardware;
    case 'missing':
      return family === 'firefox' ? ON_DEVICE_WORDS.firefoxMissing : ON_DEVICE_WORDS.chromeMissing;
  }
}

/**
 * Downloads the model by creating a session, reporting progress as a share from 0 to 1. Creating
 * a session while the model is `downloadable` needs a user gesture, which the background never
 * has: the options page calls this from the click on "Download the model".
 */
export async function downloadModel(
  api: LanguageModelApi,
  onProgress: (loaded: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const session = await api.create({
    ...TEXT_IN_ENGLISH,
    ...(signal ? { signal } : {}),
    monitor(monitor) {
      monitor.addEventListener('downloadprogress', (event) => {
        onProgress(Math.min(1, Math.max(0, event.loaded)));
      });
    },
  });
  // The download was the point; a session holds memory in the model service until destroyed.
  session.destroy();
}
