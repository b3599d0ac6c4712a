import { describe, expect, it } from 'vitest';
import {
  createConnectionWarmer,
  WARM_INTERVAL_MS,
  warmTargetOf,
  type WarmTarget,
} from '../../lib/background/connection-warmer';
import type { PipelineSettings } from '../../lib/background/pipeline/pipeline-settings';

function setup(target: WarmTarget, usedSites: string[] = []) {
  const clock = { now: 1_000_000 };
  const requests: { url: string; init: RequestInit }[] = [];
  const warmer = createConnectionWarmer({
    target: () => Promise.resolve(target),
    usedBefore: (origin) => Promise.resolve(usedSites.includes(origin)),
    fetch: (url, init) => {
      requests.push({ url, init });
      return Promise.resolve(undefined);
    },
    now: () => clock.now,
  });
  return { warmer, requests, clock };
}

const BOTH: WarmTarget = {
  origins: ['https://api.groq.com', 'https://api.openai.com'],
  enabled: true,
};

describe('connection warming', () => {
  it('opens each provider origin with a bodiless HEAD: no prompt, no key', async () => {
    const { warmer, requests } = setup(BOTH);
    expect(await warmer.warm('popup')).toEqual(BOTH.origins);
    expect(requests.map((r) => r.url)).toEqual([
      'https://api.groq.com/',
      'https://api.openai.com/',
    ]);
    for (const { init } of requests) {
      expect(init).toEqual({
        method: 'HEAD',
        credentials: 'same-origin',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
      expect(init.body).toBeUndefined();
      expect(init.headers).toBeUndefined();
    }
  });

  it('at most once a minute per origin', async () => {
    const { warmer, requests, clock } = setup(BOTH);
    await warmer.warm('popup');
    clock.now += WARM_INTERVAL_MS - 1;
    expect(await warmer.warm('modifiers')).toEqual([]);
    clock.now += 1;
    expect(await warmer.warm('modifiers')).toEqual(BOTH.origins);
    expect(requests).toHaveLength(4);
  });

  it.each([
    ['turned off in settings', { ...BOTH, enabled: false }, 'popup', undefined, []],
    ['no provider with a key', { origins: [], enabled: true }, 'popup', undefined, []],
    ['focus on a site never used', BOTH, 'focus', 'https://news.example', []],
    ['focus without a page origin', BOTH, 'focus', undefined, []],
    ['focus on a site used before', BOTH, 'focus', 'https://chat.example', BOTH.origins],
    ['the shortcut’s modifiers, anywhere', BOTH, 'modifiers', 'https://news.example', BOTH.origins],
  ] as const)('%s', async (_name, target, reason, page, warmed) => {
    const { warmer } = setup(target, ['https://chat.example']);
    expect(await warmer.warm(reason, page)).toEqual(warmed);
  });

  it('a failed warm-up may be tried again at once', async () => {
    const requests: string[] = [];
    const warmer = createConnectionWarmer({
      target: () => Promise.resolve({ origins: ['https://api.groq.com'], enabled: true }),
      usedBefore: () => Promise.resolve(false),
      fetch: (url) => {
        requests.push(url);
        return Promise.reject(new TypeError('Failed to fetch'));
      },
      now: () => 0,
    });
    await warmer.warm('popup');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await warmer.warm('popup')).toEqual(['https://api.groq.com']);
    expect(requests).toHaveLength(2);
  });
});

describe('what is warmed follows the stage plan', () => {
  const stage = (baseUrl: string, apiKey: string) => ({
    preset: 'custom' as const,
    baseUrl,
    model: 'm',
    timeoutMs: 1000,
    apiKey,
  });
  const settings = (over: Partial<PipelineSettings>): PipelineSettings =>
    ({
      draft: stage('https://api.groq.com/openai/v1', 'gsk'),
      refinement: stage('https://api.openai.com/v1', 'sk'),
      twoStageEnabled: true,
      warmConnection: true,
      ...over,
    }) as PipelineSettings;

  it.each([
    ['two stages: draft first', {}, ['https://api.groq.com', 'https://api.openai.com']],
    [
      'two-stage off: the refinement provider alone',
      { twoStageEnabled: false },
      ['https://api.openai.com'],
    ],
    [
      'no draft key',
      { draft: stage('https://api.groq.com/openai/v1', '') },
      ['https://api.openai.com'],
    ],
    [
      'one origin for both',
      { refinement: stage('https://api.groq.com/openai/v1', 'gsk') },
      ['https://api.groq.com'],
    ],
    [
      'no key at all',
      { draft: stage('https://a.example', ''), refinement: stage('https://b.example', '') },
      [],
    ],
  ] as const)('%s', (_name, over, origins) => {
    expect(warmTargetOf(settings(over as Partial<PipelineSettings>)).origins).toEqual(origins);
  });
});
