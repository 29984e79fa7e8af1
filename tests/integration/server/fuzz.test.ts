/**
 * Fuzzing push, pull, login, refresh and the import with malformed and mutated bodies (random
 * JSON, valid bodies with a value replaced or a key removed or added, odd names such as __proto__,
 * NUL, lone surrogates, bidi controls, huge numbers, deep nesting, wrong types, missing or odd
 * protocol headers). After every request, on both backends:
 *
 * - no 5xx;
 * - the row counts of every table changed only as that answer allows:
 *   - any answer but a success (4xx): no table changed;
 *   - a pull: no table changed;
 *   - a login or a refresh that succeeded: one more refresh token, nothing else;
 *   - an import: nothing when it did not commit; when it did, only the ERP tables and change_log;
 *   - a push answered 200 or 409: one more client_mutations row per mutation answered applied or
 *     rejected (a rejection for a reused sequence or another user's id is not recorded), at most
 *     one more clients row, and, when no mutation was applied, no data table changed at all;
 *
 * and afterwards the server still answers (health, sign-in, a push and a pull).
 *
 * The seed is fixed (FUZZ_SEED overrides it); a failure names the seed and the request.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../shared/sync/protocol';
import type { DatabaseKind } from '../../../server/db/connect';
import { BACKENDS } from './support/backends';
import { applyEdit, edit, ODD_NAMES, RAW_BODIES, tableCounter, type Edit, type Json } from './support/fuzz';
import { bearer, login, PASSWORD, seedCustomer, seedTeam, seedUser, startHarness, syncHeaders, type Harness } from './support/harness';
import { seedItem, TestClient } from './sync-client';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_302);
/** Requests per backend: PGlite gets the long run, PostgreSQL a shorter one. */
const RUNS: Readonly<Record<DatabaseKind, number>> = { pglite: 1_600, postgres: 400 };

const BOOKKEEPING = new Set(['clients', 'client_mutations', 'refresh_tokens']);
const IMPORTED = new Set(['customers', 'contact_persons', 'open_items', 'payments', 'clearings', 'change_log']);
/** A rejection the push does not record: the sequence or the id is someone else's. */
const UNRECORDED = new Set(['sequence_reused', 'id_taken']);

type Endpoint = 'push' | 'pull' | 'login' | 'refresh' | 'import';

interface Plan {
  readonly endpoint: Endpoint;
  /** Which template body (modulo their number), or a raw body instead. */
  readonly template: number;
  readonly raw: number | null;
  readonly random: Json | null;
  readonly edits: readonly Edit[];
  readonly client: number;
  /** Added to the next sequence: 0 continues, below repeats (reused sequence or duplicate), above leaves a gap. */
  readonly seqShift: number;
  /** The first mutation takes the id of an earlier one (a duplicate, or another user's: id_taken). */
  readonly reuseId: number | null;
  readonly header: 'normal' | 'none' | 'odd';
  readonly address: number;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  endpoint: fc.oneof(
    { weight: 12, arbitrary: fc.constant<Endpoint>('push') },
    { weight: 5, arbitrary: fc.constant<Endpoint>('pull') },
    { weight: 1, arbitrary: fc.constant<Endpoint>('login') },
    { weight: 2, arbitrary: fc.constant<Endpoint>('refresh') },
    { weight: 3, arbitrary: fc.constant<Endpoint>('import') },
  ),
  template: fc.nat(),
  raw: fc.oneof({ weight: 11, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  random: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> }),
  edits: fc.array(edit, { maxLength: 3 }),
  client: fc.nat({ max: 3 }),
  seqShift: fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-2, -1, 1, 4) }),
  reuseId: fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  header: fc.oneof({ weight: 10, arbitrary: fc.constant('normal' as const) }, { weight: 1, arbitrary: fc.constantFrom('none' as const, 'odd' as const) }),
  address: fc.nat({ max: 5 }),
});

const ODD_HEADERS = ['0', '2', 'abc', '1,1', ' 1', '99999999'];

describe.each(BACKENDS)('fuzzing the server on %s', (kind) => {
  let h: Harness;
  let count: () => Promise<Record<string, number>>;
  const ids = { annCustomer: '', annCustomer2: '', bobCustomer: '', item: '', note: '', followUp: '', promise: '', dispute: '', escalation: '', collector: '' };
  const sessions = { ann: '', bob: '', admin: '', refresh: '' };
  let annName = '';
  /** Three installations of Ann's and one of Bob's, with the position the server last answered. */
  const clients: { id: string; token: () => string; last: number }[] = [];
  let cursor: string | null = null;
  /** Mutation ids pushed so far, for requests that reuse one. */
  const sentIds: string[] = [];

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    const bob = await seedUser(h, 'collector', team);
    const admin = await seedUser(h, 'admin');
    annName = ann.username;
    ids.collector = bob.id;
    ids.annCustomer = (await seedCustomer(h, ann.id, team)).id;
    ids.annCustomer2 = (await seedCustomer(h, ann.id, team)).id;
    ids.bobCustomer = (await seedCustomer(h, bob.id, team)).id;
    ids.item = await seedItem(h, ids.annCustomer, 50_000);
    const annSession = await login(h, ann.username);
    sessions.ann = annSession.accessToken;
    sessions.refresh = annSession.refreshToken;
    sessions.bob = (await login(h, bob.username)).accessToken;
    sessions.admin = (await login(h, admin.username)).accessToken;
    // Rows the templates refer to.
    const seeder = new TestClient(h, sessions.ann);
    Object.assign(ids, { note: uuidv7(), followUp: uuidv7(), promise: uuidv7(), dispute: uuidv7(), escalation: uuidv7() });
    const seeded = await seeder.pushOk([
      seeder.make('note.add', { customerId: ids.annCustomer, body: 'seeded note' }, { notes: ids.note }),
      seeder.make('followUp.create', { customerId: ids.annCustomer, dueDate: '2026-03-20', title: 'seeded' }, { follow_ups: ids.followUp }),
      seeder.make('promise.create', { customerId: ids.annCustomer, amountMinor: 1_000, promisedDate: '2026-03-20' }, { promises: ids.promise }),
      seeder.make('dispute.create', { customerId: ids.annCustomer, items: [{ itemId: ids.item, disputedMinor: 1_000 }], reasonCode: 'pricing' }, { disputes: ids.dispute }),
      seeder.make('escalation.request', { customerId: ids.annCustomer, kind: 'legal', reason: 'seeded' }, { escalations: ids.escalation }),
    ]);
    expect(seeded.map((result) => result.status)).toEqual(Array(5).fill('applied'));
    for (let index = 0; index < 3; index += 1) clients.push({ id: uuidv7(), token: () => sessions.ann, last: 0 });
    clients.push({ id: uuidv7(), token: () => sessions.bob, last: 0 });
    count = await tableCounter(h.testDb.db);
  });
  afterAll(() => h.dispose());

  const at = () => h.clock.now().toISOString();
  const mutationTemplates = (): { name: string; args: Json; ids?: Json }[] => [
    { name: 'note.add', args: { customerId: ids.annCustomer, body: 'fuzz note' }, ids: { notes: uuidv7() } },
    { name: 'note.edit', args: { noteId: ids.note, body: 'fuzz edit' } },
    { name: 'contact.log', args: { customerId: ids.annCustomer, channel: 'phone', outcome: 'no_answer', note: 'fuzz', followUpDate: '2026-03-10' }, ids: { activities: uuidv7(), follow_ups: uuidv7() } },
    {
      name: 'contact.log',
      args: { customerId: ids.annCustomer2, channel: 'email', outcome: 'promise_to_pay', newContactPerson: { name: 'Pat', phone: '+49 30 1234567' }, promise: { promisedDate: '2026-03-25', amountMinor: 500 } },
    },
    { name: 'contactPerson.save', args: { customerId: ids.annCustomer, name: 'Fuzz Person', email: 'fuzz@example.com', isPrimary: true } },
    { name: 'followUp.create', args: { customerId: ids.annCustomer, dueDate: '2026-03-12', title: 'fuzz' } },
    { name: 'followUp.complete', args: { followUpId: ids.followUp, comment: 'done' } },
    { name: 'promise.create', args: { customerId: ids.annCustomer, itemIds: [ids.item], promisedDate: '2026-03-15' } },
    { name: 'promise.plan', args: { customerId: ids.annCustomer2, instalments: [{ promisedDate: '2026-03-15', amountMinor: 100 }, { promisedDate: '2026-04-15', amountMinor: 100 }] } },
    { name: 'promise.cancel', args: { promiseId: ids.promise, reason: 'fuzz' } },
    { name: 'dispute.create', args: { customerId: ids.annCustomer, items: [{ itemId: ids.item, disputedMinor: 100 }], reasonCode: 'quality' } },
    { name: 'dispute.transition', args: { disputeId: ids.dispute, action: 'start', comment: 'fuzz' } },
    { name: 'escalation.request', args: { customerId: ids.annCustomer2, kind: 'write_off', amountMinor: 100, reason: 'fuzz' } },
    { name: 'escalation.withdraw', args: { escalationId: ids.escalation } },
    { name: 'escalation.decide', args: { escalationId: ids.escalation, decision: 'approve' } },
    { name: 'customer.reassign', args: { customerIds: [ids.annCustomer2], toCollectorId: ids.collector } },
    { name: 'promise.brokenFollowUp', args: { customerId: ids.annCustomer, promiseId: ids.promise, dueDate: '2026-03-11', title: 'broken' } },
    { name: 'note.add', args: { customerId: ids.bobCustomer, body: 'not mine' } },
    { name: ODD_NAMES[0], args: { customerId: ids.annCustomer } },
  ];

  function pushBody(p: Plan): Json {
    const client = clients[p.client] ?? clients[0];
    const templates = mutationTemplates();
    const size = 1 + (p.template % 3);
    const mutations = Array.from({ length: size }, (_, index): Json => {
      const template = templates[(p.template + index * 7) % templates.length] ?? templates[0];
      const reused = index === 0 && p.reuseId !== null ? sentIds[p.reuseId % Math.max(1, sentIds.length)] : undefined;
      return { id: reused ?? uuidv7(), seq: Math.max(1, (client?.last ?? 0) + 1 + index + p.seqShift), name: template?.name ?? '', args: template?.args ?? null, createdAt: at(), ...(template?.ids === undefined ? {} : { ids: template.ids }) };
    });
    return { clientId: client?.id ?? uuidv7(), mutations };
  }

  function templateBody(p: Plan): Json {
    switch (p.endpoint) {
      case 'push':
        return pushBody(p);
      case 'pull':
        return [{ cursor: null, limit: 50 }, { cursor, limit: 20, resync: [ids.annCustomer, uuidv7()] }, { cursor: null, limit: 100, snapshotRuns: true }, { cursor }][p.template % 4] ?? null;
      case 'login':
        return [{ username: annName, password: PASSWORD }, { username: annName, password: 'wrong password' }, { username: 'nobody', password: 'x'.repeat(12) }][p.template % 3] ?? null;
      case 'refresh':
        return { refreshToken: p.template % 4 === 0 ? sessions.refresh : 'A'.repeat(43) };
      case 'import':
        return [
          { format: 'json', entity: 'customers', records: [{ key: `F-${String(p.template % 50)}`, name: 'Fuzz Ltd', country: 'DE', currency: 'EUR' }] },
          { format: 'json', entity: 'openItems', records: [{ key: 'FI-1', customerKey: 'F-1', documentDate: '2026-01-01', dueDate: '2026-02-01', originalAmount: '100.00', currency: 'EUR' }], allowPartial: true },
          { format: 'csv', entity: 'customers', mapping: { columns: { key: 'Key', name: 'Name' }, defaultCountry: 'DE', defaultCurrency: 'EUR' }, content: 'Key,Name\nC-1,Alpha\nC-2,"Two\r\nLines"\n' },
          { format: 'csv', preset: 'ibm-ar', content: 'countryCode,customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate\n391,0379-NEVHP,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013\n', dryRun: true },
        ][p.template % 4] ?? null;
    }
  }

  const URLS: Readonly<Record<Endpoint, string>> = { push: '/v1/sync/push', pull: '/v1/sync/pull', login: '/v1/auth/login', refresh: '/v1/auth/refresh', import: '/v1/import' };

  function requestOf(p: Plan): InjectOptions {
    const headers: Record<string, string> =
      p.endpoint === 'push' || p.endpoint === 'pull'
        ? p.header === 'none'
          ? bearer(clients[p.client]?.token() ?? sessions.ann)
          : { ...syncHeaders(clients[p.client]?.token() ?? sessions.ann), ...(p.header === 'odd' ? { 'x-ledgerline-protocol': ODD_HEADERS[p.template % ODD_HEADERS.length] ?? '' } : {}) }
        : p.endpoint === 'import'
          ? bearer(sessions.admin)
          : {};
    const base = { method: 'POST' as const, url: URLS[p.endpoint], remoteAddress: `10.9.0.${String(p.address)}` };
    if (p.raw !== null) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, payload: RAW_BODIES[p.raw % RAW_BODIES.length] ?? '' };
    const body = p.random ?? p.edits.reduce(applyEdit, templateBody(p));
    return { ...base, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) };
  }

  /** What the answer allows the counts to do; a message when they did something else. */
  function countProblem(p: Plan, response: LightMyRequestResponse, before: Record<string, number>, after: Record<string, number>): string | null {
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    const grown = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
    const only = (allowed: (table: string) => boolean) => {
      const wrong = changed.filter((table) => !allowed(table));
      return wrong.length === 0 ? null : `unexpected changes in ${wrong.map((table) => `${table} ${String(before[table])}→${String(after[table])}`).join(', ')}`;
    };
    const ok = response.statusCode === 200 || (p.endpoint === 'push' && response.statusCode === 409);
    if (p.endpoint === 'import') {
      // Every import the server reads keeps its run (import_runs), a refused or failed one too; one request, one run at most.
      if (grown('import_runs') > 1) return `import_runs grew by ${String(grown('import_runs'))}`;
      const kept = (table: string) => table === 'import_runs';
      if (!ok) return only(kept);
      const committed = response.json<{ committed: boolean }>().committed;
      return committed ? only((table) => IMPORTED.has(table) || kept(table)) : only(kept);
    }
    if (!ok || p.endpoint === 'pull') return only(() => false);
    if (p.endpoint === 'login' || p.endpoint === 'refresh') return grown('refresh_tokens') === 1 ? only((table) => table === 'refresh_tokens') : `refresh_tokens grew by ${String(grown('refresh_tokens'))}`;
    const results = response.json<{ results: MutationResult[] }>().results;
    const recorded = results.filter((result) => result.status === 'applied' || (result.status === 'rejected' && !UNRECORDED.has(result.error?.code ?? ''))).length;
    if (grown('client_mutations') !== recorded) return `client_mutations grew by ${String(grown('client_mutations'))}, ${String(recorded)} verdicts were recorded`;
    if (grown('clients') < 0 || grown('clients') > 1) return `clients grew by ${String(grown('clients'))}`;
    const applied = results.some((result) => result.status === 'applied');
    return only((table) => table === 'clients' || table === 'client_mutations' || (applied && !BOOKKEEPING.has(table)));
  }

  function remember(p: Plan, response: LightMyRequestResponse): void {
    if (p.endpoint === 'push' && (response.statusCode === 200 || response.statusCode === 409)) {
      const answer = response.json<{ lastAppliedSeq: number; results: MutationResult[] }>();
      const client = clients[p.client];
      if (client !== undefined) client.last = answer.lastAppliedSeq;
      sentIds.push(...answer.results.map((result) => result.id));
    }
    if (p.endpoint === 'pull' && response.statusCode === 200) cursor = response.json<{ cursor: string }>().cursor;
    if (p.endpoint === 'login' && response.statusCode === 200 && p.address === 0) sessions.refresh = response.json<{ refreshToken: string }>().refreshToken;
    if (p.endpoint === 'refresh' && response.statusCode === 200) sessions.refresh = response.json<{ refreshToken: string }>().refreshToken;
  }

  it(`never answers 5xx, never leaves a partial row, and keeps answering (seed ${String(SEED)})`, { timeout: 120_000 }, async () => {
    let before = await count();
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        requests += 1;
        const request = requestOf(p);
        const response = await h.app.inject(request);
        const where = `seed ${String(SEED)}, request ${String(requests)}: ${URLS[p.endpoint]} ${typeof request.payload === 'string' ? request.payload.slice(0, 400) : ''}`;
        expect(response.statusCode, `${where} → ${response.body.slice(0, 400)}`).toBeLessThan(500);
        const after = await count();
        expect(countProblem(p, response, before, after), where).toBeNull();
        before = after;
        remember(p, response);
      }),
      { seed: SEED, numRuns: RUNS[kind], endOnFailure: true },
    );
    expect(requests).toBe(RUNS[kind]);

    // Still answering, and still doing its job.
    expect((await h.app.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
    const fresh = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: annName, password: PASSWORD }, remoteAddress: '10.8.0.1' });
    expect(fresh.statusCode, fresh.body).toBe(200);
    const client = new TestClient(h, fresh.json<{ accessToken: string }>().accessToken);
    expect(await client.pushOk([client.make('note.add', { customerId: ids.annCustomer, body: 'after the fuzz' })])).toMatchObject([{ status: 'applied' }]);
    const pulled = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(client.token), payload: { cursor: null, limit: 5_000 } });
    expect(pulled.statusCode).toBe(200);
  });
});
