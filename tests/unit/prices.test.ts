import { describe, expect, it } from 'vitest';
import { formatEstimate, formatMonth, formatUsd } from '../../lib/insights/cost-format';
import {
  checkPriceOverride,
  costOf,
  costUsdOf,
  LIST_PRICES,
  normalizePriceOverrides,
  parsePrice,
  PRICE_OVERRIDES_MAX,
  priceFor,
  priceOrigin,
  priceText,
  requestCost,
  type PriceOverride,
  type RequestCost,
} from '../../lib/insights/prices';

const USAGE = { promptTokens: 1000, completionTokens: 200 };

describe('the list prices', () => {
  it('date and source every entry, once per endpoint and model', () => {
    const keys = new Set<string>();
    for (const price of LIST_PRICES) {
      expect(price.asOf).toMatch(/^\d{4}-\d{2}$/);
      expect(price.source).toMatch(/^https:\/\//);
      expect(new URL(price.origin).origin).toBe(price.origin);
      keys.add(`${price.origin} ${price.model}`);
    }
    expect(keys.size).toBe(LIST_PRICES.length);
  });

  it.each([
    // [base URL as the settings hold it, model, input, output]
    ['https://api.groq.com/openai/v1', 'llama-3.1-8b-instant', 0.05, 0.08],
    ['https://api.groq.com/openai/v1', 'llama-3.3-70b-versatile', 0.59, 0.79],
    ['https://api.groq.com', 'llama-3.1-8b-instant', 0.05, 0.08],
    ['https://api.openai.com/v1', 'gpt-4o-mini', 0.15, 0.6],
    ['https://API.OpenAI.com:443/v1/', 'gpt-4o-mini', 0.15, 0.6],
    ['https://api.openai.com/v1', 'gpt-4o', 2.5, 10],
    ['https://api.openai.com/v1', 'gpt-4.1-mini', 0.4, 1.6],
    ['https://api.openai.com/v1', 'gpt-4.1-nano', 0.1, 0.4],
    ['https://api.openai.com/v1', ' gpt-4o-mini ', 0.15, 0.6],
    ['https://api.cerebras.ai/v1', 'gpt-oss-120b', 0.25, 0.69],
    ['https://api.sambanova.ai/v1', 'Meta-Llama-3.1-8B-Instruct', 0.1, 0.2],
    ['https://api.together.xyz/v1', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', 0.18, 0.18],
    [
      'https://api.fireworks.ai/inference/v1',
      'accounts/fireworks/models/llama-v3p1-8b-instruct',
      0.2,
      0.2,
    ],
    [
      'https://generativelanguage.googleapis.com/v1beta/openai',
      'gemini-2.0-flash-lite',
      0.075,
      0.3,
    ],
    ['https://api.anthropic.com/v1', 'claude-3-5-haiku-latest', 0.8, 4],
  ])('price %s + %s at its list price', (baseUrl, model, input, output) => {
    expect(priceFor({ baseUrl, model })).toMatchObject({
      inputPerMTok: input,
      outputPerMTok: output,
      from: { kind: 'list' },
    });
  });

  it.each([
    ['OpenRouter', 'https://openrouter.ai/api/v1', 'gpt-4o-mini'],
    ['a gateway', 'https://gateway.ai.cloudflare.com/v1/acct/gw/openai', 'gpt-4o-mini'],
    ['a local server', 'http://localhost:11434/v1', 'llama-3.1-8b-instant'],
    ['the test mock', 'http://127.0.0.1:4010/v1', 'gpt-4o-mini'],
    ['plain http to the same host', 'http://api.openai.com/v1', 'gpt-4o-mini'],
    ['another port', 'https://api.openai.com:8443/v1', 'gpt-4o-mini'],
    ['a look-alike host', 'https://api.openai.com.example.net/v1', 'gpt-4o-mini'],
    ['another provider’s model', 'https://api.groq.com/openai/v1', 'gpt-4o-mini'],
    ['a dated snapshot', 'https://api.openai.com/v1', 'gpt-4o-mini-2024-07-18'],
    ['another case', 'https://api.openai.com/v1', 'GPT-4o-mini'],
    ['not a URL', 'api.openai.com', 'gpt-4o-mini'],
  ])('does not price the same model name behind %s', (_name, baseUrl, model) => {
    expect(priceFor({ baseUrl, model })).toBeNull();
    expect(costOf(USAGE, { baseUrl, model })).toBeNull();
  });
});

describe('costOf', () => {
  const local: PriceOverride = {
    origin: 'http://localhost:11434',
    model: 'llama3.2',
    inputPerMTok: 0,
    outputPerMTok: 0,
  };
  const discount: PriceOverride = {
    origin: 'https://api.openai.com',
    model: 'gpt-4o-mini',
    inputPerMTok: 0.075,
    outputPerMTok: 0.3,
  };

  it.each<[string, { baseUrl: string; model: string }, PriceOverride[], number | null]>([
    // (1000 × 0.15 + 200 × 0.60) / 1M
    [
      'gpt-4o-mini at OpenAI',
      { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
      [],
      0.00027,
    ],
    // (1000 × 0.05 + 200 × 0.08) / 1M
    [
      'the Groq draft',
      { baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.1-8b-instant' },
      [],
      0.000066,
    ],
    [
      'your price wins over the list',
      { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
      [discount],
      0.000135,
    ],
    [
      'a local server priced at 0',
      { baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' },
      [local],
      0,
    ],
    [
      'a local server without a price',
      { baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' },
      [],
      null,
    ],
    [
      'your price for another model',
      { baseUrl: 'http://localhost:11434/v1', model: 'qwen3' },
      [local],
      null,
    ],
    [
      'your price for another address',
      { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2' },
      [local],
      null,
    ],
  ])('%s', (_name, stage, overrides, expected) => {
    const cost = costOf(USAGE, stage, overrides);
    if (expected === null) expect(cost).toBeNull();
    else expect(cost).toBeCloseTo(expected, 15);
  });

  it('is null without usage, even with a price', () => {
    expect(costOf(null, { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' })).toBeNull();
  });

  it('comes to the design’s ≈ $0.00116 for a typical two-stage request', () => {
    // Draft: 1 100 prompt + 1 300 completion tokens = $0.000159; refinement: 2 000 + 1 200 =
    // $0.00102.
    const cost = requestCost([
      {
        baseUrl: 'https://api.groq.com/openai/v1',
        model: 'llama-3.1-8b-instant',
        usage: { promptTokens: 1100, completionTokens: 1300 },
      },
      {
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        usage: { promptTokens: 2000, completionTokens: 1200 },
      },
    ]);
    expect(cost.kind === 'priced' && cost.usd).toBeCloseTo(0.001179, 15);
    expect(cost.kind === 'priced' && formatEstimate(cost.usd)).toBe('≈ $0.0012');
  });
});

describe('requestCost', () => {
  const groq = { baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.1-8b-instant' };
  const openai = { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' };
  const mock = { baseUrl: 'http://127.0.0.1:4010/v1', model: 'gpt-4o-mini' };
  const mockPrice: PriceOverride = {
    origin: 'http://127.0.0.1:4010',
    model: 'gpt-4o-mini',
    inputPerMTok: 1,
    outputPerMTok: 2,
  };

  it.each<[string, Parameters<typeof requestCost>[0], PriceOverride[], RequestCost]>([
    [
      'both stages at list prices',
      [
        { ...groq, usage: USAGE },
        { ...openai, usage: USAGE },
      ],
      [],
      { kind: 'priced', usd: 0.000336, basis: 'list', asOf: '2026-06' },
    ],
    [
      'one stage at your price',
      [{ ...mock, usage: USAGE }],
      [mockPrice],
      { kind: 'priced', usd: 0.0014, basis: 'yours', asOf: null },
    ],
    [
      'a list price and yours',
      [
        { ...groq, usage: USAGE },
        { ...mock, usage: USAGE },
      ],
      [mockPrice],
      { kind: 'priced', usd: 0.001466, basis: 'both', asOf: '2026-06' },
    ],
    [
      'a stage without a price makes the whole unknown',
      [
        { ...groq, usage: USAGE },
        { ...mock, usage: USAGE },
      ],
      [],
      { kind: 'no-price', unpriced: [{ origin: 'http://127.0.0.1:4010', model: 'gpt-4o-mini' }] },
    ],
    [
      'a stage without usage makes the whole unknown',
      [
        { ...groq, usage: USAGE },
        { ...openai, usage: null },
      ],
      [],
      { kind: 'no-usage' },
    ],
    [
      'a missing price is said before missing usage',
      [
        { ...groq, usage: null },
        { ...mock, usage: USAGE },
      ],
      [],
      { kind: 'no-price', unpriced: [{ origin: 'http://127.0.0.1:4010', model: 'gpt-4o-mini' }] },
    ],
    ['no stage answered', [], [], { kind: 'no-usage' }],
  ])('%s', (_name, calls, overrides, expected) => {
    const cost = requestCost(calls, overrides);
    if (expected.kind === 'priced' && cost.kind === 'priced') {
      expect({ ...cost, usd: 0 }).toEqual({ ...expected, usd: 0 });
      expect(cost.usd).toBeCloseTo(expected.usd, 15);
    } else expect(cost).toEqual(expected);
  });

  it.each<[string, RequestCost | null, boolean, number | null]>([
    ['priced', { kind: 'priced', usd: 0.0004, basis: 'list', asOf: '2026-06' }, false, 0.0004],
    ['a cache hit', { kind: 'cached' }, true, 0],
    [
      'a cache hit whose stored result was priced',
      { kind: 'priced', usd: 1, basis: 'list', asOf: null },
      true,
      0,
    ],
    ['no price', { kind: 'no-price', unpriced: [] }, false, null],
    ['no usage', { kind: 'no-usage' }, false, null],
    ['no metadata (cancelled, failed)', null, false, null],
  ])('records %s in the history as %s', (_name, cost, fromCache, expected) => {
    expect(costUsdOf(cost, fromCache)).toBe(expected);
  });
});

describe('the user’s prices', () => {
  it.each<[string, string, string | null]>([
    ['a base URL', 'https://openrouter.ai/api/v1', 'https://openrouter.ai'],
    ['an origin with a port', 'http://localhost:11434', 'http://localhost:11434'],
    ['upper case and spaces', '  HTTPS://OpenRouter.AI/  ', 'https://openrouter.ai'],
    ['a host without a scheme', 'localhost:11434', null],
    ['another scheme', 'ftp://files.example.com', null],
    ['words', 'my gateway', null],
    ['nothing', '', null],
  ])('read the address from %s', (_name, text, expected) => {
    expect(priceOrigin(text)).toBe(expected);
  });

  it.each<[string, number | null]>([
    ['0.15', 0.15],
    ['0', 0],
    [' 2.5 ', 2.5],
    ['.5', 0.5],
    ['3.', 3],
    ['10000', 10000],
    ['10000.01', null],
    ['-1', null],
    ['1e3', null],
    ['1,5', null],
    ['$0.15', null],
    ['', null],
  ])('read the price “%s” as %s', (text, expected) => {
    expect(parsePrice(text)).toBe(expected);
  });

  it('show prices as plain decimals', () => {
    expect([0.15, 0, 2.5, 1e-7, 10000].map(priceText)).toEqual([
      '0.15',
      '0',
      '2.5',
      '0.0000001',
      '10000',
    ]);
  });

  const valid = {
    origin: 'https://openrouter.ai',
    model: 'openai/gpt-4o-mini',
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
  };

  it.each<[string, unknown]>([
    ['not an object', 'https://openrouter.ai'],
    ['null', null],
    ['no model', { ...valid, model: ' ' }],
    ['a model that is a number', { ...valid, model: 4 }],
    ['an address that is no URL', { ...valid, origin: 'openrouter' }],
    ['a negative price', { ...valid, inputPerMTok: -0.1 }],
    ['a price as text', { ...valid, outputPerMTok: '0.6' }],
    ['an infinite price', { ...valid, outputPerMTok: Infinity }],
    ['NaN', { ...valid, inputPerMTok: NaN }],
    ['a price too high', { ...valid, inputPerMTok: 10001 }],
  ])('refuse a stored price with %s', (_name, raw) => {
    expect(checkPriceOverride(raw)).toBeNull();
  });

  it('keep a stored price’s origin and model in their checked form', () => {
    expect(
      checkPriceOverride({ ...valid, origin: 'https://OpenRouter.ai/api/v1', model: ' m ' }),
    ).toEqual({ ...valid, origin: 'https://openrouter.ai', model: 'm' });
  });

  it('normalize what storage holds: invalid entries and repeats left out and counted', () => {
    expect(normalizePriceOverrides(undefined)).toEqual({
      overrides: [],
      dropped: 0,
      invalid: false,
    });
    expect(normalizePriceOverrides({})).toEqual({ overrides: [], dropped: 0, invalid: true });
    const local = {
      origin: 'http://localhost:11434',
      model: 'llama3.2',
      inputPerMTok: 0,
      outputPerMTok: 0,
    };
    expect(
      normalizePriceOverrides([
        valid,
        { ...valid, inputPerMTok: 9 },
        'junk',
        local,
        { ...local, origin: 'x' },
      ]),
    ).toEqual({ overrides: [valid, local], dropped: 3, invalid: false });
  });

  it(`keep at most ${PRICE_OVERRIDES_MAX}`, () => {
    const many = Array.from({ length: PRICE_OVERRIDES_MAX + 2 }, (_, i) => ({
      ...valid,
      model: `m${i}`,
    }));
    const { overrides, dropped } = normalizePriceOverrides(many);
    expect(overrides).toHaveLength(PRICE_OVERRIDES_MAX);
    expect(dropped).toBe(2);
  });
});

describe('dollar amounts', () => {
  it.each<[number, string, string]>([
    // [amount, formatUsd, formatEstimate]
    [0, '$0', '$0'],
    [0.000004, '< $0.00001', '< $0.00001'],
    [0.00001, '$0.00001', '≈ $0.00001'],
    [0.000066, '$0.000066', '≈ $0.000066'],
    [0.00016, '$0.00016', '≈ $0.00016'],
    [0.0004, '$0.0004', '≈ $0.0004'],
    [0.00041234, '$0.00041', '≈ $0.00041'],
    [0.00116, '$0.0012', '≈ $0.0012'],
    [0.039000000000000007, '$0.039', '≈ $0.039'],
    [0.5, '$0.5', '≈ $0.5'],
    [0.996, '$1', '≈ $1'],
    [1.234, '$1.23', '≈ $1.23'],
    [1234.5, '$1,234.50', '≈ $1,234.50'],
    [-1, '', ''],
    [Number.NaN, '', ''],
  ])('%s → %s', (usd, plain, estimate) => {
    expect(formatUsd(usd)).toBe(plain);
    expect(formatEstimate(usd)).toBe(estimate);
  });

  it('name the month of a price', () => {
    expect(formatMonth('2026-06')).toBe('June 2026');
    expect(formatMonth('2026-12')).toBe('December 2026');
    expect(formatMonth('soon')).toBe('soon');
  });
});
