/**
 * Every endpoint the server registers, attacked the same ways: bad tokens, another collector's
 * portfolio, malformed bodies. The routes come from Fastify itself, so a new route that is not
 * classified here fails the sweep until someone decides how it must be checked.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { DISPUTE_REASONS, ESCALATION_KINDS } from '../../../shared/domain/codes';
import { MAX_PUSH_BODY_BYTES, type CreatedIds, type PullResponse } from '../../../shared/sync/protocol';
import { BODY_LIMIT_BYTES } from '../../../server/app';
import { ACCESS_TOKEN_TTL_SECONDS, createAccessTokenService } from '../../../server/auth/access-tokens';
import { createTeam, createUser, disableUser } from '../../../server/cli/admin-commands';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { seedServerDemo } from '../../../server/demo/seed';
import { IMPORT_BODY_LIMIT_BYTES } from '../../../server/routes/import';
import { APPLIERS } from '../../../server/sync/registry';
import { BACKENDS } from './support/backends';
import { bearer, syncHeaders, login, PASSWORD, startHarness, TEST_SECRET, type Harness, type Session } from './support/harness';
import { pullAll, TestClient } from './sync-client';

interface Route {
  readonly method: string;
  readonly url: string;
}

/** The routes Fastify has, from its route tree (`printRoutes`), one entry per method. */
function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    const url = (prefixes[depth - 1] ?? '') + (match[2] ?? '');
    prefixes.length = depth;
    prefixes[depth] = url;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

/** How each route is guarded. A route missing here fails the sweep: classify it, and probe its scope below if it takes a customer. */
const ROUTE_GUARDS: Readonly<Record<string, 'public' | 'signed-in'>> = {
  'GET /v1/health': 'public',
  'HEAD /v1/health': 'public',
  'POST /v1/auth/login': 'public',
  'POST /v1/auth/refresh': 'public',
  'POST /v1/auth/logout': 'public',
  'GET /v1/me': 'signed-in',
  'HEAD /v1/me': 'signed-in',
  'GET /v1/directory': 'signed-in',
  'HEAD /v1/directory': 'signed-in',
  'GET /v1/portfolio/customers': 'signed-in',
  'HEAD /v1/portfolio/customers': 'signed-in',
  'GET /v1/portfolio/customers/:id': 'signed-in',
  'HEAD /v1/portfolio/customers/:id': 'signed-in',
  'POST /v1/import': 'signed-in',
  'GET /v1/import/runs': 'signed-in',
  'HEAD /v1/import/runs': 'signed-in',
  'GET /v1/import/runs/:id': 'signed-in',
  'HEAD /v1/import/runs/:id': 'signed-in',
  'POST /v1/sync/pull': 'signed-in',
  'POST /v1/sync/push': 'signed-in',
  'POST /v1/sync/attachments': 'signed-in',
};

interface ErrorReply {
  error: { code: string; message: string; field?: string };
}

const TODAY = '2026-03-02';
const DAY_AFTER = '2026-03-10';

describe.each(BACKENDS)('security sweep on %s', (kind) => {
  let h: Harness;
  let routes: Route[];
  const sessions: Record<'jordan' | 'priya' | 'lead' | 'admin' | 'otherLead' | 'disabled', Session> = {} as never;
  const ids = { jordan: '', priya: '' };
  /** A customer of Priya's, with rows of hers that Jordan will try to reach. */
  const foreign = { customer: '', item: '', contactPerson: '', note: '', followUp: '', promise: '', dispute: '', escalation: '' };
  let ownCustomer = '';
  let foreignClientId = '';

  const inject = (options: InjectOptions) => h.app.inject(options);
  const maxSeq = async (): Promise<number> =>
    (await h.testDb.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq;
  const urlOf = (route: Route) => route.url.replace(':id', foreign.customer);

  beforeAll(async () => {
    h = await startHarness(kind);
    await seedServerDemo(h.testDb.db, { size: 'small', seed: 3, asOf: TODAY, password: DEMO_PASSWORD, now: h.clock.now().toISOString() });
    routes = registeredRoutes(h.app);
    const { db } = h.testDb;
    const users = await db.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (username: string) => users.find((user) => user.username === username)?.id ?? '';
    ids.jordan = idOf(DEMO_USERNAMES.collector);
    ids.priya = idOf(DEMO_USERNAMES.secondCollector);
    sessions.jordan = await login(h, DEMO_USERNAMES.collector, DEMO_PASSWORD);
    sessions.priya = await login(h, DEMO_USERNAMES.secondCollector, DEMO_PASSWORD);
    sessions.lead = await login(h, DEMO_USERNAMES.teamLead, DEMO_PASSWORD);
    sessions.admin = await login(h, DEMO_USERNAMES.admin, DEMO_PASSWORD);
    await createTeam(db, h.clock, 'Elsewhere');
    const otherLead = await createUser(db, h.clock, { username: 'other.lead', role: 'team_lead', team: 'Elsewhere', password: PASSWORD });
    sessions.otherLead = await login(h, otherLead.username);
    const leaver = await createUser(db, h.clock, { username: 'left.company', role: 'admin', password: PASSWORD });
    sessions.disabled = await login(h, leaver.username);
    await disableUser(db, h.clock, leaver.username);

    foreign.customer = (await db.selectFrom('customers').select('id').where('collector_id', '=', ids.priya).orderBy('number').executeTakeFirstOrThrow()).id;
    ownCustomer = (await db.selectFrom('customers').select('id').where('collector_id', '=', ids.jordan).orderBy('number').executeTakeFirstOrThrow()).id;
    const item = await db
      .selectFrom('open_items')
      .select('id')
      .where('customer_id', '=', foreign.customer)
      .where('kind', '=', 'invoice')
      .where((eb) => eb('open_minor', '>', eb('disputed_minor', '+', 10_000)))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    foreign.item = item.id;
    foreign.contactPerson = (await db.selectFrom('contact_persons').select('id').where('customer_id', '=', foreign.customer).orderBy('id').executeTakeFirstOrThrow()).id;
    const pending = await db.selectFrom('escalations').select('kind').where('customer_id', '=', foreign.customer).where('status', '=', 'requested').execute();
    const escalationKind = ESCALATION_KINDS.find((candidate) => !pending.some((row) => row.kind === candidate)) ?? 'write_off';

    // Priya's own work on her customer, under ids Jordan will then name.
    const priya = new TestClient(h, sessions.priya.accessToken);
    foreignClientId = priya.id;
    Object.assign(foreign, { note: uuidv7(), followUp: uuidv7(), promise: uuidv7(), dispute: uuidv7(), escalation: uuidv7() });
    const own = (name: string, args: unknown, created: CreatedIds) => priya.make(name, args, created);
    const results = await priya.pushOk([
      own('note.add', { customerId: foreign.customer, body: 'Priya’s note' }, { notes: foreign.note }),
      own('followUp.create', { customerId: foreign.customer, dueDate: DAY_AFTER, title: 'Call back' }, { follow_ups: foreign.followUp }),
      own('promise.create', { customerId: foreign.customer, amountMinor: 5_000, promisedDate: DAY_AFTER }, { promises: foreign.promise }),
      own('dispute.create', { customerId: foreign.customer, items: [{ itemId: foreign.item, disputedMinor: 1_000 }], reasonCode: DISPUTE_REASONS[0] }, { disputes: foreign.dispute }),
      own('escalation.request', { customerId: foreign.customer, kind: escalationKind, reason: 'Needs a decision.', amountMinor: 1_000 }, { escalations: foreign.escalation }),
    ]);
    expect(results.map((result) => result.error ?? result.status)).toEqual(Array(5).fill('applied'));
  });
  afterAll(() => h.dispose());

  it('knows every registered route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(ROUTE_GUARDS).length);
    const unclassified = routes.map((route) => `${route.method} ${route.url}`).filter((key) => ROUTE_GUARDS[key] === undefined);
    expect(unclassified, 'classify these routes in ROUTE_GUARDS').toEqual([]);
  });

  it('answers 401 with the error body on every signed-in route for a missing, malformed, expired, foreign-signed or refresh token', async () => {
    const sub = ids.jordan;
    const past = manualClock(new Date(h.clock.now().getTime() - (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000).toISOString());
    const expired = (await createAccessTokenService(TEST_SECRET, past).issue({ sub, role: 'collector', team: null })).token;
    const foreignSigned = (await createAccessTokenService(`${TEST_SECRET}-other`, h.clock).issue({ sub, role: 'admin', team: null })).token;
    const cases: Record<string, { headers: Record<string, string>; code: string }> = {
      'no token': { headers: {}, code: 'unauthorized' },
      'not a bearer token': { headers: { authorization: `Basic ${Buffer.from('jordan.reyes:x').toString('base64')}` }, code: 'unauthorized' },
      'malformed token': { headers: bearer('not.a.jwt'), code: 'unauthorized' },
      'token with spaces': { headers: { authorization: 'Bearer a b' }, code: 'unauthorized' },
      'expired token': { headers: bearer(expired), code: 'token_expired' },
      'token signed with another key': { headers: bearer(foreignSigned), code: 'unauthorized' },
      'refresh token as access token': { headers: bearer(sessions.jordan.refreshToken), code: 'unauthorized' },
      'valid token of a disabled user': { headers: bearer(sessions.disabled.accessToken), code: 'unauthorized' },
    };
    const guarded = routes.filter((route) => ROUTE_GUARDS[`${route.method} ${route.url}`] === 'signed-in');
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      for (const [name, { headers, code }] of Object.entries(cases)) {
        const body = route.method === 'POST' ? { payload: {} } : {};
        const response = await inject({ method: route.method, url: urlOf(route), headers, ...body });
        const label = `${route.method} ${route.url}, ${name}`;
        expect(response.statusCode, label).toBe(401);
        expect(response.headers['www-authenticate'], label).toContain('Bearer');
        if (route.method === 'HEAD') continue;
        const error = response.json<ErrorReply>().error;
        expect(error.code, label).toBe(code);
        expect(error.message.length, label).toBeGreaterThan(0);
      }
    }
  });

  it('does not take an access token as a refresh token', async () => {
    const response = await inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: sessions.jordan.accessToken } });
    // Not even the shape of a refresh token: refused as invalid input, and no tokens come back.
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorReply>().error).toMatchObject({ code: 'validation', field: 'refreshToken' });
  });

  it('shows a collector only their own customers through the portfolio routes', async () => {
    const headers = bearer(sessions.jordan.accessToken);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const query: string = after === null ? '?limit=7' : `?limit=7&after=${encodeURIComponent(after)}`;
      const response = await inject({ method: 'GET', url: `/v1/portfolio/customers${query}`, headers });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ customers: { id: string; collector_id: string }[]; next: string | null }>();
      expect(page.customers.every((customer) => customer.collector_id === ids.jordan)).toBe(true);
      seen.push(...page.customers.map((customer) => customer.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen.length).toBe(40);
    expect(seen).not.toContain(foreign.customer);
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await inject({ method, url: `/v1/portfolio/customers/${foreign.customer}`, headers });
      expect(response.statusCode, method).toBe(404);
    }
    expect((await inject({ method: 'GET', url: `/v1/portfolio/customers/${foreign.customer}`, headers })).json<ErrorReply>().error.code).toBe('not_found');
    // A lead of another team sees nothing of this team.
    const other = await inject({ method: 'GET', url: '/v1/portfolio/customers', headers: bearer(sessions.otherLead.accessToken) });
    expect(other.json<{ customers: unknown[] }>().customers).toEqual([]);
    expect((await inject({ method: 'GET', url: `/v1/portfolio/customers/${ownCustomer}`, headers: bearer(sessions.otherLead.accessToken) })).statusCode).toBe(404);
  });

  it('pulls a collector only their own rows, and answers a resync of a foreign customer with its removal only', async () => {
    const { changes, cursor } = await pullAll(h, sessions.jordan.accessToken, null, 5000);
    const owned = new Set((await h.testDb.db.selectFrom('customers').select('id').where('collector_id', '=', ids.jordan).execute()).map((row) => row.id));
    expect(changes.length).toBeGreaterThan(1000);
    expect(changes.every((change) => owned.has(change.customerId))).toBe(true);
    const response = await inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(sessions.jordan.accessToken), payload: { cursor, resync: [foreign.customer] } });
    expect(response.json<PullResponse>().changes).toEqual([{ op: 'remove', entity: 'customers', id: foreign.customer, customerId: foreign.customer, row: null }]);
    const otherLead = await pullAll(h, sessions.otherLead.accessToken, null, 5000);
    expect(otherLead.changes).toEqual([]);
  });

  it('rejects every mutation name on another collector’s customer as forbidden, writing nothing', async () => {
    const c = foreign.customer;
    const probes: Readonly<Record<string, unknown>> = {
      'contact.log': { customerId: c, channel: 'phone', outcome: 'no_answer', note: 'sneaky' },
      'contactPerson.save': { customerId: c, id: foreign.contactPerson, name: 'Intruder', phone: '+49 30 1234567' },
      'note.add': { customerId: c, body: 'sneaky' },
      'note.edit': { noteId: foreign.note, body: 'rewritten' },
      'followUp.create': { customerId: c, dueDate: DAY_AFTER, title: 'sneaky' },
      'promise.brokenFollowUp': { customerId: c, promiseId: foreign.promise, dueDate: DAY_AFTER, title: 'sneaky' },
      'followUp.complete': { followUpId: foreign.followUp },
      'followUp.cancel': { followUpId: foreign.followUp },
      'dispute.create': { customerId: c, items: [{ itemId: foreign.item, disputedMinor: 100 }], reasonCode: DISPUTE_REASONS[0] },
      'dispute.transition': { disputeId: foreign.dispute, action: 'void', comment: 'sneaky' },
      'escalation.request': { customerId: c, kind: 'doubtful_account', reason: 'sneaky' },
      'escalation.withdraw': { escalationId: foreign.escalation },
      'promise.create': { customerId: c, amountMinor: 100, promisedDate: DAY_AFTER },
      'promise.cancel': { promiseId: foreign.promise, reason: 'sneaky' },
      'customer.reassign': { customerIds: [c], toCollectorId: ids.jordan },
      'attachment.add': { customerId: c, parentKind: 'note', parentId: foreign.note, fileName: 'sneaky.pdf', content: Buffer.from('%PDF-1.4').toString('base64') },
      'escalation.decide': { escalationId: foreign.escalation, decision: 'approve' },
      'promise.plan': {
        customerId: c,
        instalments: [
          { promisedDate: DAY_AFTER, amountMinor: 100 },
          { promisedDate: '2026-03-20', amountMinor: 100 },
        ],
      },
    };
    const names = [...APPLIERS.keys()];
    expect(names.filter((name) => probes[name] === undefined), 'add a probe for each new mutation name').toEqual([]);
    const before = await maxSeq();
    const jordan = new TestClient(h, sessions.jordan.accessToken);
    const results = await jordan.pushOk(names.map((name) => jordan.make(name, probes[name])));
    for (const [index, result] of results.entries()) expect(result.error?.code, names[index]).toBe('forbidden');
    expect(await maxSeq()).toBe(before);
  });

  it('rejects a team lead’s mutations on another team’s customers as forbidden', async () => {
    const before = await maxSeq();
    const lead = new TestClient(h, sessions.otherLead.accessToken);
    const otherLeadId = (await h.testDb.db.selectFrom('users').select('id').where('username', '=', 'other.lead').executeTakeFirstOrThrow()).id;
    const results = await lead.pushOk([
      lead.make('customer.reassign', { customerIds: [foreign.customer], toCollectorId: otherLeadId }),
      lead.make('escalation.decide', { escalationId: foreign.escalation, decision: 'approve' }),
      lead.make('note.add', { customerId: foreign.customer, body: 'sneaky' }),
    ]);
    expect(results.map((result) => result.error?.code)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(await maxSeq()).toBe(before);
  });

  it('rejects mutations on one’s own customer that reach into another customer’s rows, writing nothing', async () => {
    const c = ownCustomer;
    const probes: [string, unknown, CreatedIds?][] = [
      ['contactPerson.save', { customerId: c, id: foreign.contactPerson, name: 'Moved over', phone: '+49 30 1234567' }],
      ['contact.log', { customerId: c, channel: 'phone', outcome: 'no_answer', contactPersonId: foreign.contactPerson }],
      ['note.add', { customerId: c, itemId: foreign.item, body: 'on a foreign item' }],
      ['followUp.create', { customerId: c, itemId: foreign.item, dueDate: DAY_AFTER, title: 'on a foreign item' }],
      ['promise.create', { customerId: c, itemIds: [foreign.item], promisedDate: DAY_AFTER }],
      ['dispute.create', { customerId: c, items: [{ itemId: foreign.item, disputedMinor: 100 }], reasonCode: DISPUTE_REASONS[0] }],
      ['note.add', { customerId: c, body: 'under a foreign id' }, { notes: foreign.note }],
    ];
    const before = await maxSeq();
    const jordan = new TestClient(h, sessions.jordan.accessToken);
    const results = await jordan.pushOk(probes.map(([name, args, created]) => jordan.make(name, args, created)));
    for (const [index, result] of results.entries()) {
      expect(result.status, JSON.stringify(probes[index])).toBe('rejected');
      expect(['not_found', 'validation', 'conflict'], JSON.stringify(result.error)).toContain(result.error?.code);
    }
    expect(await maxSeq()).toBe(before);
    const note = await h.testDb.db.selectFrom('notes').select(['customer_id', 'body']).where('id', '=', foreign.note).executeTakeFirstOrThrow();
    expect(note).toEqual({ customer_id: foreign.customer, body: 'Priya’s note' });
  });

  it('does not let one user continue another user’s client', async () => {
    const response = await inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: syncHeaders(sessions.jordan.accessToken),
      payload: { clientId: foreignClientId, mutations: [{ id: uuidv7(), seq: 6, name: 'note.add', args: { customerId: ownCustomer, body: 'x' }, createdAt: h.clock.now().toISOString() }] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorReply>().error).toMatchObject({ code: 'forbidden', field: 'clientId' });
  });

  it('refuses the ERP import to everyone but admins before reading the body', async () => {
    const payload = { format: 'json', entity: 'customers', records: [{ number: '1', name: 'Hijack' }] };
    for (const session of [sessions.jordan, sessions.priya, sessions.lead, sessions.otherLead]) {
      const response = await inject({ method: 'POST', url: '/v1/import', headers: bearer(session.accessToken), payload });
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorReply>().error.code).toBe('forbidden');
    }
  });

  it('answers malformed JSON 400, a wrong content type 415 and an oversized body 413 on every POST route, in the error shape', async () => {
    const posts = routes.filter((route) => route.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(6);
    const headers = bearer(sessions.admin.accessToken);
    const check = async (route: Route, options: Omit<InjectOptions, 'method' | 'url'>, status: number, code: string) => {
      const response = await inject({ method: 'POST', url: urlOf(route), ...options, headers: { ...headers, ...options.headers } });
      expect(response.statusCode, `${route.url} ${code}`).toBe(status);
      const error = response.json<ErrorReply>().error;
      expect(error.code, route.url).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
    };
    for (const route of posts) {
      await check(route, { headers: { 'content-type': 'application/json' }, payload: '{"cursor": ' }, 400, 'bad_request');
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        await check(route, { headers: { 'content-type': type }, payload: 'a=b' }, 415, 'unsupported_media_type');
      }
      const limit = route.url === '/v1/import' ? IMPORT_BODY_LIMIT_BYTES : route.url === '/v1/sync/push' ? MAX_PUSH_BODY_BYTES : BODY_LIMIT_BYTES;
      await check(route, { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(limit) }) }, 413, 'payload_too_large');
    }
  });
});
