import { create } from 'zustand';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import { EMPTY_QUERY, newestFirst, type HistoryQuery } from '../../lib/insights/history-query';
import {
  addEntries,
  allEntries,
  deleteAllEntries,
  deleteEntries,
  newestEntries,
} from '../../lib/insights/history-store';

/** Rows rendered at first and added by "Show 100 more": the page stays fast at 10 000 entries. */
export const PAGE_SIZE = 100;

export interface Notice {
  text: string;
  tone: 'ok' | 'error';
  /** The entries one Delete removed, for its Undo. */
  undo?: HistoryEntry[];
}

export interface HistoryPageState {
  phase: 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** Every entry, newest first, read once and again on each change (the newest few at first). */
  entries: HistoryEntry[];
  /** Whether `entries` holds every entry yet; until then search and filters wait. */
  complete: boolean;
  /** How many entries the store holds; null while only the newest page is read. */
  total: number | null;
  query: HistoryQuery;
  selectedId: string | null;
  shown: number;
  notice: Notice | null;
  confirmingDeleteAll: boolean;

  reload(): Promise<void>;
  setQuery(change: Partial<HistoryQuery>): void;
  clearQuery(): void;
  select(id: string | null): void;
  showMore(): void;
  deleteOne(id: string): Promise<void>;
  askDeleteAll(asking: boolean): void;
  deleteAll(): Promise<void>;
  undoDelete(): Promise<void>;
  setNotice(notice: Notice | null): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Reads may overlap (a burst of changes); only the newest one's answer is shown.
let latestRead = 0;

/** Resolves once the browser has painted what was just rendered. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export const useHistoryPage = create<HistoryPageState>()((set, get) => ({
  phase: 'loading',
  loadError: null,
  entries: [],
  complete: false,
  total: null,
  query: EMPTY_QUERY,
  selectedId: null,
  shown: PAGE_SIZE,
  notice: null,
  confirmingDeleteAll: false,

  async reload() {
    const read = ++latestRead;
    try {
      if (!get().complete) {
        // First rows first: the newest page costs a few ms, all 10 000 entries most of a second.
        // One more than a page says whether there is more, without counting them all.
        const first = await newestEntries(PAGE_SIZE + 1);
        if (read !== latestRead) return;
        const complete = first.length <= PAGE_SIZE;
        set({
          phase: 'ready',
          loadError: null,
          entries: complete ? first : first.slice(0, PAGE_SIZE),
          total: complete ? first.length : null,
          complete,
        });
        if (complete) return;
        // Reading every entry holds the main thread for a while: the first rows are shown first.
        await afterPaint();
      }
      const entries = newestFirst(await allEntries());
      if (read !== latestRead) return;
      const { selectedId } = get();
      set({
        phase: 'ready',
        loadError: null,
        entries,
        total: entries.length,
        complete: true,
        // An entry deleted elsewhere is no longer shown as selected.
        selectedId: entries.some((e) => e.id === selectedId) ? selectedId : null,
      });
      // For the bench: when search and filters cover every entry.
      if (performance.getEntriesByName('history-all-entries').length === 0) {
        performance.mark('history-all-entries');
      }
    } catch (error) {
      if (read !== latestRead) return;
      set({ phase: 'error', loadError: message(error) });
    }
  },

  setQuery(change) {
    set((state) => ({ query: { ...state.query, ...change }, shown: PAGE_SIZE }));
  },

  clearQuery() {
    set({ query: EMPTY_QUERY, shown: PAGE_SIZE });
  },

  select(id) {
    set({ selectedId: id });
  },

  showMore() {
    set((state) => ({ shown: state.shown + PAGE_SIZE }));
  },

  async deleteOne(id) {
    const entry = get().entries.find((e) => e.id === id);
    try {
      await deleteEntries([id]);
    } catch (error) {
      set({ notice: { text: `The entry could not be deleted: ${message(error)}`, tone: 'error' } });
      return;
    }
    set((state) => ({
      entries: state.entries.filter((e) => e.id !== id),
      total: state.total === null ? null : Math.max(0, state.total - 1),
      selectedId: state.selectedId === id ? null : state.selectedId,
      notice: { text: 'Entry deleted.', tone: 'ok', ...(entry ? { undo: [entry] } : {}) },
    }));
  },

  askDeleteAll(asking) {
    set({ confirmingDeleteAll: asking });
  },

  async deleteAll() {
    try {
      await deleteAllEntries();
    } catch (error) {
      set({
        confirmingDeleteAll: false,
        notice: { text: `The history could not be deleted: ${message(error)}`, tone: 'error' },
      });
      return;
    }
    set({
      entries: [],
      total: 0,
      complete: true,
      selectedId: null,
      confirmingDeleteAll: false,
      shown: PAGE_SIZE,
      notice: { text: 'All entries deleted.', tone: 'ok' },
    });
  },

  async undoDelete() {
    const restore = get().notice?.undo;
    if (!restore) return;
    try {
      await addEntries(restore);
    } catch (error) {
      set({
        notice: { text: `The entry could not be put back: ${message(error)}`, tone: 'error' },
      });
      return;
    }
    set({ notice: { text: 'Entry put back.', tone: 'ok' } });
    await get().reload();
  },

  setNotice(notice) {
    set({ notice });
  },
}));
