import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowRunSchema, SYNC_ENTITIES, pageChangeCount, type Change, type SyncEntity } from '../../shared/sync/protocol';
import { changeOfRunRow, changesOfRun, rowOfRun } from '../../shared/sync/runs';

const COLUMNS = ['id', 'customer_id', 'note', 'amount_minor', 'closed', 'items'] as const;
const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.record({ open_item_id: fc.uuid() }), { maxLength: 2 }));
const row = fc.record({ id: fc.uuid(), customer_id: fc.uuid(), note: value, amount_minor: value, closed: value, items: value });

describe('snapshot runs', () => {
  it('a run built from upserts turns back into exactly those upserts', () => {
    fc.assert(
      fc.property(fc.constantFrom<SyncEntity>(...SYNC_ENTITIES), fc.array(row, { maxLength: 20 }), (entity, rows) => {
        const changes: Change[] = rows.map((r) => ({ op: 'upsert', entity, id: r.id, customerId: entity === 'customers' ? r.id : r.customer_id, row: r }));
        const run = { entity, columns: [...COLUMNS], rows: rows.map((r) => COLUMNS.map((column) => r[column])) };
        expect(RowRunSchema.parse(run)).toEqual(run);
        expect(changesOfRun(run)).toEqual(changes);
        expect(pageChangeCount({ changes: [], runs: [run, run] })).toBe(2 * rows.length);
      }),
    );
  });

  it('keeps every column of a row in the order given, values as they are', () => {
    expect(rowOfRun(['id', 'b', 'a'], ['x', null, [1]])).toEqual({ id: 'x', b: null, a: [1] });
    expect(Object.keys(rowOfRun(['id', 'b', 'a'], ['x', 1, 2]))).toEqual(['id', 'b', 'a']);
    expect(changeOfRunRow('customers', ['id', 'name'], ['c1', 'Acme'])).toEqual({ op: 'upsert', entity: 'customers', id: 'c1', customerId: 'c1', row: { id: 'c1', name: 'Acme' } });
  });

  it('refuses a run whose rows do not match its columns, or that has no id column', () => {
    const bad = RowRunSchema.safeParse({ entity: 'activities', columns: ['id', 'note'], rows: [['a', 'x'], ['b']] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['rows']);
    expect(RowRunSchema.safeParse({ entity: 'activities', columns: ['note'], rows: [['x']] }).success).toBe(false);
    expect(RowRunSchema.safeParse({ entity: 'activities', columns: ['id'], rows: 'nope' }).success).toBe(false);
    expect(RowRunSchema.safeParse({ entity: 'nothing', columns: ['id'], rows: [] }).success).toBe(false);
  });
});
