import { describe, expect, it } from 'vitest';
import { finalAction, type FieldHolds } from '../../lib/insights/final-action';
import type { UserAction } from '../../lib/insights/history-entry';

describe('the final action', () => {
  it.each<[UserAction, FieldHolds, UserAction]>([
    ['pending', 'ours', 'kept'],
    ['pending', 'changed', 'edited'],
    ['pending', 'original', 'undid'],
    // No field to look at (a page selection, a field the page removed): nothing is inferred.
    ['pending', 'none', 'pending'],
    ['edited', 'ours', 'edited'],
    ['edited', 'original', 'undid'],
    ['applied', 'ours', 'applied'],
    ['applied', 'changed', 'applied'],
    ['applied', 'original', 'undid'],
    ['restored', 'original', 'restored'],
    ['restored', 'changed', 'restored'],
    ['dismissed', 'changed', 'dismissed'],
    ['copied', 'none', 'copied'],
    ['inserted', 'none', 'inserted'],
  ])('reported %s, the field holds %s → %s', (reported, field, expected) => {
    expect(finalAction(reported, field)).toBe(expected);
  });
});
