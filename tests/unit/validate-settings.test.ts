import { describe, expect, it } from 'vitest';
import {
  isCoveredByManifest,
  originPattern,
  originsNeedingPermission,
} from '../../lib/settings/host-permissions';
import { DEFAULT_DRAFT_LENGTH, MODES, type Mode } from '../../lib/prompts/modes';
import { PRICE_OVERRIDES_MAX } from '../../lib/insights/prices';
import {
  formFromValues,
  lengthFieldId,
  MESSAGES,
  priceFieldId,
  type PriceForm,
  stageFieldId,
  validateSettings,
  type SettingsForm,
  type SettingsValues,
} from '../../lib/settings/validate-settings';

const VALUES: SettingsValues = {
  draft: {
    preset: 'groq',
    apiKey: 'gsk_draft',
    baseUrl: 'https://api.groq.com/openai/v1',
    model: 'llama-3.1-8b-instant',
    timeoutMs: 5000,
  },
  refinement: {
    preset: 'openai',
    apiKey: 'sk-refine',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 60000,
  },
  twoStageEnabled: true,
  defaultMode: 'general',
  cacheEnabled: false,
  warmConnection: true,
  draftLengths: DEFAULT_DRAFT_LENGTH,
  sendPageContext: true,
  noContextSites: ['mail.example.com', '127.0.0.1'],
  priceOverrides: [
    {
      origin: 'http://localhost:11434',
      model: 'llama3.2',
      inputPerMTok: 0,
      outputPerMTok: 0,
    },
    {
      origin: 'https://openrouter.ai',
      model: 'openai/gpt-4o-mini',
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
    },
  ],
};

function form(edit: (draft: SettingsForm) => void = () => undefined): SettingsForm {
  const result = structuredClone(formFromValues(VALUES));
  edit(result);
  return result;
}

function errorsOf(input: SettingsForm): Record<string, string> {
  const result = validateSettings(input);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validateSettings', () => {
  it('accepts the saved values and returns them unchanged', () => {
    expect(validateSettings(form())).toEqual({ ok: true, values: VALUES });
  });

  it('trims keys, models and base URLs, and drops trailing slashes', () => {
    const result = validateSettings(
      form((f) => {
        f.draft.apiKey = '  gsk_spaced \n';
        f.draft.model = ' llama ';
        f.refinement.baseUrl = ' https://example.com/v1/ ';
        f.refinement.timeoutMs = ' 1500 ';
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values.draft.apiKey).toBe('gsk_spaced');
    expect(result.values.draft.model).toBe('llama');
    expect(result.values.refinement.baseUrl).toBe('https://example.com/v1');
    expect(result.values.refinement.timeoutMs).toBe(1500);
  });

  it('allows empty API keys (a stage without a key is simply unused)', () => {
    expect(validateSettings(form((f) => (f.draft.apiKey = '   '))).ok).toBe(true);
  });

  it.each([
    '',
    'api.openai.com/v1',
    'ftp://example.com',
    'https:example.com',
    'https://',
    'not a url',
  ])('rejects the base URL %j', (baseUrl) => {
    const errors = errorsOf(form((f) => (f.draft.baseUrl = baseUrl)));
    expect(errors).toEqual({ [stageFieldId('draft', 'baseUrl')]: MESSAGES.baseUrl });
    expect(MESSAGES.baseUrl).toBe('Enter a full URL such as https://api.openai.com/v1');
  });

  it('accepts http URLs with ports, such as a local server', () => {
    const result = validateSettings(
      form((f) => (f.refinement.baseUrl = 'http://localhost:11434/v1')),
    );
    expect(result.ok).toBe(true);
  });

  it.each(['', '499', '300001', '1000.5', '-1000', 'abc', '1e4'])(
    'rejects the timeout %j',
    (timeout) => {
      const errors = errorsOf(form((f) => (f.refinement.timeoutMs = timeout)));
      expect(errors).toEqual({
        [stageFieldId('refinement', 'timeoutMs')]:
          'Enter a number of milliseconds between 500 and 300000',
      });
    },
  );

  it.each(['500', '300000'])('accepts the boundary timeout %s', (timeout) => {
    expect(validateSettings(form((f) => (f.draft.timeoutMs = timeout))).ok).toBe(true);
  });

  it('requires a model', () => {
    const errors = errorsOf(form((f) => (f.draft.model = '  ')));
    expect(errors).toEqual({ [stageFieldId('draft', 'model')]: MESSAGES.model });
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(
      form((f) => {
        f.draft.baseUrl = 'nope';
        f.refinement.model = '';
        f.refinement.timeoutMs = '1';
        f.draftLengths.video = { min: '5', max: '100' };
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'draft-base-url',
        'refinement-model',
        'refinement-timeout',
        lengthFieldId('video', 'min'),
      ].sort(),
    );
  });

  it.each([
    ['9', '100', 'min'],
    ['10', '401', 'max'],
    ['10.5', '100', 'min'],
    ['', '100', 'min'],
    ['50', 'x', 'max'],
  ] as const)('rejects the length %j to %j on the %s field', (min, max, bound) => {
    const errors = errorsOf(form((f) => (f.draftLengths.image = { min, max })));
    expect(errors).toEqual({ [lengthFieldId('image', bound)]: MESSAGES.length });
  });

  it('rejects a maximum below the minimum', () => {
    const errors = errorsOf(form((f) => (f.draftLengths.research = { min: '200', max: '150' })));
    expect(errors).toEqual({ [lengthFieldId('research', 'max')]: MESSAGES.lengthOrder });
  });

  it('accepts equal bounds and the extremes 10 and 400', () => {
    const result = validateSettings(
      form((f) => {
        f.draftLengths.general = { min: '10', max: '10' };
        f.draftLengths.socratic = { min: '400', max: '400' };
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values.draftLengths.general).toEqual({ min: 10, max: 10 });
    expect(result.values.draftLengths.socratic).toEqual({ min: 400, max: 400 });
  });

  it('rejects an unknown preset or mode', () => {
    const bad = form();
    (bad.draft as { preset: string }).preset = 'mistral';
    (bad as { defaultMode: string }).defaultMode = 'poetry';
    const errors = errorsOf(bad);
    expect(errors).toHaveProperty(stageFieldId('draft', 'preset'));
    expect(errors).toHaveProperty('default-mode');
  });
});

describe('the sites that never get page context', () => {
  it('saves what was typed as hosts: one per line, lower case, no duplicates', () => {
    const result = validateSettings(
      form((f) => {
        f.noContextSites =
          'https://Mail.Example.com/inbox\n\n*.docs.example.org\nmail.example.com\nwww.example.net\n';
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values.noContextSites).toEqual([
      'mail.example.com',
      'docs.example.org',
      'example.net',
    ]);
  });

  it('names the line to fix', () => {
    const errors = errorsOf(form((f) => (f.noContextSites = 'mail.example.com\nmy bank')));
    expect(errors).toEqual({
      'no-context-sites':
        '“my bank” is not a site’s host name. Enter one host per line, such as mail.example.com',
    });
  });

  it('names up to three lines, and counts the rest', () => {
    const errors = errorsOf(form((f) => (f.noContextSites = 'a b\nc d\ne f\ng h\ni j')));
    expect(errors['no-context-sites']).toBe(
      '“a b”, “c d”, “e f” and 2 more are not sites’ host names. Enter one host per line, such as mail.example.com',
    );
  });

  it('does not block Save on the unused list while page context is off', () => {
    const result = validateSettings(
      form((f) => {
        f.sendPageContext = false;
        f.noContextSites = 'example.com\nmy bank';
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      values: { sendPageContext: false, noContextSites: ['example.com'] },
    });
  });

  it('refuses a list too long to sync', () => {
    const many = Array.from({ length: 400 }, (_, i) => `site-number-${i}.example.com`).join('\n');
    const errors = errorsOf(form((f) => (f.noContextSites = many)));
    expect(errors).toEqual({
      'no-context-sites':
        'This list is too long to sync with your browser: remove some sites (it holds about 7,000 characters)',
    });
  });

  it('shows the saved hosts one per line', () => {
    expect(formFromValues(VALUES).noContextSites).toBe('mail.example.com\n127.0.0.1');
  });
});

describe('the user’s prices', () => {
  const row = (over: Partial<PriceForm> = {}): PriceForm => ({
    origin: 'http://127.0.0.1:4010/v1',
    model: 'gpt-4o-mini',
    inputPerMTok: '1',
    outputPerMTok: '2',
    ...over,
  });

  it('shows the saved prices as text', () => {
    expect(formFromValues(VALUES).priceOverrides).toEqual([
      {
        origin: 'http://localhost:11434',
        model: 'llama3.2',
        inputPerMTok: '0',
        outputPerMTok: '0',
      },
      {
        origin: 'https://openrouter.ai',
        model: 'openai/gpt-4o-mini',
        inputPerMTok: '0.15',
        outputPerMTok: '0.6',
      },
    ]);
  });

  it('saves a base URL as its origin, trims the model and reads the prices as numbers', () => {
    const result = validateSettings(
      form((f) => {
        f.priceOverrides = [
          row({ model: ' gpt-4o-mini ', inputPerMTok: ' 0.5 ', outputPerMTok: '0' }),
        ];
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      values: {
        priceOverrides: [
          {
            origin: 'http://127.0.0.1:4010',
            model: 'gpt-4o-mini',
            inputPerMTok: 0.5,
            outputPerMTok: 0,
          },
        ],
      },
    });
  });

  it('drops a row left empty', () => {
    const result = validateSettings(
      form((f) => {
        f.priceOverrides = [row({ origin: ' ', model: '', inputPerMTok: '', outputPerMTok: '' })];
      }),
    );
    expect(result).toMatchObject({ ok: true, values: { priceOverrides: [] } });
  });

  it('names each field to fix, in the row it is in', () => {
    const errors = errorsOf(
      form((f) => {
        f.priceOverrides = [
          row(),
          row({ origin: 'localhost:11434', model: ' ', inputPerMTok: '-1', outputPerMTok: '1e3' }),
        ];
      }),
    );
    expect(errors).toEqual({
      'price-2-origin': MESSAGES.priceOrigin,
      'price-2-model': MESSAGES.priceModel,
      'price-2-input': MESSAGES.price,
      'price-2-output': MESSAGES.price,
    });
    expect(priceFieldId(1, 'inputPerMTok')).toBe('price-2-input');
  });

  it('refuses a second price for the same model at the same address', () => {
    const errors = errorsOf(
      form((f) => {
        f.priceOverrides = [row(), row({ origin: 'http://127.0.0.1:4010', inputPerMTok: '3' })];
      }),
    );
    expect(errors).toEqual({ 'price-2-model': MESSAGES.priceRepeated });
  });

  it(`refuses more than ${PRICE_OVERRIDES_MAX}`, () => {
    const errors = errorsOf(
      form((f) => {
        f.priceOverrides = Array.from({ length: PRICE_OVERRIDES_MAX + 1 }, (_, i) =>
          row({ model: `m${i}` }),
        );
      }),
    );
    expect(errors).toEqual({ 'prices-add': MESSAGES.pricesTooMany });
  });

  it('words its messages so they say what to type', () => {
    expect(MESSAGES.price).toBe(
      'Enter US dollars per million tokens, from 0 to 10,000, such as 0.15 (0 for a free or local model)',
    );
  });
});

describe('formFromValues', () => {
  it('shows numbers as text and covers every mode', () => {
    const f = formFromValues(VALUES);
    expect(f.draft.timeoutMs).toBe('5000');
    expect(Object.keys(f.draftLengths).sort()).toEqual([...MODES].sort());
    const video: Mode = 'video';
    expect(f.draftLengths[video]).toEqual({
      min: String(DEFAULT_DRAFT_LENGTH.video.min),
      max: String(DEFAULT_DRAFT_LENGTH.video.max),
    });
  });
});

// Host access is checked on the same Save as validation, so its helpers are tested here too.
describe('originPattern', () => {
  it('keeps scheme, host and port, and drops the path', () => {
    expect(originPattern('https://api.example.com/openai/v1')).toBe('https://api.example.com/*');
    expect(originPattern('http://192.168.1.5:8080/v1/')).toBe('http://192.168.1.5:8080/*');
    expect(originPattern(' https://Example.COM:443/v1 ')).toBe('https://example.com/*');
  });

  it('returns null for what is not an http(s) URL', () => {
    expect(originPattern('ftp://example.com')).toBeNull();
    expect(originPattern('example.com')).toBeNull();
    expect(originPattern('')).toBeNull();
  });
});

describe('isCoveredByManifest', () => {
  it.each([
    'https://api.groq.com/openai/v1',
    'https://api.openai.com/v1',
    'http://localhost:11434/v1',
    'http://localhost/v1',
    'http://127.0.0.1:8080/v1',
  ])('covers %s', (url) => {
    expect(isCoveredByManifest(url)).toBe(true);
  });

  it.each([
    'http://api.openai.com/v1',
    'https://localhost:8443/v1',
    'https://api.groq.com.evil.test/v1',
    'https://openrouter.ai/api/v1',
    'http://127.0.0.2/v1',
    'not a url',
  ])('does not cover %s', (url) => {
    expect(isCoveredByManifest(url)).toBe(false);
  });

  it('understands wildcard hosts in the patterns it is given', () => {
    expect(isCoveredByManifest('https://a.b.example.com/', ['https://*.example.com/*'])).toBe(true);
    expect(isCoveredByManifest('https://example.com/', ['https://*.example.com/*'])).toBe(true);
    expect(isCoveredByManifest('https://badexample.com/', ['https://*.example.com/*'])).toBe(false);
    expect(isCoveredByManifest('http://x.test/', ['*://*/*'])).toBe(true);
  });
});

describe('originsNeedingPermission', () => {
  it('lists each uncovered origin once', () => {
    expect(
      originsNeedingPermission([
        'https://openrouter.ai/api/v1',
        'https://api.openai.com/v1',
        'https://openrouter.ai/other',
      ]),
    ).toEqual(['https://openrouter.ai/*']);
    expect(originsNeedingPermission(['http://localhost:1234/v1'])).toEqual([]);
  });
});
