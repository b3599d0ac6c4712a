/**
 * Records each optimization in the history (lib/insights/history-store.ts) from the events the
 * background sends the client: nothing on the path to the first draft text but keeping a few
 * strings and timestamps; the entry is written after `end` has been posted. What the user then
 * does with the result arrives as `history-action` / `history-feedback` messages from the same
 * client, keyed by the request id it chose.
 */
import { mayRecordFrom, type HistorySettings } from '../insights/history-policy';
import type {
  HistoryEntry,
  HistorySource,
  StageRecord,
  UserAction,
  Vote,
} from '../insights/history-entry';
import type { Retention } from '../insights/history-store';
import { costUsdOf } from '../insights/prices';
import type { OptimizeRequest, ServerEvent } from '../messaging/protocol';

export interface RecorderStore {
  put(entry: HistoryEntry): Promise<void>;
  recordAction(id: string, action: UserAction, final: boolean): Promise<boolean>;
  recordFeedback(id: string, stage: 'draft' | 'refinement', vote: Vote | null): Promise<boolean>;
  prune(retention: Retention): Promise<number>;
}

export interface RecordingStart {
  requestId: string;
  source: HistorySource;
  request: OptimizeRequest;
  /** The page the request came from; null for the popup. */
  page: { origin: string; url: string | null; incognito: boolean } | null;
  /** The providers the settings name for each stage (whether or not the stage runs). */
  stages: { draft: StageRecord | null; refinement: StageRecord | null };
}

export interface HistoryRecorderDeps {
  store: RecorderStore;
  loadSettings: () => Promise<HistorySettings>;
  now?: () => number;
  /** Errors are never the user's business here: a history that cannot be written is skipped. */
  onError?: (error: unknown) => void;
}

interface LiveRecord {
  action: UserAction;
  actionFinal: boolean;
  feedback: HistoryEntry['feedback'];
  /** Set once the entry is in the store; later changes go there. */
  written: boolean;
  /** Null when the entry will not be written (history off, incognito, excluded site). */
  dropped: boolean;
}

/** Prune at most this often: it walks the oldest entries, which costs more than a write. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Requests whose entries are not written yet are remembered no longer than this. */
const LIVE_LIMIT = 50;

export interface HistoryRecorder {
  /** Starts recording one request; feed it every event posted to the client. */
  begin(start: RecordingStart): (event: ServerEvent) => void;
  action(id: string, action: UserAction, final: boolean): Promise<boolean>;
  feedback(id: string, stage: 'draft' | 'refinement', vote: Vote | null): Promise<boolean>;
}

export function createHistoryRecorder(deps: HistoryRecorderDeps): HistoryRecorder {
  const now = deps.now ?? Date.now;
  const onError = deps.onError ?? (() => undefined);
  const live = new Map<string, LiveRecord>();
  // The first write of a worker life prunes: entries may have aged out while it slept.
  let lastPrune = -Infinity;

  function remember(id: string, record: LiveRecord): void {
    live.set(id, record);
    if (live.size > LIVE_LIMIT) live.delete(live.keys().next().value as string);
  }

  async function write(entry: HistoryEntry, settings: HistorySettings): Promise<void> {
    await deps.store.put(entry);
    if (now() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now();
      await deps.store.prune({ maxEntries: settings.keepEntries, maxAgeDays: settings.keepDays });
    }
  }

  return {
    begin(start) {
      const startedAt = now();
      // Read now, awaited only after `end`: nothing waits for it on the way to the draft.
      const settings = deps.loadSettings();
      settings.catch(onError);
      const record: LiveRecord = {
        action: 'pending',
        actionFinal: false,
        feedback: { draft: null, refinement: null },
        written: false,
        dropped: false,
      };
      remember(start.requestId, record);
      let draft = '';
      let refinement = '';
      let draftFirstTokenMs: number | null = null;
      let refinementFirstTokenMs: number | null = null;
      let fallback: HistoryEntry['fallback'] = null;
      let refinementError: HistoryEntry['error'] = null;

      return (event) => {
        switch (event.type) {
          case 'draft-delta':
            draftFirstTokenMs ??= now() - startedAt;
            draft += event.delta;
            return;
          case 'draft':
            draftFirstTokenMs ??= now() - startedAt;
            draft = event.draft;
            return;
          case 'refined-delta':
            refinementFirstTokenMs ??= now() - startedAt;
            refinement += event.delta;
            return;
          case 'refined':
            refinementFirstTokenMs ??= now() - startedAt;
            refinement = event.refined;
            return;
          case 'fallback':
            fallback = { code: event.reason.code };
            return;
          case 'refinement-failed':
            refinementError = { code: event.reason.code, message: event.reason.message };
            return;
          case 'end':
            break;
        }
        const totalMs = now() - startedAt;
        const metadata = 'metadata' in event ? event.metadata : null;
        const error =
          event.outcome === 'failed'
            ? { code: event.error.code, message: event.error.message }
            : event.outcome === 'draft-only' && event.error
              ? { code: event.error.code, message: event.error.message }
              : refinementError;
        const usedDraft = draft !== '' || metadata?.models.draft != null;
        const usedRefinement =
          refinement !== '' || metadata?.models.refinement != null || refinementError !== null;
        const result = metadata?.quality.refined ?? metadata?.quality.draft ?? null;
        void (async () => {
          const current = await settings;
          if (start.page?.incognito || !mayRecordFrom(start.page?.origin ?? null, current)) {
            record.dropped = true;
            return;
          }
          const entry: HistoryEntry = {
            id: start.requestId,
            at: startedAt,
            source: start.source,
            origin: start.page?.origin ?? null,
            url: current.fullUrls ? (start.page?.url ?? null) : null,
            mode: start.request.mode,
            original: start.request.prompt,
            draft: draft === '' ? null : draft,
            refinement: refinement === '' ? null : refinement,
            outcome: event.outcome,
            error,
            fallback,
            fromCache: event.fromCache,
            action: record.action,
            actionFinal: record.actionFinal,
            providers: {
              draft: usedDraft ? start.stages.draft : null,
              refinement: usedRefinement ? start.stages.refinement : null,
            },
            timings: {
              draftFirstTokenMs,
              draftMs: metadata?.draftMs ?? null,
              refinementFirstTokenMs,
              refinementMs: metadata?.refinementMs ?? null,
              totalMs: metadata?.totalMs ?? totalMs,
            },
            usage: metadata?.usage ?? { draft: null, refinement: null },
            costUsd: costUsdOf(metadata?.cost, event.fromCache),
            quality: result?.score ?? null,
            feedback: record.feedback,
          };
          await write(entry, current);
          record.written = true;
          // What the user did while the entry was being written goes after it.
          if (record.action !== entry.action || record.actionFinal !== entry.actionFinal) {
            await deps.store.recordAction(entry.id, record.action, record.actionFinal);
          }
          for (const stage of ['draft', 'refinement'] as const) {
            if (record.feedback[stage] !== entry.feedback[stage]) {
              await deps.store.recordFeedback(entry.id, stage, record.feedback[stage]);
            }
          }
        })().catch(onError);
      };
    },

    async action(id, action, final) {
      const record = live.get(id);
      if (record && !record.written) {
        if (record.dropped || record.actionFinal) return false;
        if (action !== 'pending') record.action = action;
        record.actionFinal = final;
        return true;
      }
      return deps.store.recordAction(id, action, final);
    },

    async feedback(id, stage, vote) {
      const record = live.get(id);
      if (record && !record.written) {
        if (record.dropped) return false;
        record.feedback = { ...record.feedback, [stage]: vote };
        return true;
      }
      return deps.store.recordFeedback(id, stage, vote);
    },
  };
}
