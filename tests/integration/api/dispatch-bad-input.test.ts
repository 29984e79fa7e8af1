import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, type OperationName } from '../../../shared/api/contract';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
let customerId: string;

beforeAll(async () => {
  api = await createTestApi();
  addUser(api.store.sqlite, { is_local_profile: 1 });
  customerId = addCustomer(api.store.sqlite).id;
  addItem(api.store.sqlite, customerId, { due_date: '2026-10-01' });
});
afterAll(async () => api.cleanup());

const OPERATIONS = Object.keys(apiContract) as OperationName[];

describe('dispatch with bad input', () => {
  it.each([
    ['worklist.query', { limit: '50' }, 'limit'],
    ['worklist.query', { limit: 0 }, 'limit'],
    ['worklist.query', { limit: 501 }, 'limit'],
    ['worklist.query', { limit: 2.5 }, 'limit'],
    ['worklist.query', { offset: -1 }, 'offset'],
    ['worklist.query', { offset: Number.NaN }, 'offset'],
    ['worklist.query', { sort: { by: 'color', dir: 'asc' } }, 'sort.by'],
    ['worklist.query', { sort: { by: 'score' } }, 'sort.dir'],
    ['worklist.query', { filters: { currencies: ['euro'] } }, 'filters.currencies.0'],
    ['worklist.query', { filters: { countries: ['DEU'] } }, 'filters.countries.0'],
    ['worklist.query', { filters: { riskClasses: ['extreme'] } }, 'filters.riskClasses.0'],
    ['worklist.query', { filters: { hasDispute: 'true' } }, 'filters.hasDispute'],
    ['worklist.query', { filters: { colour: 'red' } }, 'filters.colour'],
    ['worklist.query', { search: 'x'.repeat(201) }, 'search'],
    ['worklist.query', { surprise: true }, 'surprise'],
    ['customer.account', {}, 'customerId'],
    ['customer.account', { customerId: 42 }, 'customerId'],
    ['customer.account', { customerId: 'not-a-uuid' }, 'customerId'],
    ['customer.account', { customerId: null }, 'customerId'],
    ['search.global', { q: '' }, 'q'],
    ['search.global', { q: 'x', limit: 1000 }, 'limit'],
    ['search.global', { q: ['a'] }, 'q'],
    ['prefs.set', { theme: 'neon' }, 'theme'],
    ['prefs.set', { density: 3 }, 'density'],
    ['prefs.set', { fontSize: 12 }, 'fontSize'],
    ['app.info', { verbose: true }, 'verbose'],
    ['contactPerson.save', { customerId: '01900000-0000-7000-8000-000000000001' }, 'name'],
    ['worklist.setOverride', { customerId: '01900000-0000-7000-8000-000000000001', kind: 'pin' }, 'reason'],
    ['worklist.setOverride', { customerId: '01900000-0000-7000-8000-000000000001', kind: 'pin', reason: 'x', expiresAt: 'tomorrow' }, 'expiresAt'],
    ['worklist.clearOverride', { customerId: '01900000-0000-7000-8000-000000000001', reason: 7 }, 'reason'],
  ])('%s %j -> validation error on %j', async (operation, input, field) => {
    const result = await api.raw(operation, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.field ?? '').toBe(field);
    expect(result.error.message.length).toBeGreaterThan(0);
  });

  it.each([null, undefined])('treats %s as "no input": fine where nothing is required, a named field otherwise', async (input) => {
    expect((await api.raw('worklist.query', input)).ok).toBe(true);
    expect((await api.raw('app.info', input)).ok).toBe(true);
    expect(await api.raw('customer.account', input)).toMatchObject({ ok: false, error: { code: 'validation', field: 'customerId' } });
  });

  it.each(['a string', 42, true, [], [1, 2]])('refuses a non-object input %j', async (input) => {
    for (const operation of OPERATIONS) {
      expect(await api.raw(operation, input)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it.each(['nope', '', 'worklist', '__proto__', 'constructor', 'toString', 42, null, { op: 'x' }])('answers unknown_operation for %j', async (operation) => {
    expect(await api.raw(operation, {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
  });

  it('never crashes, whatever arrives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), async (operation, input) => {
        const result = await api.raw(operation, input);
        if (!result.ok) expect(['validation', 'not_found', 'conflict', 'forbidden']).toContain(result.error.code);
      }),
      { numRuns: 300 },
    );
  });

  it('answers not_found, not internal, for well-formed ids that do not exist', async () => {
    const ghost = '01900000-0000-7000-8000-00000000beef';
    for (const [operation, input] of [
      ['customer.account', { customerId: ghost }],
      ['contactPerson.save', { customerId: ghost, name: 'X' }],
      ['worklist.setOverride', { customerId: ghost, kind: 'pin', reason: 'x' }],
      ['worklist.clearOverride', { customerId: ghost }],
    ] as const) {
      expect(await api.raw(operation, input)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'customerId' } });
    }
  });
});
