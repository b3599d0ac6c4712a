import { describe, expect, it } from 'vitest';
import { settingsStatus } from '../../lib/settings/settings-status';

describe('settingsStatus', () => {
  it('is ready with both keys and two-stage on', () => {
    expect(settingsStatus({ draftKey: 'a', refinementKey: 'b', twoStage: true })).toEqual({
      kind: 'ready',
      text: 'Two-stage optimization enabled',
    });
  });

  it('falls back to single-stage without a draft key', () => {
    for (const twoStage of [true, false]) {
      expect(settingsStatus({ draftKey: '', refinementKey: 'b', twoStage })).toEqual({
        kind: 'limited',
        text: 'Draft key missing — single-stage optimization',
      });
    }
  });

  it('says single-stage when two-stage is off', () => {
    expect(settingsStatus({ draftKey: 'a', refinementKey: 'b', twoStage: false })).toEqual({
      kind: 'limited',
      text: 'Two-stage off — single-stage optimization',
    });
  });

  it('offers drafts only without a refinement key', () => {
    for (const twoStage of [true, false]) {
      expect(settingsStatus({ draftKey: 'a', refinementKey: '', twoStage }).text).toBe(
        'Refinement key missing — drafts only',
      );
    }
  });

  it('asks for a key when there is none', () => {
    expect(settingsStatus({ draftKey: '', refinementKey: '', twoStage: true })).toEqual({
      kind: 'missing',
      text: 'No API keys — add one to start',
    });
  });

  it('treats a key of blanks as missing', () => {
    expect(settingsStatus({ draftKey: '  ', refinementKey: '\t', twoStage: true }).kind).toBe(
      'missing',
    );
  });
});
