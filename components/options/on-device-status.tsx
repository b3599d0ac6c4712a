import { useCallback, useEffect, useState } from 'react';
import {
  downloadModel,
  languageModelIn,
  ON_DEVICE_WORDS,
  onDeviceState,
  onDeviceStatusWords,
  type OnDeviceState,
} from '../../lib/settings/on-device-model';
import { browserFamily } from '../../lib/platform/browser-words';

/**
 * Chrome's on-device model as this page sees it: null until the browser answers. The page asks
 * the browser itself (`LanguageModel` exists in extension pages as in the worker, measured).
 */
export function useOnDeviceState(): [OnDeviceState | null, () => void] {
  const [state, setState] = useState<OnDeviceState | null>(null);
  const refresh = useCallback(() => {
    void onDeviceState(languageModelIn()).then(setState);
  }, []);
  useEffect(refresh, [refresh]);
  return [state, refresh];
}

type Download =
  { phase: 'idle' } | { phase: 'running'; loaded: number } | { phase: 'failed'; message: string };

/** Under the Draft provider when it is the on-device model: what it needs, and its download. */
export function OnDeviceStatus() {
  const [state, refresh] = useOnDeviceState();
  const [download, setDownload] = useState<Download>({ phase: 'idle' });
  const family = browserFamily();
  // A download Chrome started elsewhere reports no progress here: look again until it is done.
  useEffect(() => {
    if (state !== 'downloading' || download.phase === 'running') return undefined;
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }, [state, download.phase, refresh]);

  // The click is the user gesture that creating a session needs while the model is downloadable.
  const start = () => {
    const api = languageModelIn();
    if (!api) return;
    setDownload({ phase: 'running', loaded: 0 });
    downloadModel(api, (loaded) => setDownload({ phase: 'running', loaded }))
      .then(() => setDownload({ phase: 'idle' }))
      .catch((error: unknown) =>
        setDownload({
          phase: 'failed',
          message: `${ON_DEVICE_WORDS.downloadFailed} ${String((error as Error)?.message ?? error)}`,
        }),
      )
      .finally(refresh);
  };

  if (state === null) return null;
  const running = download.phase === 'running';
  const shown: OnDeviceState = running ? 'downloading' : state;
  const loaded = running ? download.loaded : null;
  return (
    <div className="on-device-status" role="status" data-state={shown}>
      <p>{onDeviceStatusWords(shown, family)}</p>
      {shown === 'downloading' && (
        <progress
          max={1}
          {...(loaded !== null ? { value: loaded } : {})}
          aria-label="Model download"
        >
          {loaded !== null ? `${Math.round(loaded * 100)}%` : null}
        </progress>
      )}
      {state === 'downloadable' && !running && (
        <button type="button" onClick={start}>
          {ON_DEVICE_WORDS.download}
        </button>
      )}
      {download.phase === 'failed' && <p className="field-error">{download.message}</p>}
    </div>
  );
}
