import { afterEach, describe, expect, it } from 'vitest';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
afterEach(async () => api.cleanup());

describe('smoke', () => {
  it('answers every read operation', async () => {
    api = await createTestApi();
    const user = addUser(api.store.sqlite, { is_local_profile: 1, display_name: 'Dana Collector' });
    const c = addCustomer(api.store.sqlite, { name: 'Müller Maschinenbau', collector_id: user.id });
    addItem(api.store.sqlite, c.id, { due_date: '2026-10-01', open_minor: 50_000 });
    const info = await api.call('app.info', {});
    expect(info.user?.displayName).toBe('Dana Collector');
    const page = await api.call('worklist.query', {});
    expect(page.total).toBe(1);
    const account = await api.call('customer.account', { customerId: c.id });
    expect(account.openItems).toHaveLength(1);
    expect(await api.call('search.global', { q: 'mull' })).toHaveLength(1);
    expect((await api.call('worklist.facets', {})).currencies).toEqual(['EUR']);
  });
});
