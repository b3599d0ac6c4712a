import { describe, expect, it } from 'vitest';
import {
  checkHistorySettingsForm,
  historySettingsForm,
  type HistorySettingsForm,
} from '../../lib/insights/history-settings-form';
import { DEFAULT_HISTORY_SETTINGS } from '../../lib/insights/history-policy';

const form = (change: Partial<HistorySettingsForm>): HistorySettingsForm => ({
  ...historySettingsForm({ ...DEFAULT_HISTORY_SETTINGS }),
  ...change,
});

describe('the History settings form', () => {
  it('shows the defaults as typed text', () => {
    expect(
      historySettingsForm({ ...DEFAULT_HISTORY_SETTINGS, excludedSites: ['a.com', 'b.org'] }),
    ).toEqual({
      enabled: true,
      keepDays: '30',
      keepEntries: '1000',
      fullUrls: false,
      excludedSites: 'a.com\nb.org',
    });
  });

  it('reads numbers with spaces or separators and normalizes the site list', () => {
    expect(
      checkHistorySettingsForm(
        form({
          enabled: false,
          keepDays: ' 90 ',
          keepEntries: '10,000',
          fullUrls: true,
          excludedSites:
            'https://Mail.Example.com/inbox\n\n*.bank.example\nwww.news.example\nmail.example.com',
        }),
      ),
    ).toEqual({
      ok: true,
      settings: {
        enabled: false,
        keepDays: 90,
        keepEntries: 10_000,
        fullUrls: true,
        excludedSites: ['mail.example.com', 'bank.example', 'news.example'],
      },
    });
  });

  it.each<[string, Partial<HistorySettingsForm>, Record<string, string>]>([
    ['zero days', { keepDays: '0' }, { keepDays: 'Enter a whole number of days from 1 to 365' }],
    [
      'a year and a day',
      { keepDays: '366' },
      { keepDays: 'Enter a whole number of days from 1 to 365' },
    ],
    ['half a day', { keepDays: '1.5' }, { keepDays: 'Enter a whole number of days from 1 to 365' }],
    ['no days', { keepDays: '' }, { keepDays: 'Enter a whole number of days from 1 to 365' }],
    [
      'too few entries',
      { keepEntries: '9' },
      { keepEntries: 'Enter a whole number of entries from 10 to 10,000' },
    ],
    [
      'too many entries',
      { keepEntries: '10001' },
      { keepEntries: 'Enter a whole number of entries from 10 to 10,000' },
    ],
    [
      'a line that names no site',
      { excludedSites: 'example.com\nme@mail.example.com' },
      {
        excludedSites:
          '“me@mail.example.com” is not a site’s host name. Enter one host per line, such as mail.example.com',
      },
    ],
  ])('refuses %s, saying what to enter', (_name, change, errors) => {
    expect(checkHistorySettingsForm(form(change))).toEqual({ ok: false, errors });
  });
});
