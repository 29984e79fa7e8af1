import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeCustomer, visibleCustomerIds } from '../../../server/auth/scope';
import { loadPrincipal } from '../../../server/auth/authenticate';
import { BACKENDS } from './support/backends';
import { bearer, login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';

interface CustomerList {
  customers: { id: string; number: string }[];
  next: string | null;
}

describe.each(BACKENDS)('customer scope on %s', (kind) => {
  let h: Harness;
  // Two teams: north has collectors ann and bob and a lead; south has carl.
  const ids = { ann: [] as string[], bob: [] as string[], carl: [] as string[], lead: [] as string[], unassigned: [] as string[] };
  const tokens = { ann: '', bob: '', lead: '', admin: '', carl: '' };
  let annUserId = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const north = await seedTeam(h);
    const south = await seedTeam(h);
    const ann = await seedUser(h, 'collector', north);
    const bob = await seedUser(h, 'collector', north);
    const carl = await seedUser(h, 'collector', south);
    const lead = await seedUser(h, 'team_lead', north);
    const admin = await seedUser(h, 'admin');
    annUserId = ann.id;
    for (let i = 0; i < 3; i += 1) ids.ann.push((await seedCustomer(h, ann.id, north)).id);
    for (let i = 0; i < 2; i += 1) ids.bob.push((await seedCustomer(h, bob.id, north)).id);
    ids.carl.push((await seedCustomer(h, carl.id, south)).id);
    ids.lead.push((await seedCustomer(h, lead.id, south)).id);
    ids.unassigned.push((await seedCustomer(h, null)).id);
    for (const [name, user] of Object.entries({ ann, bob, carl, lead, admin })) {
      tokens[name as keyof typeof tokens] = (await login(h, user.username)).accessToken;
    }
  });
  afterAll(() => h.dispose());

  const list = async (token: string, query = ''): Promise<CustomerList> => {
    const response = await h.app.inject({ method: 'GET', url: `/v1/portfolio/customers${query}`, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return response.json<CustomerList>();
  };
  const sorted = (values: string[]) => [...values].sort();

  it('a collector sees exactly the customers assigned to them', async () => {
    expect(sorted((await list(tokens.ann)).customers.map((c) => c.id))).toEqual(sorted(ids.ann));
    expect(sorted((await list(tokens.bob)).customers.map((c) => c.id))).toEqual(sorted(ids.bob));
  });

  it("another collector's customer answers 404, the same as a customer that does not exist", async () => {
    const foreign = ids.bob[0] ?? '';
    const response = await h.app.inject({ method: 'GET', url: `/v1/portfolio/customers/${foreign}`, headers: bearer(tokens.ann) });
    const missing = await h.app.inject({ method: 'GET', url: '/v1/portfolio/customers/does-not-exist', headers: bearer(tokens.ann) });
    expect(response.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(response.json()).toEqual(missing.json());
    const own = await h.app.inject({ method: 'GET', url: `/v1/portfolio/customers/${ids.ann[0] ?? ''}`, headers: bearer(tokens.ann) });
    expect(own.statusCode).toBe(200);
    expect(own.json<{ id: string; collector_id: string }>()).toMatchObject({ id: ids.ann[0], collector_id: annUserId });
  });

  it("a team lead sees the team's customers and their own, not another team's", async () => {
    expect(sorted((await list(tokens.lead)).customers.map((c) => c.id))).toEqual(sorted([...ids.ann, ...ids.bob, ...ids.lead]));
    const other = await h.app.inject({ method: 'GET', url: `/v1/portfolio/customers/${ids.carl[0] ?? ''}`, headers: bearer(tokens.lead) });
    expect(other.statusCode).toBe(404);
  });

  it('an admin sees every customer, paginated by customer number', async () => {
    const all = Object.values(ids).flat();
    const first = await list(tokens.admin, '?limit=5');
    expect(first.customers).toHaveLength(5);
    expect(first.next).not.toBeNull();
    const second = await list(tokens.admin, `?limit=5&after=${encodeURIComponent(first.next ?? '')}`);
    expect(second.next).toBeNull();
    expect(sorted([...first.customers, ...second.customers].map((c) => c.id))).toEqual(sorted(all));
  });

  it('rejects an out-of-range page size', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/portfolio/customers?limit=0', headers: bearer(tokens.admin) });
    expect(response.statusCode).toBe(400);
  });

  it('the scope module answers the same questions directly', async () => {
    const ann = await loadPrincipal(h.testDb.db, annUserId);
    if (ann === undefined) throw new Error('ann not found');
    expect(sorted(await visibleCustomerIds(h.testDb.db, ann))).toEqual(sorted(ids.ann));
    expect(await canSeeCustomer(h.testDb.db, ann, ids.ann[0] ?? '')).toBe(true);
    expect(await canSeeCustomer(h.testDb.db, ann, ids.carl[0] ?? '')).toBe(false);
    expect(await canSeeCustomer(h.testDb.db, ann, ids.unassigned[0] ?? '')).toBe(false);
  });
});
