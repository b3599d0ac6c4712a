// @vitest-environment happy-dom
// Regions per field kind: what a trigger optimizes, whether the field is untouched, and where a
// partial region stands after the user typed around it. Text and selection in `a{b}c` notation.
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldRegion } from '../../lib/field-adapters/field-adapter';
import {
  locateRichRegion,
  richInitialRegion,
  richIntact,
} from '../../lib/field-adapters/rich-region';
import { rangeOfText, strippedOffsetBefore } from '../../lib/field-adapters/text-offsets';
import {
  locateValueRegion,
  valueInitialRegion,
  valueIntact,
} from '../../lib/field-adapters/value-region';
import { richField, valueField } from './support/field-notation';

afterEach(() => {
  document.body.innerHTML = '';
});

const part = (text: string, start: number, strippedStart = 0): FieldRegion => ({
  text,
  whole: false,
  start,
  strippedStart,
});
const whole = (text: string): FieldRegion => ({ text, whole: true, start: 0, strippedStart: 0 });

describe('value fields: the region a trigger optimizes', () => {
  const rows: [notation: string, region: FieldRegion][] = [
    ['a{b}c', part('b', 1)],
    ['{ab}c', part('ab', 0)],
    ['write {a haiku} now', part('a haiku', 6)],
    ['{abc}', whole('abc')],
    ['ab|c', whole('abc')],
    ['|', whole('')],
    ['line one\n{line two}', part('line two', 9)],
  ];
  it.each(rows)('%j → %j', (notation, region) => {
    expect(valueInitialRegion(valueField(notation))).toEqual(region);
  });
  it('reads an input the same way', () => {
    expect(valueInitialRegion(valueField('a{b}c', 'input'))).toEqual(part('b', 1));
  });
});

describe('rich editors: the region a trigger optimizes, counted in visible characters', () => {
  const rows: [html: string, region: FieldRegion][] = [
    ['<p>a{b}c</p>', part('b', 0, 1)],
    ['<p>ab</p><p>{cd}</p>', part('cd', 0, 2)],
    ['<p>a b {c} d</p>', part('c', 0, 2)],
    ['<p>a<strong>{b</strong>c}</p>', part('bc', 0, 1)],
    ['<p>{ab</p><p>cd}</p>', whole('ab\ncd')],
    ['<p>abc</p>', whole('abc')],
  ];
  it.each(rows)('%j → %j', (html, region) => {
    expect(richInitialRegion(richField(html))).toEqual(region);
  });
});

describe('visible-character offsets', () => {
  const rows: [html: string, text: string, from: number, found: string | null][] = [
    ['<p>ab</p><p>cd</p>', 'bc', 1, 'b'],
    ['<p>a b</p><p>c</p>', 'b c', 1, 'b'],
    ['<p>abc</p>', 'bc', 0, null],
    ['<p>abc</p>', 'cd', 2, null],
    ['<p>abc</p>', '  ', 0, null],
  ];
  it.each(rows)('%j holds %j from visible char %i: %j', (html, text, from, first) => {
    const root = richField(html);
    const range = rangeOfText(root, text, from);
    expect(range === null ? null : range.toString().charAt(0)).toBe(first);
    if (range) expect(strippedOffsetBefore(root, range)).toBe(from);
  });
});

describe('untouched since our last write', () => {
  it('a value field must hold exactly the text, whitespace and all', () => {
    const el = valueField('a b|');
    expect(valueIntact(el, 'a b')).toBe(true);
    expect(valueIntact(el, 'a  b')).toBe(false);
    el.remove();
    expect(valueIntact(el, 'a b')).toBe(false);
  });
  it('a rich editor is compared without whitespace (editors render blocks their own way)', () => {
    const el = richField('<p>a b</p><p>c</p>');
    expect(richIntact(el, 'a b\n\nc')).toBe(true);
    expect(richIntact(el, 'a b c!')).toBe(false);
    el.remove();
    expect(richIntact(el, 'a b\n\nc')).toBe(false);
  });
});

describe('locating a partial region after the user typed', () => {
  const valueRows: [now: string, region: FieldRegion, found: FieldRegion | null][] = [
    ['a draft c', part('draft', 2), part('draft', 2)],
    ['typed a draft c', part('draft', 2), part('draft', 8)],
    ['draft a draft', part('draft', 2), null],
    ['a dra c', part('draft', 2), null],
    ['all of it', whole('old'), whole('all of it')],
  ];
  it.each(valueRows)('value field %j: %j → %j', (now, region, found) => {
    expect(locateValueRegion(valueField(`${now}|`), region)).toEqual(found);
  });

  const richRows: [html: string, region: FieldRegion, found: FieldRegion | null][] = [
    ['<p>a draft c</p>', part('draft', 0, 1), part('draft', 0, 1)],
    ['<p>typed</p><p>a draft c</p>', part('draft', 0, 1), part('draft', 0, 6)],
    ['<p>draft a draft</p>', part('draft', 0, 1), null],
    ['<p>a dr aft c</p>', part('draft', 0, 1), part('draft', 0, 1)],
    ['<p>a c</p>', part('draft', 0, 1), null],
    ['<p>a c</p>', part(' ', 0, 1), null],
  ];
  it.each(richRows)('rich editor %j: %j → %j', (html, region, found) => {
    expect(locateRichRegion(richField(html), region)).toEqual(found);
  });
});
