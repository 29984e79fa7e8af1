import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { WORKLIST_SORT_KEYS } from '../../../shared/api/schemas';
import type { OperationOutput } from '../../../shared/api/contract';
import { addContactPerson, addCustomer, addDispute, addFollowUp, addItem, addNote, addPromise, addActivity, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

type Row = OperationOutput<'worklist.query'>['rows'][number];

let api: TestApi;
const ids: Record<string, string> = {};

/** Six customers, each standing out in one way. */
beforeAll(async () => {
  api = await createTestApi();
  const { sqlite } = api.store;
  const me = addUser(sqlite, { is_local_profile: 1 });
  const make = (key: string, patch: Parameters<typeof addCustomer>[1]) => {
    ids[key] = addCustomer(sqlite, { collector_id: me.id, ...patch }).id;
    return ids[key];
  };
  const big = make('big', { name: 'Zeta Großhandel', number: 'C000010', country: 'DE', risk_class: 'high' });
  addItem(sqlite, big, { due_date: '2026-08-01', open_minor: 5_000_000 });
  addItem(sqlite, big, { due_date: '2026-11-10', open_minor: 1_000_000, document_number: 'INV-77001', reference: 'PO-ALPHA' });

  const usd = make('usd', { name: 'Acme Corp', number: 'C000020', country: 'US', currency: 'USD', risk_class: 'low' });
  addItem(sqlite, usd, { due_date: '2026-11-01', open_minor: 300_000, currency: 'USD' });
  addContactPerson(sqlite, usd, { name: 'Wile Coyote', email: 'wile@acme.example' });

  const broken = make('broken', { name: 'Beta Bau', number: 'C000030', country: 'AT', risk_class: 'medium' });
  addItem(sqlite, broken, { due_date: '2026-10-15', open_minor: 200_000 });
  addPromise(sqlite, broken, { status: 'broken', promised_date: '2026-11-15' });
  addActivity(sqlite, broken, { occurred_at: '2026-11-20T08:00:00.000Z' });

  const disputed = make('disputed', { name: 'Gamma Logistik', number: 'C000040', country: 'DE', risk_class: 'low' });
  addItem(sqlite, disputed, { due_date: '2026-09-01', open_minor: 150_000, disputed_minor: 150_000 });
  addDispute(sqlite, disputed, { status: 'in_process' });
  addNote(sqlite, disputed, 'Customer says the pallets arrived damaged');

  const follow = make('follow', { name: 'Delta Drinks', number: 'C000050', country: 'GB', currency: 'GBP', risk_class: 'critical' });
  addItem(sqlite, follow, { due_date: '2026-12-20', open_minor: 80_000, currency: 'GBP' });
  addItem(sqlite, follow, { due_date: '2026-11-20', open_minor: 5_000, currency: 'EUR' });
  addFollowUp(sqlite, follow, { due_date: '2026-11-23' });

  make('quiet', { name: 'Epsilon Empty', number: 'C000060', country: 'FR', risk_class: 'low' });
});
afterAll(async () => api.cleanup());
afterEach(async () => {
  for (const id of Object.values(ids)) {
    const result = await api.raw('worklist.clearOverride', { customerId: id });
    expect(result.ok || result.error.code === 'conflict').toBe(true);
  }
});

const query = (input: unknown) => api.call('worklist.query', input);
const names = (rows: Row[]) => rows.map((row) => row.name);

describe('worklist.query', () => {
  it('ranks by score by default and reports the total and as-of date', async () => {
    const page = await query({});
    expect(page.total).toBe(6);
    expect(page.asOf).toBe('2026-11-23');
    const scores = page.rows.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.rows[0]?.name).toBe('Zeta Großhandel');
    expect(page.rows[0]?.factors.length).toBeGreaterThan(0);
  });

  it('returns rows that carry the summary', async () => {
    const row = (await query({ search: 'acme' })).rows[0];
    expect(row).toMatchObject({ customerId: ids.usd, currency: 'USD', openMinor: 300_000, overdueMinor: 300_000, oldestDaysPastDue: 22, mixedCurrency: false, creditHold: false });
    const mixed = (await query({ search: 'delta' })).rows[0];
    expect(mixed).toMatchObject({ currency: 'GBP', openMinor: 80_000, overdueMinor: 0, mixedCurrency: true, nextFollowUpDate: '2026-11-23' });
  });

  it.each([
    [{ buckets: ['91-120'] }, ['Zeta Großhandel']],
    [{ buckets: ['1-30', '61-90'] }, ['Acme Corp', 'Delta Drinks', 'Gamma Logistik', 'Zeta Großhandel']],
    [{ buckets: ['31-60'] }, ['Beta Bau']],
    [{ currencies: ['USD'] }, ['Acme Corp']],
    [{ currencies: ['EUR'] }, ['Beta Bau', 'Delta Drinks', 'Epsilon Empty', 'Gamma Logistik', 'Zeta Großhandel']],
    [{ countries: ['DE', 'FR'] }, ['Epsilon Empty', 'Gamma Logistik', 'Zeta Großhandel']],
    [{ riskClasses: ['critical', 'medium'] }, ['Beta Bau', 'Delta Drinks']],
    [{ hasBrokenPromise: true }, ['Beta Bau']],
    [{ hasDispute: true }, ['Gamma Logistik']],
    [{ hasDispute: false, countries: ['DE'] }, ['Zeta Großhandel']],
    [{ followUpDue: true }, ['Delta Drinks']],
  ])('filters %j', async (filters, expected) => {
    const page = await query({ filters, sort: { by: 'name', dir: 'asc' } });
    expect(names(page.rows)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it.each([
    ['großh', ['Zeta Großhandel']],
    ['GROß', ['Zeta Großhandel']],
    ['C00004', ['Gamma Logistik']],
    ['wile', ['Acme Corp']],
    ['77001', ['Zeta Großhandel']],
    ['po-alp', ['Zeta Großhandel']],
    ['pallets damaged', ['Gamma Logistik']],
    ['nobody-here', []],
    ['"', []],
  ])('searches %j instantly by prefix', async (search, expected) => {
    expect(names((await query({ search, sort: { by: 'name', dir: 'asc' } })).rows)).toEqual(expected);
  });

  it.each(WORKLIST_SORT_KEYS.flatMap((by) => (['asc', 'desc'] as const).map((dir) => [by, dir] as const)))('sorts by %s %s, stable across pages', async (by, dir) => {
    const all = (await query({ sort: { by, dir } })).rows;
    expect(all).toHaveLength(6);
    const paged = [...(await query({ sort: { by, dir }, limit: 4 })).rows, ...(await query({ sort: { by, dir }, offset: 4, limit: 4 })).rows];
    expect(paged.map((r) => r.customerId)).toEqual(all.map((r) => r.customerId));
    const key = (row: Row): string | number | null =>
      ({ score: row.score, name: row.name.toLowerCase(), number: row.number, overdue: null, open: row.openMinor, oldestDays: row.oldestDaysPastDue, nextAction: [row.nextPromiseDate, row.nextFollowUpDate].filter(Boolean).sort()[0] ?? null, lastContact: row.lastContactAt, daysLate: row.payments?.averageDaysLate ?? null, shareLate: row.payments?.shareLate ?? null, creditUsed: row.creditUsedBp })[by];
    if (by === 'overdue') return;
    const present = all.map(key).filter((value) => value !== null);
    const sorted = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(present).toEqual(dir === 'asc' ? sorted : sorted.reverse());
    // Missing values go last in both directions.
    const nulls = all.map(key).map((value) => value === null);
    expect(nulls).toEqual([...nulls].sort((a, b) => Number(a) - Number(b)));
  });

  it('sorts by overdue amount converted to the base currency', async () => {
    const rows = (await query({ sort: { by: 'overdue', dir: 'desc' } })).rows;
    expect(names(rows).slice(0, 3)).toEqual(['Zeta Großhandel', 'Acme Corp', 'Beta Bau']);
  });

  it('pages with offset and limit', async () => {
    const page = await query({ offset: 5, limit: 50 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(6);
    expect((await query({ offset: 10 })).rows).toEqual([]);
  });

  it('gives the whole total on every page: full, short, the last, and past the end', async () => {
    for (let limit = 1; limit <= 7; limit += 1) {
      for (let offset = 0; offset <= 8; offset += 1) {
        const page = await query({ offset, limit });
        expect({ offset, limit, rows: page.rows.length, total: page.total }).toEqual({ offset, limit, rows: Math.max(0, Math.min(limit, 6 - offset)), total: 6 });
      }
    }
    const filtered = await query({ filters: { currencies: ['EUR'] }, offset: 2, limit: 2 });
    expect([filtered.rows.length, filtered.total]).toEqual([2, 5]);
    expect((await query({ search: 'nobody-here' })).total).toBe(0);
  });

  it('puts pinned customers first and snoozed ones last in the default ranking', async () => {
    await api.call('worklist.setOverride', { customerId: ids.quiet, kind: 'pin', reason: 'Director asked' });
    await api.call('worklist.setOverride', { customerId: ids.big, kind: 'snooze', reason: 'Payment run Friday', expiresAt: '2026-11-27T00:00:00.000Z' });
    const rows = (await query({})).rows;
    expect(rows[0]?.name).toBe('Epsilon Empty');
    expect(rows[0]?.override).toEqual({ kind: 'pin', reason: 'Director asked', expiresAt: null });
    expect(rows.at(-1)?.name).toBe('Zeta Großhandel');
    const ascending = (await query({ sort: { by: 'score', dir: 'asc' } })).rows;
    expect(ascending.at(-1)?.name).toBe('Zeta Großhandel');
  });
});

describe('override expiry', () => {
  it('returns a customer to its score position once its snooze expires', async () => {
    await api.call('worklist.setOverride', { customerId: ids.big, kind: 'snooze', reason: 'Until noon', expiresAt: '2026-11-23T12:00:00.000Z' });
    expect((await query({})).rows.at(-1)?.name).toBe('Zeta Großhandel');
    api.clock.set('2026-11-23T12:00:00.000Z');
    try {
      const rows = (await query({})).rows;
      expect(rows[0]?.name).toBe('Zeta Großhandel');
      expect(rows[0]?.override).toBeNull();
    } finally {
      api.clock.set('2026-11-23T09:00:00.000Z');
    }
  });
});

describe('worklist.facets', () => {
  it('offers the buckets and the values present', async () => {
    const facets = await api.call('worklist.facets', {});
    expect(facets.buckets.map((b) => b.key)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', 'over-120']);
    expect(facets.currencies).toEqual(['EUR', 'GBP', 'USD']);
    expect(facets.countries).toEqual(['AT', 'DE', 'FR', 'GB', 'US']);
    expect(facets.riskClasses).toEqual(['low', 'medium', 'high', 'critical']);
  });
});
