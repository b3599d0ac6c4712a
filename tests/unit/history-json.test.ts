import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lib/insights/history-entry';
import {
  exportFileName,
  exportHistoryJson,
  historyFile,
  importHistoryJson,
  importReportWords,
  IMPORT_LIMITS,
  parseHistoryEntry,
  parseHistoryFile,
} from '../../lib/insights/history-json';
import {
  addEntries,
  allEntries,
  closeHistoryDb,
  deleteAllEntries,
} from '../../lib/insights/history-store';
import { historyTemplates, makeHistoryEntry } from '../browser/support/history-seed';

const NOW = new Date('2026-11-03T10:00:00.000Z');

/** A deep copy with one path changed (or removed with `undefined` and `remove`). */
function withPath(entry: HistoryEntry, path: string, value: unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

describe('parseHistoryEntry', () => {
  it.each(historyTemplates().map((entry) => [entry.id, entry] as const))(
    'keeps a valid entry as it is (%s)',
    (_id, entry) => {
      expect(parseHistoryEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
    },
  );

  it('accepts the nullable fields as null, an opaque origin and a full address', () => {
    const entry = makeHistoryEntry({
      origin: 'null',
      url: 'https://mail.example.com/inbox?id=1',
      draft: null,
      refinement: null,
      outcome: 'failed',
      error: { code: 'network', message: 'No connection.' },
      fallback: { code: 'timeout' },
      providers: { draft: null, refinement: null },
      timings: {
        draftFirstTokenMs: null,
        draftMs: null,
        refinementFirstTokenMs: null,
        refinementMs: null,
        totalMs: 0,
      },
      usage: { draft: null, refinement: null },
      costUsd: null,
      quality: null,
      feedback: { draft: 'down', refinement: 'up' },
    });
    expect(parseHistoryEntry(entry)).toEqual(entry);
  });

  const valid = makeHistoryEntry();
  const long = (n: number) => 'x'.repeat(n);
  it.each<[string, string, unknown]>([
    ['id missing', 'id', undefined],
    ['id with a space', 'id', 'a b'],
    ['id with markup', 'id', '<img src=x>'],
    ['id too long', 'id', long(IMPORT_LIMITS.idChars + 1)],
    ['time as a string', 'at', '2026-11-03'],
    ['negative time', 'at', -1],
    ['fractional time', 'at', 1.5],
    ['unknown source', 'source', 'bookmarklet'],
    ['origin with a path', 'origin', 'https://example.com/page'],
    ['origin not a URL', 'origin', 'example.com'],
    ['url not a URL', 'url', 'not a url'],
    ['unknown mode', 'mode', 'poetry'],
    ['original as a number', 'original', 42],
    ['original too long', 'original', long(IMPORT_LIMITS.textChars + 1)],
    ['draft as an object', 'draft', { text: 'x' }],
    ['refinement too long', 'refinement', long(IMPORT_LIMITS.textChars + 1)],
    ['unknown outcome', 'outcome', 'partial'],
    ['error with an unknown code', 'error', { code: 'oops', message: 'x' }],
    ['error without a message', 'error', { code: 'network' }],
    [
      'error message too long',
      'error',
      { code: 'network', message: long(IMPORT_LIMITS.messageChars + 1) },
    ],
    ['fallback with an unknown code', 'fallback', { code: 'oops' }],
    ['fromCache as a string', 'fromCache', 'false'],
    ['unknown action', 'action', 'liked'],
    ['actionFinal missing', 'actionFinal', undefined],
    ['providers missing', 'providers', undefined],
    ['provider origin not an origin', 'providers.draft.origin', 'groq'],
    ['model too long', 'providers.refinement.model', long(IMPORT_LIMITS.modelChars + 1)],
    ['negative timing', 'timings.draftMs', -5],
    ['total time null', 'timings.totalMs', null],
    ['timing not finite', 'timings.refinementMs', 'Infinity'],
    ['fractional token count', 'usage.draft.promptTokens', 1.5],
    ['usage missing a count', 'usage.refinement', { promptTokens: 3 }],
    ['negative cost', 'costUsd', -0.1],
    ['cost as a string', 'costUsd', '0.0004'],
    ['quality above 100', 'quality', 101],
    ['unknown vote', 'feedback.draft', 'meh'],
    ['feedback missing', 'feedback', undefined],
  ])('refuses an entry with %s', (_name, path, value) => {
    expect(parseHistoryEntry(withPath(valid, path, value, value === undefined))).toBeNull();
  });

  it.each([null, undefined, 42, 'entry', [], [valid]])('refuses %j as an entry', (raw) => {
    expect(parseHistoryEntry(raw)).toBeNull();
  });

  it('keeps no field outside the schema, at any depth', () => {
    const raw = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
    raw.apiKey = 'sk-secret';
    raw.__proto__polluted = true;
    (raw.providers as Record<string, Record<string, unknown>>).draft!.apiKey = 'gsk-secret';
    (raw.timings as Record<string, unknown>).extra = 1;
    (raw.usage as Record<string, Record<string, unknown>>).draft!.cost = 9;
    (raw.feedback as Record<string, unknown>).comment = '<script>';
    const withProto = JSON.parse(
      JSON.stringify(raw).replace('{', '{"__proto__":{"polluted":true},'),
    ) as unknown;
    const parsed = parseHistoryEntry(withProto);
    expect(parsed).toEqual(valid);
    expect(JSON.stringify(parsed)).not.toMatch(/secret|extra|cost"|comment|polluted/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('export', () => {
  it('writes the format, version, time and entries', () => {
    const entries = historyTemplates().slice(0, 2);
    expect(JSON.parse(exportHistoryJson(entries, NOW))).toEqual({
      format: 'prompt-relay-history',
      version: 1,
      exportedAt: '2026-11-03T10:00:00.000Z',
      entries,
    });
    expect(exportFileName(NOW)).toBe('prompt-relay-history-2026-11-03.json');
  });
});

describe('parseHistoryFile', () => {
  const file = (data: unknown) => JSON.stringify(data);

  it('reads back what export wrote (round trip)', () => {
    const entries = historyTemplates();
    const parsed = parseHistoryFile(exportHistoryJson(entries, NOW));
    expect(parsed).toEqual({ ok: true, entries, invalid: 0 });
  });

  it.each<[string, string, string]>([
    ['malformed JSON', '{"format": "prompt-relay-history", ', 'not valid JSON'],
    ['an empty file', '', 'not valid JSON'],
    ['a JSON array', '[]', 'not a Prompt Relay history export'],
    ['JSON null', 'null', 'not a Prompt Relay history export'],
    [
      'another format',
      file({ format: 'chatgpt-export', version: 1, entries: [] }),
      'not a Prompt Relay history export',
    ],
    [
      'entries not a list',
      file({ format: 'prompt-relay-history', version: 1, entries: {} }),
      'not a Prompt Relay history export',
    ],
    [
      'a newer version',
      file({ format: 'prompt-relay-history', version: 2, entries: [] }),
      'has version 2; this Prompt Relay reads version 1',
    ],
    [
      'no version',
      file({ format: 'prompt-relay-history', entries: [] }),
      'has version none; this Prompt Relay reads version 1',
    ],
  ])('refuses %s and says why', (_name, text, words) => {
    const parsed = parseHistoryFile(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(words);
  });

  it('refuses more entries than can be imported, without reading them', () => {
    const text = file({
      format: 'prompt-relay-history',
      version: 1,
      entries: new Array(IMPORT_LIMITS.entries + 1).fill(0),
    });
    const parsed = parseHistoryFile(text);
    expect(!parsed.ok && parsed.message).toBe(
      'This file holds 100,001 entries; at most 100,000 can be imported.',
    );
  });

  it('keeps the valid entries of a partly invalid file, counts the rest, and keeps one per id', () => {
    const [a, b] = historyTemplates();
    const parsed = parseHistoryFile(
      file(historyFile([a!, { ...b!, mode: 'poetry' } as unknown as HistoryEntry, a!, b!], NOW)),
    );
    expect(parsed).toEqual({ ok: true, entries: [a, b], invalid: 1 });
  });
});

describe('importHistoryJson', () => {
  afterEach(async () => {
    await deleteAllEntries();
    await closeHistoryDb();
  });

  it('adds the new entries to the store and counts added, already there and invalid', async () => {
    const entries = historyTemplates();
    await addEntries(entries.slice(0, 4));
    const text = exportHistoryJson([...entries, { id: 'broken' } as unknown as HistoryEntry], NOW);
    const report = await importHistoryJson(text, addEntries);
    expect(report).toEqual({ ok: true, added: 8, alreadyThere: 4, invalid: 1 });
    expect(importReportWords(report)).toBe(
      'Imported 8 entries; 4 were already there; 1 entry could not be read and was skipped.',
    );
    expect(await allEntries()).toEqual([...entries].sort((x, y) => y.at - x.at));
  });

  it('round trip: export, delete all, import restores every entry exactly', async () => {
    const entries = historyTemplates();
    await addEntries(entries);
    const text = exportHistoryJson(await allEntries(), NOW);
    await deleteAllEntries();
    expect(await importHistoryJson(text, addEntries)).toEqual({
      ok: true,
      added: 12,
      alreadyThere: 0,
      invalid: 0,
    });
    expect(await allEntries()).toEqual([...entries].sort((x, y) => y.at - x.at));
  });

  it('never throws: a bad file and a failing store are reported in words', async () => {
    const add = () => Promise.reject(new Error('QuotaExceededError'));
    await expect(importHistoryJson('nope', add)).resolves.toEqual({
      ok: false,
      message: 'This file is not valid JSON, so nothing was imported.',
    });
    const report = await importHistoryJson(exportHistoryJson(historyTemplates(), NOW), add);
    expect(report).toEqual({
      ok: false,
      message: 'The history could not be saved in this browser; nothing was imported.',
    });
    expect(importReportWords(report)).toBe(
      'The history could not be saved in this browser; nothing was imported.',
    );
  });

  it.each([
    [{ ok: true, added: 1, alreadyThere: 0, invalid: 0 }, 'Imported 1 entry.'],
    [
      { ok: true, added: 0, alreadyThere: 1, invalid: 0 },
      'Imported 0 entries; 1 was already there.',
    ],
    [
      { ok: true, added: 1200, alreadyThere: 0, invalid: 2 },
      'Imported 1,200 entries; 2 entries could not be read and were skipped.',
    ],
  ] as const)('words the report %j', (report, words) => {
    expect(importReportWords(report)).toBe(words);
  });
});
