/**
 * Issue 13: no single mutation can wedge a client's queue. Text the database cannot store, names
 * that are Object.prototype members, a failure of the server's own, another user's mutation id, an
 * absurd createdAt: each is answered for that one mutation, and the ones behind it still apply.
 * Only a transient database failure fails the request, for the client to retry.
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../shared/sync/protocol';
import { buildServer } from '../../../server/app';
import { BACKENDS } from './support/backends';
import { bearer, login, seedCustomer, seedTeam, seedUser, startHarness, syncHeaders, TEST_SECRET, type Harness } from './support/harness';
import { contactLog, TestClient, type TestMutation } from './sync-client';

describe.each(BACKENDS)('push robustness on %s', (kind) => {
  let h: Harness;
  const tokens = { ann: '', bob: '' };
  const customers = { ann: '', bob: '' };
  let annName = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    const bob = await seedUser(h, 'collector', team);
    annName = ann.username;
    customers.ann = (await seedCustomer(h, ann.id, team)).id;
    customers.bob = (await seedCustomer(h, bob.id, team)).id;
    tokens.ann = (await login(h, ann.username)).accessToken;
    tokens.bob = (await login(h, bob.username)).accessToken;
  });
  afterAll(() => h.dispose());

  const db = () => h.testDb.db;
  const notesWith = async (body: string) => (await db().selectFrom('notes').select('id').where('body', '=', body).execute()).length;
  const stored = (clientId: string) =>
    db().selectFrom('client_mutations').select(['client_seq', 'name', 'result', 'reason']).where('client_id', '=', clientId).orderBy('client_seq').execute();
  const position = async (clientId: string) => (await db().selectFrom('clients').select('last_applied_seq').where('id', '=', clientId).executeTakeFirstOrThrow()).last_applied_seq;

  it.each([
    ['a NUL', 'before\u0000after', 'contains a control character'],
    ['a carriage return', 'line one\r\nline two', 'contains a control character'],
    ['a bidi override', 'pay \u202Eyad 03', 'bidirectional text control character'],
    ['an isolate', 'x\u2066y', 'bidirectional text control character'],
    ['a lone surrogate', 'broken \uD83D here', 'unpaired UTF-16 surrogate'],
  ])('rejects text with %s as validation on its field; the mutations after it apply, their text stored as sent', async (_label, body, message) => {
    const client = new TestClient(h, tokens.ann);
    // Pairs, right-to-left marks, tabs and line feeds are text like any other.
    const after = `after 😀 שלום‏	and
more ${uuidv7()}`;
    const results = await client.pushOk([
      client.make('note.add', { customerId: customers.ann, body }),
      client.make('contact.log', { ...contactLog(customers.ann), note: body }),
      client.make('followUp.create', { customerId: customers.ann, dueDate: '2026-03-09', title: body }),
      client.make('note.add', { customerId: customers.ann, body: after }),
    ]);
    expect(results.map((result) => result.error?.field ?? result.status)).toEqual(['args.body', 'args.note', 'args.title', 'applied']);
    for (const result of results.slice(0, 3)) {
      expect(result.error?.code).toBe('validation');
      expect(result.error?.message).toContain(message);
    }
    expect(await notesWith(after)).toBe(1);
    expect(await position(client.id)).toBe(4);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'note.add\u0000'])(
    'answers the name %j unsupported_mutation, records it and moves on',
    async (name) => {
      const client = new TestClient(h, tokens.ann);
      const after = `after ${uuidv7()}`;
      const results = await client.pushOk([client.make(name, { customerId: customers.ann, body: 'x' }), client.make('note.add', { customerId: customers.ann, body: after })]);
      expect(results).toMatchObject([{ status: 'rejected', error: { code: 'unsupported_mutation', field: 'name' } }, { status: 'applied' }]);
      const records = await stored(client.id);
      expect(records.map((record) => record.result)).toEqual(['rejected', 'applied']);
      // A name the text rule refuses is recorded escaped: PostgreSQL cannot store a NUL.
      expect(records[0]?.name).toBe(name.includes('\u0000') ? JSON.stringify(name) : name);
    },
  );

  describe('a failure of the server’s own', () => {
    /** A real database refusal the schemas cannot foresee: a trigger raising on a note body. */
    beforeAll(async () => {
      await sql
        .raw(
          `CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF NEW.body LIKE 'poison%' THEN RAISE EXCEPTION 'refused by a test trigger' USING ERRCODE = 'P0001'; END IF;
             IF NEW.body LIKE 'busy%' THEN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END IF;
             RETURN NEW;
           END $$`,
        )
        .execute(db());
      await sql.raw('CREATE TRIGGER refuse_poison BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION refuse_poison()').execute(db());
    });
    afterAll(async () => {
      await sql.raw('DROP TRIGGER refuse_poison ON notes').execute(db());
      await sql.raw('DROP FUNCTION refuse_poison()').execute(db());
    });

    it('rejects a mutation it cannot apply as unprocessable, logged, the others applied; a transient database error fails the request instead', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const app: FastifyInstance = await buildServer({ db: db(), secret: TEST_SECRET, clock: h.clock, logger: { level: 'error', stream } });
      const send = (clientId: string, mutations: readonly TestMutation[]) =>
        app.inject({ method: 'POST', url: '/v1/sync/push', headers: syncHeaders(tokens.ann), payload: { clientId, mutations } });
      try {
        const client = new TestClient(h, tokens.ann);
        const tag = uuidv7();
        const mutations: TestMutation[] = Array.from({ length: 120 }, (_, index) =>
          client.make('note.add', { customerId: customers.ann, body: index === 60 ? `poison ${tag}` : `fine ${tag} ${String(index)}` }),
        );
        const response = await send(client.id, mutations);
        expect(response.statusCode, response.body).toBe(200);
        const { results, lastAppliedSeq } = response.json<{ results: MutationResult[]; lastAppliedSeq: number }>();
        expect(lastAppliedSeq).toBe(120);
        expect(results[60]).toEqual({ id: mutations[60]?.id, status: 'rejected', error: { code: 'unprocessable', message: expect.stringContaining('could not apply') as unknown, reason: 'serverCouldNotApply' } });
        expect(results.filter((result) => result.status === 'applied')).toHaveLength(119);
        expect(await notesWith(`poison ${tag}`)).toBe(0);
        const records = await stored(client.id);
        expect(records).toHaveLength(120);
        expect(records[60]).toMatchObject({ result: 'rejected', reason: expect.stringContaining('unprocessable') as unknown });
        // The replay repeats the verdict.
        const [replayed] = await client.pushOk([mutations[60] as TestMutation]);
        expect(replayed).toMatchObject({ status: 'duplicate', original: 'rejected', error: { code: 'unprocessable' } });
        const logged = lines.map((line) => JSON.parse(line) as { msg: string; mutationId?: string; err?: { message: string } });
        expect(logged.find((entry) => entry.mutationId === mutations[60]?.id)).toMatchObject({ err: { message: expect.stringContaining('refused by a test trigger') as unknown } });

        // A serialization failure says nothing about the mutation: the request fails, nothing of it stays.
        const other = new TestClient(h, tokens.ann);
        const first = other.make('note.add', { customerId: customers.ann, body: `before ${tag}` });
        const busy = other.make('note.add', { customerId: customers.ann, body: `busy ${tag}` });
        expect((await send(other.id, [first, busy])).statusCode).toBeGreaterThanOrEqual(500);
        expect(await notesWith(`before ${tag}`)).toBe(0);
        expect(await stored(other.id)).toEqual([]);
        expect(await position(other.id)).toBe(0);
        // Once the database is fine again (here: the body no longer trips the trigger), the retry applies both.
        const retried = await other.pushOk([first, { ...busy, args: { customerId: customers.ann, body: `calm ${tag}` } }]);
        expect(retried.map((result) => result.status)).toEqual(['applied', 'applied']);
      } finally {
        await app.close();
      }
    });
  });

  it('refuses another user’s mutation id as id_taken, applies nothing under it and moves on; the owner still sees their verdict', async () => {
    const annClient = new TestClient(h, tokens.ann);
    const annMutation = annClient.make('note.add', { customerId: customers.ann, body: '' });
    expect(await annClient.pushOk([annMutation])).toMatchObject([{ status: 'rejected', error: { code: 'validation' } }]);

    const bobClient = new TestClient(h, tokens.bob);
    const tag = uuidv7();
    const reused = { ...bobClient.make('note.add', { customerId: customers.bob, body: `reused ${tag}` }), id: annMutation.id };
    const next = bobClient.make('note.add', { customerId: customers.bob, body: `next ${tag}` });
    const results = await bobClient.pushOk([reused, next]);
    expect(results).toEqual([
      { id: annMutation.id, status: 'rejected', error: { code: 'id_taken', message: expect.any(String) as unknown, field: 'id', reason: 'idTaken' } },
      { id: next.id, status: 'applied' },
    ]);
    expect(await notesWith(`reused ${tag}`)).toBe(0);
    expect(await notesWith(`next ${tag}`)).toBe(1);
    expect(await position(bobClient.id)).toBe(2);
    // The same answer on every delivery, and the owner's record is untouched.
    expect(await bobClient.pushOk([reused])).toMatchObject([{ status: 'rejected', error: { code: 'id_taken' } }]);
    expect(await annClient.pushOk([annMutation])).toMatchObject([{ status: 'duplicate', original: 'rejected', error: { code: 'validation' } }]);
    const owner = await db().selectFrom('client_mutations').select(['client_id', 'user_id']).where('mutation_id', '=', annMutation.id).executeTakeFirstOrThrow();
    expect(owner.client_id).toBe(annClient.id);
  });

  it('answers a customer that does not exist exactly like another collector’s', async () => {
    const client = new TestClient(h, tokens.ann);
    const results = await client.pushOk([
      client.make('note.add', { customerId: customers.bob, body: 'probe' }),
      client.make('note.add', { customerId: uuidv7(), body: 'probe' }),
      client.make('customer.reassign', { customerIds: [uuidv7()], toCollectorId: uuidv7() }),
      client.make('customer.reassign', { customerIds: [customers.bob], toCollectorId: uuidv7() }),
    ]);
    const [foreign, ...others] = results.map((result) => result.error);
    expect(foreign).toEqual({ code: 'forbidden', message: 'This customer is not in your portfolio.', reason: 'notInPortfolio' });
    for (const other of others) expect(other).toEqual(foreign);
  });

  it('bounds createdAt to the window around the server’s time, per mutation', async () => {
    const client = new TestClient(h, tokens.ann);
    const now = h.clock.now().getTime();
    const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const tag = uuidv7();
    const withCreatedAt = (createdAt: string, body: string): TestMutation => ({ ...client.make('note.add', { customerId: customers.ann, body: `${body} ${tag}` }), createdAt });
    const results = await client.pushOk([
      withCreatedAt('0001-01-01T00:00:00.000Z', 'year one'),
      withCreatedAt(at(-401), 'too old'),
      withCreatedAt(at(-399), 'old but fine'),
      withCreatedAt(at(29.9), 'clock days ahead'),
      withCreatedAt(at(30.1), 'clock far ahead'),
      withCreatedAt('9999-12-31T23:59:59.000Z', 'far future'),
    ]);
    expect(results.map((result) => result.error?.field ?? result.status)).toEqual(['createdAt', 'createdAt', 'applied', 'applied', 'createdAt', 'createdAt']);
    for (const result of results.filter((entry) => entry.status === 'rejected')) expect(result.error?.code).toBe('validation');
    expect(await notesWith(`year one ${tag}`)).toBe(0);
    expect(await notesWith(`old but fine ${tag}`)).toBe(1);
  });

  it('requires the protocol header on push and pull, with a 400 naming it', async () => {
    const token = (await login(h, annName)).accessToken;
    const withoutProtocol = bearer(token);
    const client = new TestClient(h, token);
    const mutation = client.make('note.add', { customerId: customers.ann, body: 'headless' });
    for (const [url, payload] of [
      ['/v1/sync/push', { clientId: client.id, mutations: [mutation] }],
      ['/v1/sync/pull', { cursor: null }],
    ] as const) {
      const response = await h.app.inject({ method: 'POST', url, headers: withoutProtocol, payload });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('x-ledgerline-protocol') as unknown });
    }
    expect(await notesWith('headless')).toBe(0);
    expect((await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(token), payload: { cursor: null } })).statusCode).toBe(200);
  });
});
