/**
 * Reads never write (issue 14): the day's work is one explicit rollover step the handler table runs
 * before every operation; the operations that only read are built from a connection typed so it
 * cannot write (`ReadDb`), and run with the connection in `query_only` mode, so a read that tried
 * to write would not compile and, cast past the types, would fail instead of changing the store.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { withRolloverAndReadOnlyReads } from '../../../db/handlers/read-only';
import { createReadHandlers, READ_OPERATIONS, type ReadHandlerContext } from '../../../db/handlers/read-handlers';
import { readerOf, type ReadDb, type ReadStatement } from '../../../db/read-db';
import { build, selectAll } from '../../../db/typed-sql';
import { manualClock } from '../../../shared/domain/clock';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../db/summary/refresh';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
let customerId = '';

beforeAll(async () => {
  api = await createTestApi();
  const { sqlite } = api.store;
  const me = addUser(sqlite, { is_local_profile: 1 });
  customerId = addCustomer(sqlite, { collector_id: me.id }).id;
  addItem(sqlite, customerId, { due_date: '2026-11-20', open_minor: 120_000 });
});
afterAll(() => api.cleanup());

/** Everything a write could leave behind in the store. */
const footprint = () =>
  api.store.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox,
        (SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM sync_state ORDER BY key)) AS state,
        (SELECT group_concat(customer_id || ':' || updated_at || ':' || rank_group, ';') FROM customer_summary) AS summaries,
        total_changes() AS changes`,
    )
    .get();

describe('reads never write', () => {
  it('brings the store to a new day once, in the rollover, and reads on that day change nothing', async () => {
    await api.call('worklist.query', {});
    const daysAgo = (await api.call('customer.account', { customerId })).oldestDaysPastDue;
    api.clock.set('2026-11-25T09:00:00.000Z');
    // The first call of the day ages the summaries (the rollover), whatever the operation.
    await api.call('followUps.mine', {});
    expect((await api.call('customer.account', { customerId })).oldestDaysPastDue).toBe((daysAgo ?? 0) + 2);

    const before = footprint();
    const reads: readonly [string, unknown][] = [
      ['worklist.query', {}],
      ['worklist.facets', {}],
      ['customer.account', { customerId }],
      ['customer.timeline', { customerId }],
      ['customer.work', { customerId }],
      ['followUps.mine', {}],
      ['search.global', { q: 'Customer' }],
      ['kpi.dashboard', { month: '2026-11' }],
      ['kpi.forecast', {}],
      ['team.load', {}],
    ];
    for (const [operation, input] of reads) {
      const result = await api.raw(operation, input);
      // team.load refuses a collector; the others answer. Either way nothing is written.
      expect(result.ok || operation === 'team.load', operation).toBe(true);
    }
    expect(footprint()).toEqual(before);
  });

  it('makes a read that tries to write fail loudly, and leaves commands free to write', async () => {
    const { sqlite } = api.store;
    const handlers = createHandlers(api.ctx);
    const sneaky = withRolloverAndReadOnlyReads(
      {
        ...handlers,
        'worklist.facets': () => {
          sqlite.prepare("UPDATE customers SET name = 'changed by a read'").run();
          return handlers['worklist.facets']({});
        },
      },
      sqlite,
      () => undefined,
    );
    const result = await dispatch(sneaky, 'worklist.facets', {});
    expect(result.ok).toBe(false);
    expect(sqlite.prepare("SELECT count(*) AS n FROM customers WHERE name = 'changed by a read'").get()).toEqual({ n: 0 });
    // The connection is writable again after the read.
    expect((await dispatch(sneaky, 'note.add', { customerId, body: 'after a refused read' })).ok).toBe(true);
  });

  it('lists only operations the handler table has', () => {
    const names = new Set(Object.keys(createHandlers(api.ctx)));
    expect([...READ_OPERATIONS].filter((name) => !names.has(name))).toEqual([]);
  });

  it('builds every read from a connection that cannot write, by type', () => {
    const reads = createReadHandlers({ reader: api.store.sqlite, clock: manualClock('2026-11-23T09:00:00.000Z'), today: () => '2026-11-23', settings: DEFAULT_DOMAIN_SETTINGS, app: { ...api.ctx.app, schemaVersion: 1, databasePath: '' } });
    expect(Object.keys(reads).sort()).toEqual([...READ_OPERATIONS].sort());
    expectTypeOf<ReadHandlerContext>().not.toHaveProperty('store');
    expectTypeOf<ReadDb>().not.toHaveProperty('exec');
    expectTypeOf<ReadDb>().not.toHaveProperty('transaction');
    expectTypeOf<ReadDb>().not.toHaveProperty('pragma');
    expectTypeOf<ReadStatement>().not.toHaveProperty('run');
    expectTypeOf<ReadStatement>().not.toHaveProperty('database');
  });

  it("refuses, when prepared, a statement that writes but fetches rows, which the types cannot tell from a read", () => {
    const reader = readerOf(api.store.sqlite);
    expect(() => reader.prepare("UPDATE customers SET name = 'changed by a read' RETURNING id").all()).toThrow(/a read prepared a statement that writes/);
    expect(() => selectAll(reader, build.updateTable('customers').set({ name: 'changed by a read' }).returningAll())).toThrow(/a read prepared a statement that writes/);
    expect(api.store.sqlite.prepare("SELECT count(*) FROM customers WHERE name = 'changed by a read'").pluck().get()).toBe(0);
    expect(reader.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: expect.any(Number) as number });
  });
});
