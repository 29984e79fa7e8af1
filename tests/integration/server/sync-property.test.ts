import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, MutationResult, PullResponse } from '../../../shared/sync/protocol';
import { BACKENDS } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, unique, type Harness } from './support/harness';
import { contactLog, pullAll, pullPage, TestClient, type TestMutation } from './sync-client';

const KINDS = ['note', 'contact', 'followUp', 'invalid'] as const;
type Kind = (typeof KINDS)[number];

interface Step {
  readonly client: number;
  /** How many already acknowledged mutations the request repeats (a lost answer). */
  readonly back: number;
  readonly count: number;
  readonly duplicate: boolean;
  /** Sends the window in reverse: a reordered request. */
  readonly reverse: boolean;
  /** Pulls one small page instead of pushing. */
  readonly pull: boolean;
}

/** A client's local copy of the pulled rows, applied page by page as a client engine would. */
class Replica {
  readonly rows = new Map<string, Change>();
  cursor: string | null = null;

  apply(page: PullResponse): void {
    for (const change of page.changes) {
      const key = `${change.entity}/${change.id}`;
      if (change.op === 'upsert') this.rows.set(key, change);
      else if (change.entity === 'customers') {
        for (const [other, row] of this.rows) if (row.customerId === change.id) this.rows.delete(other);
      } else this.rows.delete(key);
    }
    this.cursor = page.cursor;
  }
}

describe.each(BACKENDS)('sync convergence on %s', (kind) => {
  let h: Harness;
  const tokens: string[] = [];
  const customers: string[] = [];

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    const lead = await seedUser(h, 'team_lead', team);
    customers.push((await seedCustomer(h, ann.id, team)).id, (await seedCustomer(h, ann.id, team)).id);
    const annToken = (await login(h, ann.username)).accessToken;
    // Two installations of one collector and their team lead.
    tokens.push(annToken, annToken, (await login(h, lead.username)).accessToken);
  });
  afterAll(() => h.dispose());

  const argsFor = (what: Kind, tag: string, customerId: string): { name: string; args: unknown } => {
    switch (what) {
      case 'note':
        return { name: 'note.add', args: { customerId, body: tag } };
      case 'contact':
        return { name: 'contact.log', args: contactLog(customerId, tag) };
      case 'followUp':
        return { name: 'followUp.create', args: { customerId, dueDate: '2026-03-20', title: tag } };
      case 'invalid':
        return { name: 'followUp.create', args: { customerId, dueDate: '2020-01-01', title: tag } };
    }
  };

  const rowsTagged = async (tag: string): Promise<number> => {
    const { db } = h.testDb;
    const notes = await db.selectFrom('notes').select('id').where('body', '=', tag).execute();
    const activities = await db.selectFrom('activities').select('id').where('note', '=', tag).execute();
    const followUps = await db.selectFrom('follow_ups').select('id').where('title', '=', tag).execute();
    return notes.length + activities.length + followUps.length;
  };

  it('every accepted mutation is applied exactly once and every client converges, whatever the interleaving, duplicates and reorderings', async () => {
    const step = fc.record({
      client: fc.integer({ min: 0, max: 2 }),
      back: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 4 }),
      duplicate: fc.boolean(),
      reverse: fc.boolean(),
      pull: fc.boolean(),
    });
    const outboxes = fc.tuple(...[0, 1, 2].map(() => fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 6 })));
    await fc.assert(
      fc.asyncProperty(outboxes, fc.array(step, { maxLength: 12 }), async (kinds, schedule: Step[]) => {
        const run = unique();
        const clients = kinds.map((list, c) => {
          const client = new TestClient(h, tokens[c] ?? '');
          list.forEach((what, i) => {
            const { name, args } = argsFor(what, `${run}-${String(c)}-${String(i)}`, customers[i % customers.length] ?? '');
            client.make(name, args);
          });
          return client;
        });
        const acked = clients.map(() => 0);
        // Each client starts from a full copy, then follows the deltas between its pushes.
        const replicas = await Promise.all(
          clients.map(async (client) => {
            const replica = new Replica();
            for (const page of (await pullAll(h, client.token, null)).pages) replica.apply(page);
            return replica;
          }),
        );
        const seen = new Map<string, MutationResult['status'][]>();
        const send = async (c: number, batch: readonly TestMutation[]) => {
          const client = clients[c];
          if (client === undefined || batch.length === 0) return;
          const reply = await client.push(batch);
          for (const result of reply.body.results) seen.set(result.id, [...(seen.get(result.id) ?? []), result.status]);
          acked[c] = reply.body.lastAppliedSeq;
        };
        for (const s of schedule) {
          const replica = replicas[s.client];
          if (s.pull && replica !== undefined) {
            replica.apply(await pullPage(h, tokens[s.client] ?? '', replica.cursor, 3));
            continue;
          }
          const outbox = clients[s.client]?.outbox ?? [];
          const start = Math.max(0, (acked[s.client] ?? 0) - s.back);
          let batch = outbox.slice(start, start + s.count);
          if (s.duplicate && batch[0] !== undefined) batch = [...batch, batch[0]];
          if (s.reverse) batch = [...batch].reverse();
          await send(s.client, batch);
        }
        // Every client finally drains its outbox in order.
        for (const [c, client] of clients.entries()) await send(c, client.outbox.slice(acked[c] ?? 0));

        const { db } = h.testDb;
        // Every replica converges to what a fresh snapshot of the same user holds now.
        for (const [c, replica] of replicas.entries()) {
          for (const page of (await pullAll(h, tokens[c] ?? '', replica.cursor, 3)).pages) replica.apply(page);
          const fresh = new Replica();
          for (const page of (await pullAll(h, tokens[c] ?? '', null)).pages) fresh.apply(page);
          expect(new Map([...replica.rows].map(([key, change]) => [key, change.row]))).toEqual(new Map([...fresh.rows].map(([key, change]) => [key, change.row])));
        }
        for (const [c, client] of clients.entries()) {
          expect(acked[c]).toBe(client.outbox.length);
          const stored = await db.selectFrom('client_mutations').select(['mutation_id', 'result']).where('client_id', '=', client.id).execute();
          expect(stored).toHaveLength(client.outbox.length);
          const results = new Map(stored.map((row) => [row.mutation_id, row.result]));
          for (const [i, mutation] of client.outbox.entries()) {
            const tag = `${run}-${String(c)}-${String(i)}`;
            const expected = kinds[c]?.[i] === 'invalid' ? 'rejected' : 'applied';
            expect(results.get(mutation.id)).toBe(expected);
            expect(await rowsTagged(tag)).toBe(expected === 'applied' ? 1 : 0);
            expect((seen.get(mutation.id) ?? []).filter((status) => status === 'applied').length).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 6 },
    );
    // Six runs of three clients pushing and pulling up to a dozen times: 8 s alone, twice that under the suite.
  }, 60_000);
});
