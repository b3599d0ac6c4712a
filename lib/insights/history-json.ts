/**
 * History export and import as JSON. An import file comes from anywhere (another browser, a hand
 * edit, a stranger), so every field of every entry is checked here and a fresh entry is built
 * from the known fields only: nothing outside the schema reaches the store or the page. Nothing
 * here throws on bad input; what cannot be read is counted and said.
 */
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes';
import type { Outcome, TokenUsage } from '../messaging/protocol';
import { isMode } from '../prompts/modes';
import {
  HISTORY_SOURCES,
  USER_ACTIONS,
  type HistoryEntry,
  type HistorySource,
  type StageRecord,
  type UserAction,
  type Vote,
} from './history-entry';

export const HISTORY_FILE_FORMAT = 'prompt-relay-history';
export const HISTORY_FILE_VERSION = 1;

export interface HistoryFile {
  format: typeof HISTORY_FILE_FORMAT;
  version: typeof HISTORY_FILE_VERSION;
  /** When the file was made (ISO 8601). */
  exportedAt: string;
  entries: HistoryEntry[];
}

/** Bounds for imported values: generous for real entries, small enough to refuse a flood. */
export const IMPORT_LIMITS = {
  /** Prompts are at most 20 000 characters; a model's answer may be longer. */
  textChars: 100_000,
  idChars: 128,
  originChars: 2048,
  urlChars: 8192,
  modelChars: 200,
  messageChars: 2000,
  /** Anything bigger is not a history this extension wrote (it keeps at most 10 000 entries). */
  fileChars: 200_000_000,
  entries: 100_000,
} as const;

const OUTCOMES: readonly Outcome[] = [
  'refined',
  'single-stage',
  'draft-only',
  'failed',
  'cancelled',
];

export function historyFile(entries: HistoryEntry[], now = new Date()): HistoryFile {
  return {
    format: HISTORY_FILE_FORMAT,
    version: HISTORY_FILE_VERSION,
    exportedAt: now.toISOString(),
    entries,
  };
}

export function exportHistoryJson(entries: HistoryEntry[], now = new Date()): string {
  return JSON.stringify(historyFile(entries, now), null, 2);
}

/** The download's name: prompt-relay-history-2026-11-03.json. */
export function exportFileName(now = new Date()): string {
  return `prompt-relay-history-${now.toISOString().slice(0, 10)}.json`;
}

// Readers: each returns the value when valid, or INVALID.
const INVALID = Symbol('invalid');
type Read<T> = T | typeof INVALID;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, maxChars: number): Read<string> {
  return typeof value === 'string' && value.length <= maxChars ? value : INVALID;
}

function nullable<T>(value: unknown, read: (value: unknown) => Read<T>): Read<T | null> {
  return value === null ? null : read(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): Read<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : INVALID;
}

function count(value: unknown): Read<number> {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : INVALID;
}

function amount(value: unknown): Read<number> {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : INVALID;
}

function bool(value: unknown): Read<boolean> {
  return typeof value === 'boolean' ? value : INVALID;
}

/** An id the recorder could have made (a UUID) or one like it: no spaces, no markup. */
function id(value: unknown): Read<string> {
  return typeof value === 'string' &&
    value.length <= IMPORT_LIMITS.idChars &&
    /^[A-Za-z0-9._:-]+$/.test(value)
    ? value
    : INVALID;
}

/** An origin as the browser writes it ("https://example.com"), or "null" for an opaque one. */
function origin(value: unknown): Read<string> {
  if (typeof value !== 'string' || value.length > IMPORT_LIMITS.originChars) return INVALID;
  if (value === 'null') return value;
  try {
    return new URL(value).origin === value ? value : INVALID;
  } catch {
    return INVALID;
  }
}

function address(value: unknown): Read<string> {
  if (typeof value !== 'string' || value.length > IMPORT_LIMITS.urlChars) return INVALID;
  try {
    new URL(value);
    return value;
  } catch {
    return INVALID;
  }
}

function stage(value: unknown): Read<StageRecord> {
  if (!isRecord(value)) return INVALID;
  const at = origin(value.origin);
  const model = text(value.model, IMPORT_LIMITS.modelChars);
  if (at === INVALID || model === INVALID) return INVALID;
  return { origin: at, model };
}

function usage(value: unknown): Read<TokenUsage> {
  if (!isRecord(value)) return INVALID;
  const promptTokens = count(value.promptTokens);
  const completionTokens = count(value.completionTokens);
  if (promptTokens === INVALID || completionTokens === INVALID) return INVALID;
  return { promptTokens, completionTokens };
}

function error(value: unknown): Read<{ code: ErrorCode; message: string }> {
  if (!isRecord(value)) return INVALID;
  const code = oneOf(value.code, ERROR_CODES);
  const message = text(value.message, IMPORT_LIMITS.messageChars);
  if (code === INVALID || message === INVALID) return INVALID;
  return { code, message };
}

function fallback(value: unknown): Read<{ code: ErrorCode }> {
  if (!isRecord(value)) return INVALID;
  const code = oneOf(value.code, ERROR_CODES);
  return code === INVALID ? INVALID : { code };
}

function vote(value: unknown): Read<Vote> {
  return oneOf<Vote>(value, ['up', 'down']);
}

function quality(value: unknown): Read<number> {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
    ? value
    : INVALID;
}

/** Reads a pair `{ draft, refinement }` whose values are each null or valid. */
function pair<T>(
  value: unknown,
  read: (value: unknown) => Read<T>,
): Read<{ draft: T | null; refinement: T | null }> {
  if (!isRecord(value)) return INVALID;
  const draft = nullable(value.draft, read);
  const refinement = nullable(value.refinement, read);
  if (draft === INVALID || refinement === INVALID) return INVALID;
  return { draft, refinement };
}

function timings(value: unknown): Read<HistoryEntry['timings']> {
  if (!isRecord(value)) return INVALID;
  const result = {
    draftFirstTokenMs: nullable(value.draftFirstTokenMs, amount),
    draftMs: nullable(value.draftMs, amount),
    refinementFirstTokenMs: nullable(value.refinementFirstTokenMs, amount),
    refinementMs: nullable(value.refinementMs, amount),
    totalMs: amount(value.totalMs),
  };
  return Object.values(result).includes(INVALID) ? INVALID : (result as HistoryEntry['timings']);
}

/**
 * One entry from anything: a new object holding the schema's fields only, each checked (type,
 * enum, length, range), or null when any field is missing or wrong.
 */
export function parseHistoryEntry(raw: unknown): HistoryEntry | null {
  if (!isRecord(raw)) return null;
  const entry = {
    id: id(raw.id),
    at: count(raw.at),
    source: oneOf<HistorySource>(raw.source, HISTORY_SOURCES),
    origin: nullable(raw.origin, origin),
    url: nullable(raw.url, address),
    mode: isMode(raw.mode) ? raw.mode : INVALID,
    original: text(raw.original, IMPORT_LIMITS.textChars),
    draft: nullable(raw.draft, (v) => text(v, IMPORT_LIMITS.textChars)),
    refinement: nullable(raw.refinement, (v) => text(v, IMPORT_LIMITS.textChars)),
    outcome: oneOf(raw.outcome, OUTCOMES),
    error: nullable(raw.error, error),
    fallback: nullable(raw.fallback, fallback),
    fromCache: bool(raw.fromCache),
    action: oneOf<UserAction>(raw.action, USER_ACTIONS),
    actionFinal: bool(raw.actionFinal),
    providers: pair(raw.providers, stage),
    timings: timings(raw.timings),
    usage: pair(raw.usage, usage),
    costUsd: nullable(raw.costUsd, amount),
    quality: nullable(raw.quality, quality),
    feedback: pair(raw.feedback, vote),
  };
  if (Object.values(entry).includes(INVALID)) return null;
  return entry as HistoryEntry;
}

export type ParsedHistoryFile =
  { ok: true; entries: HistoryEntry[]; invalid: number } | { ok: false; message: string };

const NOT_A_HISTORY =
  'This file is not a Prompt Relay history export. Choose a file made with Export on this page.';

/** A whole file's text: the valid entries (ids unique, first kept) and how many were not. */
export function parseHistoryFile(json: string): ParsedHistoryFile {
  if (json.length > IMPORT_LIMITS.fileChars) {
    return { ok: false, message: 'This file is too large to be a Prompt Relay history.' };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: 'This file is not valid JSON, so nothing was imported.' };
  }
  if (!isRecord(data) || data.format !== HISTORY_FILE_FORMAT || !Array.isArray(data.entries)) {
    return { ok: false, message: NOT_A_HISTORY };
  }
  if (data.version !== HISTORY_FILE_VERSION) {
    return {
      ok: false,
      message: `This history file has version ${JSON.stringify(data.version) ?? 'none'}; this Prompt Relay reads version ${HISTORY_FILE_VERSION}. Update Prompt Relay, then import it again.`,
    };
  }
  if (data.entries.length > IMPORT_LIMITS.entries) {
    return {
      ok: false,
      message: `This file holds ${data.entries.length.toLocaleString('en')} entries; at most ${IMPORT_LIMITS.entries.toLocaleString('en')} can be imported.`,
    };
  }
  const entries: HistoryEntry[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  for (const raw of data.entries as unknown[]) {
    const entry = parseHistoryEntry(raw);
    if (!entry) invalid += 1;
    else if (!seen.has(entry.id)) {
      seen.add(entry.id);
      entries.push(entry);
    }
  }
  return { ok: true, entries, invalid };
}

export type ImportReport =
  | { ok: true; added: number; alreadyThere: number; invalid: number }
  | { ok: false; message: string };

/**
 * Reads a file's text and adds its valid entries through `add` (the store's `addEntries`, which
 * skips ids already present and says how many it added). A failing store is reported, not thrown.
 */
export async function importHistoryJson(
  json: string,
  add: (entries: HistoryEntry[]) => Promise<number>,
): Promise<ImportReport> {
  const parsed = parseHistoryFile(json);
  if (!parsed.ok) return parsed;
  let added: number;
  try {
    added = parsed.entries.length > 0 ? await add(parsed.entries) : 0;
  } catch {
    return {
      ok: false,
      message: 'The history could not be saved in this browser; nothing was imported.',
    };
  }
  return {
    ok: true,
    added,
    alreadyThere: parsed.entries.length - added,
    invalid: parsed.invalid,
  };
}

/** "Imported 3 entries; 2 were already there; 1 could not be read and was skipped." */
export function importReportWords(report: ImportReport): string {
  if (!report.ok) return report.message;
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  const parts = [`Imported ${plural(report.added, 'entry', 'entries')}`];
  if (report.alreadyThere > 0) {
    parts.push(`${plural(report.alreadyThere, 'was', 'were')} already there`);
  }
  if (report.invalid > 0) {
    parts.push(
      `${plural(report.invalid, 'entry', 'entries')} could not be read and ${report.invalid === 1 ? 'was' : 'were'} skipped`,
    );
  }
  return `${parts.join('; ')}.`;
}
