import { describe, expect, it } from 'vitest';
import { settingsStatus } from '../../lib/settings/settings-status';

describe('settingsStatus', () => {
  it('is ready with both keys and two-stage on', () => {
    expect(settingsStatus({ draftKey: true, refinementKey: true, twoStageEnabled: true })).toEqual({
      kind: 'ready',
      text: 'Two-stage optimization enabled',
    });
  });

  it('falls back to single-stage without a draft key', () => {
    for (const twoStageEnabled of [true, false]) {
      expect(settingsStatus({ draftKey: false, refinementKey: true, twoStageEnabled })).toEqual({
        kind: 'limited',
        text: 'Draft key missing — single-stage optimization',
      });
    }
  });

  it('says single-stage when two-stage is off', () => {
    expect(settingsStatus({ draftKey: true, refinementKey: true, twoStageEnabled: false })).toEqual(
      {
        kind: 'limited',
        text: 'Two-stage off — single-stage optimization',
      },
    );
  });

  it('offers drafts only without a refinement key', () => {
    for (const twoStageEnabled of [true, false]) {
      expect(settingsStatus({ draftKey: true, refinementKey: false, twoStageEnabled }).text).toBe(
        'Refinement key missing — drafts only',
      );
    }
  });

  it('asks for a key when there is none', () => {
    expect(
      settingsStatus({ draftKey: false, refinementKey: false, twoStageEnabled: true }),
    ).toEqual({
      kind: 'missing',
      text: 'No API keys — add one to start',
    });
  });
});
