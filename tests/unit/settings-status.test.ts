import { describe, expect, it } from 'vitest';
import { settingsStatus } from '../../lib/settings/settings-status';

describe('settingsStatus', () => {
  it('is ready with both keys and two-stage on', () => {
    expect(settingsStatus({ draftKey: true, refinementKey: true, twoStage: true })).toEqual({
      kind: 'ready',
      text: 'Two-stage optimization enabled',
    });
  });

  it('falls back to single-stage without a draft key', () => {
    for (const twoStage of [true, false]) {
      expect(settingsStatus({ draftKey: false, refinementKey: true, twoStage })).toEqual({
        kind: 'limited',
        text: 'Draft key missing — single-stage optimization',
      });
    }
  });

  it('says single-stage when two-stage is off', () => {
    expect(settingsStatus({ draftKey: true, refinementKey: true, twoStage: false })).toEqual({
      kind: 'limited',
      text: 'Two-stage off — single-stage optimization',
    });
  });

  it('offers drafts only without a refinement key', () => {
    for (const twoStage of [true, false]) {
      expect(settingsStatus({ draftKey: true, refinementKey: false, twoStage }).text).toBe(
        'Refinement key missing — drafts only',
      );
    }
  });

  it('asks for a key when there is none', () => {
    expect(settingsStatus({ draftKey: false, refinementKey: false, twoStage: true })).toEqual({
      kind: 'missing',
      text: 'No API keys — add one to start',
    });
  });
});
