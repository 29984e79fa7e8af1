import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../db/queries/fts';
import { addCustomer } from '../../support/builders';
import { createTempStore, type TempStore } from '../../support/temp-store';

let temp: TempStore;
beforeAll(async () => {
  temp = await createTempStore();
  addCustomer(temp.store.sqlite, { name: 'Ørsted Énergie „Nord“ & Co. KG' });
});
afterAll(async () => temp.cleanup());

describe('toFtsQuery', () => {
  it.each([
    ['müller gmbh', '"müller"* "gmbh"*'],
    ['  "quoted" ', '"quoted"*'],
    ['NEAR(a b)', '"NEAR"* "a"* "b"*'],
    ['a OR b AND NOT c', '"a"* "OR"* "b"* "AND"* "NOT"* "c"*'],
    ['label:x', '"label"* "x"*'],
    ['INV-2026-0042', '"INV"* "2026"* "0042"*'],
    ['*', null],
    ['"', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  it('caps the number of terms', () => {
    expect(toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))?.split(' ')).toHaveLength(12);
  });

  it('produces a query FTS5 accepts for any input at all', () => {
    const match = temp.store.sqlite.prepare('SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (input) => {
        const query = toFtsQuery(input);
        if (query !== null) expect(() => match.get(query)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('folds case and accents (é = e), while letters of their own such as ø stay themselves', () => {
    const match = temp.store.sqlite.prepare('SELECT label FROM search_index WHERE search_index MATCH ?');
    for (const input of ['ørsted', 'Ørs', 'energie', 'ÉNER', 'énergie', 'nord']) {
      expect(match.all(toFtsQuery(input)), input).toEqual([{ label: 'Ørsted Énergie „Nord“ & Co. KG' }]);
    }
  });
});
