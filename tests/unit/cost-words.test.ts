import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../lib/errors/error-codes';
import { fieldPanelView } from '../../lib/field-ui/field-panel-view';
import type { RequestCost } from '../../lib/insights/prices';
import type { ResultMetadata } from '../../lib/messaging/protocol';
import {
  IDLE,
  reduceOptimization,
  type OptimizationAction,
  type OptimizationState,
} from '../../lib/optimization/optimization-state';
import { costWords, type CostWords } from '../../lib/optimization/optimization-words';

function metadata(cost: RequestCost): ResultMetadata {
  return {
    cost,
    quality: { original: { score: 10, checklist: [] }, draft: null, refined: null },
  } as unknown as ResultMetadata;
}

const DRAFTED: OptimizationAction[] = [
  { type: 'start' },
  { type: 'draft-delta', delta: 'Draft' },
  { type: 'draft', draft: 'Draft' },
];
const REFINED: OptimizationAction[] = [...DRAFTED, { type: 'refined', refined: 'Refined' }];

function refinedWith(cost: RequestCost, fromCache = false): OptimizationAction[] {
  return [...REFINED, { type: 'end', outcome: 'refined', fromCache, metadata: metadata(cost) }];
}

function after(actions: OptimizationAction[]): OptimizationState {
  return actions.reduce(reduceOptimization, IDLE);
}

function failed(code: ErrorInfo['code']): OptimizationAction[] {
  const error: ErrorInfo = { code, stage: 'request', retryable: false, message: 'No.' };
  return [{ type: 'start' }, { type: 'end', outcome: 'failed', fromCache: false, error }];
}

const LIST: RequestCost = { kind: 'priced', usd: 0.0004, basis: 'list', asOf: '2026-06' };

describe('costWords', () => {
  it.each<[string, OptimizationAction[], CostWords | null]>([
    ['nothing started', [], null],
    ['drafting', DRAFTED.slice(0, 2), null],
    ['refining', DRAFTED, null],
    [
      'priced at list prices',
      refinedWith(LIST),
      {
        text: '≈ $0.0004',
        reason: null,
        detail:
          'Estimated cost of this request, from the tokens the provider reported and the providers’ list prices (June 2026).',
        needsPrice: false,
      },
    ],
    [
      'priced at your prices',
      refinedWith({ kind: 'priced', usd: 0.0039, basis: 'yours', asOf: null }),
      {
        text: '≈ $0.0039',
        reason: null,
        detail:
          'Estimated cost of this request, from the tokens the provider reported and your prices in the settings.',
        needsPrice: false,
      },
    ],
    [
      'priced at both',
      refinedWith({ kind: 'priced', usd: 0.00116, basis: 'both', asOf: '2026-06' }),
      {
        text: '≈ $0.0012',
        reason: null,
        detail:
          'Estimated cost of this request, from the tokens the provider reported and the providers’ list prices (June 2026) and your prices in the settings.',
        needsPrice: false,
      },
    ],
    [
      'a free local model',
      refinedWith({ kind: 'priced', usd: 0, basis: 'yours', asOf: null }),
      {
        text: '$0',
        reason: null,
        detail:
          'Estimated cost of this request, from the tokens the provider reported and your prices in the settings.',
        needsPrice: false,
      },
    ],
    [
      'a cache hit',
      refinedWith({ kind: 'cached' }, true),
      {
        text: 'Cached · $0',
        reason: null,
        detail: 'Served from the cache: nothing was sent to a provider, so it cost nothing.',
        needsPrice: false,
      },
    ],
    [
      'a cache hit whose stored cost was priced',
      refinedWith(LIST, true),
      {
        text: 'Cached · $0',
        reason: null,
        detail: 'Served from the cache: nothing was sent to a provider, so it cost nothing.',
        needsPrice: false,
      },
    ],
    [
      'no price for the endpoint',
      refinedWith({
        kind: 'no-price',
        unpriced: [
          { origin: 'http://127.0.0.1:4010', model: 'llama-3.1-8b-instant' },
          { origin: 'https://openrouter.ai', model: 'openai/gpt-4o-mini' },
        ],
      }),
      {
        text: 'Cost —',
        reason: 'price unknown',
        detail:
          'Price unknown for llama-3.1-8b-instant at 127.0.0.1:4010 or openai/gpt-4o-mini at openrouter.ai. Add it under Prices in the settings to see the cost.',
        needsPrice: true,
      },
    ],
    [
      'no usage reported',
      refinedWith({ kind: 'no-usage' }),
      {
        text: 'Cost —',
        reason: 'no usage reported',
        detail: 'The provider did not report how many tokens it used, so the cost is unknown.',
        needsPrice: false,
      },
    ],
    [
      'cancelled',
      [...DRAFTED, { type: 'cancel' }],
      {
        text: 'Cost —',
        reason: 'no usage reported',
        detail:
          'The request was cancelled before the provider reported its token usage, so the cost is unknown.',
        needsPrice: false,
      },
    ],
    [
      'failed at the provider',
      failed('provider-error'),
      {
        text: 'Cost —',
        reason: 'no usage reported',
        detail:
          'The request failed before the provider reported its token usage, so the cost is unknown.',
        needsPrice: false,
      },
    ],
    ['failed before anything was sent', failed('no-keys'), null],
    ['offered before its end arrived', [...REFINED, { type: 'hold-back' }], null],
    [
      'offered, then ended',
      [
        ...REFINED,
        { type: 'hold-back' },
        { type: 'end', outcome: 'refined', fromCache: false, metadata: metadata(LIST) },
      ],
      expect.objectContaining({ text: '≈ $0.0004' }) as CostWords,
    ],
    [
      'the original restored',
      [...refinedWith(LIST), { type: 'restore' }],
      expect.objectContaining({ text: '≈ $0.0004' }) as CostWords,
    ],
  ])('%s', (_name, actions, expected) => {
    expect(costWords(after(actions))).toEqual(expected);
  });

  it('is shown by the page’s panel as by the popup', () => {
    const state = after(refinedWith(LIST));
    const view = fieldPanelView({
      state,
      kind: 'value',
      gone: false,
      running: false,
      heldBack: null,
      streamedIntoField: true,
      holdsOutput: true,
      original: 'haiku',
      earlierOriginal: null,
      mode: 'general',
      fieldMessage: '',
      busyNotice: null,
    });
    expect(view.cost).toEqual(costWords(state));
    expect(view.cost?.text).toBe('≈ $0.0004');
  });
});
