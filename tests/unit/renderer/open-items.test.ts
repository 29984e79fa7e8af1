import { describe, expect, it } from 'vitest';
import { filterItems, ITEMS_PAGE, openTotals, rangeIds, rowMoveTarget, sortItems } from '../../../renderer/src/account/openItems';
import type { OpenItem } from '../../../renderer/src/account/types';

let next = 0;
function item(overrides: Partial<OpenItem>): OpenItem {
  next += 1;
  return {
    id: `00000000-0000-7000-8000-${String(next).padStart(12, '0')}`,
    kind: 'invoice',
    documentNumber: `INV-${next}`,
    reference: null,
    documentDate: '2026-09-01',
    dueDate: '2026-10-01',
    currency: 'EUR',
    originalMinor: 10_000,
    openMinor: 10_000,
    disputedMinor: 0,
    dunningLevel: 0,
    erpDisputed: false,
    daysPastDue: 53,
    bucketKey: '31-60',
    promised: false,
    ...overrides,
  };
}

const a = item({ documentNumber: 'INV-100', reference: 'PO-77', openMinor: 5_000, dueDate: '2026-11-30', daysPastDue: -7, bucketKey: 'current' });
const b = item({ documentNumber: 'CM-7', kind: 'credit_memo', openMinor: -2_500, dueDate: '2026-08-01' });
const c = item({ documentNumber: 'INV-050', currency: 'USD', openMinor: 12_345, dueDate: '2026-10-15' });
const items = [a, b, c];

describe('open items table helpers', () => {
  it('filters by kind, bucket and document or reference text', () => {
    expect(filterItems(items, { kind: 'credit_memo', bucket: 'all', text: '' })).toEqual([b]);
    expect(filterItems(items, { kind: 'all', bucket: 'current', text: '' })).toEqual([a]);
    expect(filterItems(items, { kind: 'all', bucket: 'all', text: ' po-77 ' })).toEqual([a]);
    expect(filterItems(items, { kind: 'all', bucket: 'all', text: 'inv' })).toEqual([a, c]);
  });

  it('sorts numbers numerically and text alphabetically, both directions', () => {
    expect(sortItems(items, 'openMinor', 'asc').map((i) => i.documentNumber)).toEqual(['CM-7', 'INV-100', 'INV-050']);
    expect(sortItems(items, 'dueDate', 'desc').map((i) => i.documentNumber)).toEqual(['INV-100', 'INV-050', 'CM-7']);
    expect(sortItems(items, 'documentNumber', 'asc').map((i) => i.documentNumber)).toEqual(['CM-7', 'INV-050', 'INV-100']);
  });

  it('selects the range between two rows in the shown order, whichever was clicked first', () => {
    expect(rangeIds(items, c.id, a.id)).toEqual([a.id, b.id, c.id]);
    expect(rangeIds(items, b.id, c.id)).toEqual([b.id, c.id]);
    expect(rangeIds(items, 'gone', c.id)).toEqual([c.id]);
  });

  it('totals the selected open amounts per currency in minor units', () => {
    expect(openTotals(items, new Set([a.id, b.id, c.id]))).toEqual([
      { currency: 'EUR', amountMinor: 2_500 },
      { currency: 'USD', amountMinor: 12_345 },
    ]);
    expect(openTotals(items, new Set())).toEqual([]);
  });
});

describe('moving the focus in the open items', () => {
  it('moves by one with the arrows, by a page with PageUp/PageDown, to the ends with Home/End, never past them', () => {
    expect(rowMoveTarget('ArrowDown', 3, 132)).toBe(4);
    expect(rowMoveTarget('ArrowUp', 3, 132)).toBe(2);
    expect(rowMoveTarget('PageDown', 3, 132)).toBe(3 + ITEMS_PAGE);
    expect(rowMoveTarget('PageUp', 13, 132)).toBe(13 - ITEMS_PAGE);
    expect(rowMoveTarget('Home', 70, 132)).toBe(0);
    expect(rowMoveTarget('End', 0, 132)).toBe(131);
    expect(rowMoveTarget('ArrowUp', 0, 132)).toBe(0);
    expect(rowMoveTarget('ArrowDown', 131, 132)).toBe(131);
    expect(rowMoveTarget('PageDown', 128, 132)).toBe(131);
    expect(rowMoveTarget('PageUp', 4, 132)).toBe(0);
  });

  it('ignores other keys and an empty list', () => {
    expect(rowMoveTarget('Enter', 3, 132)).toBeNull();
    expect(rowMoveTarget('j', 3, 132)).toBeNull();
    expect(rowMoveTarget('ArrowDown', 0, 0)).toBeNull();
  });
});
