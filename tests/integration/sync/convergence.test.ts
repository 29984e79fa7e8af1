/**
 * Multi-client convergence, property-based (issue 5, "Tests"): three desktop clients of one
 * collector and one of the second collector work offline on a few shared customers (notes and
 * their edits, contacts, follow-ups and their closing, promises, disputes and their moves) and
 * sync in random interleavings (two at once, or while their user types). When every client has synced twice at the end: every local copy
 * equals the server's rows of its scope, every typed mutation was applied exactly once or sits in
 * its client's sync issues (never both, never lost), and each sync issue is a real conflict: the
 * row it acted on had moved on on the server, or it depended on a row of another refused change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { allowedDisputeActions } from '../../../shared/domain/dispute';
import type { DisputeStatus } from '../../../shared/domain/codes';
import type { ServerDatabase } from '../../../server/db/schema';
import { DEMO_USERNAMES } from '../../../server/demo/credentials';
import { BACKENDS } from '../server/support/backends';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';
import { accountFor, scopeDifferences, TypedLedger } from './support-compare';
import { hookedFetch, isPull, type HookedFetch } from './support-fetch';

const RUNS = 8;
/** Customers each collector's clients share, so their offline work collides. */
const SHARED_CUSTOMERS = 2;

const OPERATIONS = ['note.add', 'note.edit', 'contact.log', 'followUp.create', 'followUp.complete', 'followUp.cancel', 'promise.create', 'dispute.create', 'dispute.transition'] as const;
type OperationKind = (typeof OPERATIONS)[number];

interface Operation {
  readonly kind: OperationKind;
  readonly client: number;
  readonly customer: number;
  readonly pick: number;
}

/**
 * A sync of `client`; `also` syncs another client at the same time, `typing` is an operation
 * the user of `client` makes while its pull is on its way.
 */
interface SyncStep {
  readonly kind: 'sync';
  readonly client: number;
  readonly also: number | null;
  readonly typing: Omit<Operation, 'client'> | null;
}

type Step = SyncStep | Operation;

interface Device {
  readonly client: TestClient;
  readonly net: HookedFetch;
  readonly userId: string;
  readonly customers: readonly string[];
  readonly ledger: TypedLedger;
}

const sqliteOf = (device: Device) => device.client.workspace.store.sqlite;

async function sync(device: Device): Promise<void> {
  device.ledger.record(sqliteOf(device));
  await device.client.workspace.engine?.syncOnce();
}

async function syncStep(devices: readonly Device[], step: SyncStep): Promise<void> {
  const device = devices[step.client];
  if (device === undefined) throw new Error(`no client ${String(step.client)}`);
  const { typing } = step;
  if (typing !== null) {
    device.net.hook = async (request, send) => {
      if (!isPull(request)) return send();
      device.net.hook = null;
      await operate(device, { ...typing, client: step.client });
      return send();
    };
  }
  const other = step.also === null || step.also === step.client ? undefined : devices[step.also];
  try {
    await Promise.all([sync(device), ...(other === undefined ? [] : [sync(other)])]);
  } finally {
    device.net.hook = null;
  }
}

/** One of `rows` chosen by `pick` (0..1), or undefined when there is none. */
const choose = <T>(rows: readonly T[], pick: number): T | undefined => rows[Math.min(rows.length - 1, Math.floor(pick * rows.length))];

let counter = 0;
const unique = (what: string): string => `${what} ${String((counter += 1))}`;

/**
 * Runs one operation on the device's current local data. A command the local rules refuse (a
 * promise on an item another promise covers, say) writes nothing: it is not a mutation.
 */
async function operate(device: Device, step: Operation): Promise<void> {
  const customerId = device.customers[step.customer % device.customers.length] ?? '';
  const sqlite = sqliteOf(device);
  const ids = (sql: string): string[] =>
    sqlite
      .prepare<[string], { id: string }>(sql)
      .all(customerId)
      .map((row) => row.id);
  const call = device.client.call.bind(device.client);
  try {
    switch (step.kind) {
      case 'note.add':
        await call('note.add', { customerId, body: unique('note') });
        return;
      case 'note.edit': {
        const noteId = choose(ids('SELECT id FROM notes WHERE customer_id = ? AND is_current = 1 ORDER BY id'), step.pick);
        if (noteId !== undefined) await call('note.edit', { noteId, body: unique('edited note') });
        return;
      }
      case 'contact.log':
        await call('contact.log', {
          customerId,
          channel: 'phone',
          outcome: 'call_back_later',
          note: unique('call'),
          ...(step.pick < 0.5 ? { followUpDate: '2026-03-09' } : {}),
        });
        return;
      case 'followUp.create':
        await call('followUp.create', { customerId, dueDate: '2026-03-16', title: unique('follow-up') });
        return;
      case 'followUp.complete':
      case 'followUp.cancel': {
        // Not a follow-up the client's own promise evaluation made: it stays local (docs/SYNC.md, Known limits), so the server cannot close it.
        const followUpId = choose(
          ids(`SELECT id FROM follow_ups f WHERE customer_id = ? AND status = 'open'
            AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = f.id AND a.action = 'create' AND a.mutation_id IS NULL) ORDER BY id`),
          step.pick,
        );
        if (followUpId !== undefined) await call(step.kind, { followUpId, comment: unique('closed') });
        return;
      }
      case 'promise.create': {
        const itemId = choose(ids('SELECT id FROM open_items WHERE customer_id = ? AND open_minor > 0 ORDER BY id'), step.pick);
        if (itemId !== undefined) await call('promise.create', { customerId, itemIds: [itemId], promisedDate: '2026-03-20', note: unique('promise') });
        return;
      }
      case 'dispute.create': {
        const itemId = choose(ids('SELECT id FROM open_items WHERE customer_id = ? AND open_minor - disputed_minor >= 100 ORDER BY id'), step.pick);
        if (itemId !== undefined) await call('dispute.create', { customerId, items: [{ itemId, disputedMinor: 100 }], reasonCode: 'pricing', description: unique('dispute') });
        return;
      }
      case 'dispute.transition': {
        const dispute = choose(
          sqlite.prepare<[string], { id: string; status: DisputeStatus }>('SELECT id, status FROM disputes WHERE customer_id = ? ORDER BY id').all(customerId),
          step.pick,
        );
        if (dispute === undefined) return;
        const action = choose(allowedDisputeActions(dispute.status), step.pick * 7 - Math.floor(step.pick * 7));
        if (action === undefined) return;
        await call('dispute.transition', {
          disputeId: dispute.id,
          action,
          comment: unique('moved'),
          ...(action === 'resolve' ? { resolution: 'claim_rejected' as const, rootCause: 'billing' as const } : {}),
        });
        return;
      }
    }
  } catch (error) {
    if (!(error instanceof Error) || !/^[\w.]+: (validation|conflict|not_found) /.test(error.message)) throw error;
  } finally {
    // Typed during a sync, a change is pushed by the engine's own follow-up cycle, before the next sync step.
    device.ledger.record(sqlite);
  }
}

/** The row a refused mutation acted on (from its input), by table. */
function targetOf(name: string, args: Readonly<Record<string, unknown>>): { table: 'notes' | 'follow_ups' | 'disputes'; id: string } | null {
  if (name === 'note.edit' && typeof args.noteId === 'string') return { table: 'notes', id: args.noteId };
  if ((name === 'followUp.complete' || name === 'followUp.cancel') && typeof args.followUpId === 'string') return { table: 'follow_ups', id: args.followUpId };
  if (name === 'dispute.transition' && typeof args.disputeId === 'string') return { table: 'disputes', id: args.disputeId };
  return null;
}

/**
 * Sync issues that were not real conflicts, in words. Real: the target moved on on the server (a
 * note version no longer current, a follow-up no longer open, a dispute moved by a transition
 * this client did not make), or the target was created by another of this client's refused
 * changes (then it never reached the server: `not_found`, or a `conflict` on its stand-in).
 */
async function unjustifiedIssues(db: Kysely<ServerDatabase>, device: Device): Promise<string[]> {
  const sqlite = sqliteOf(device);
  const issues = sqlite
    .prepare<[], { id: string; name: string; args_json: string; error_code: string }>('SELECT id, name, args_json, error_code FROM sync_issues')
    .all();
  const creatorOf = sqlite.prepare<[string], { mutation_id: string }>("SELECT mutation_id FROM audit_log WHERE entity_id = ? AND action IN ('create', 'edit')");
  const refused = new Set(issues.map((issue) => issue.id));
  const madeHere = new Set(
    sqlite
      .prepare<[], { entity_id: string }>("SELECT entity_id FROM audit_log WHERE entity = 'dispute_event'")
      .all()
      .map((row) => row.entity_id),
  );
  const problems: string[] = [];
  for (const issue of issues) {
    const label = `${issue.name} ${issue.id} (${issue.error_code})`;
    const target = targetOf(issue.name, JSON.parse(issue.args_json) as Record<string, unknown>);
    if (target === null) {
      problems.push(`${label}: refused, though it acts on no row another client could change`);
      continue;
    }
    const creator = creatorOf.get(target.id)?.mutation_id;
    if (creator !== undefined && refused.has(creator)) continue;
    if (issue.error_code !== 'conflict') {
      problems.push(`${label}: refused with ${issue.error_code} on ${target.table} ${target.id}`);
      continue;
    }
    let movedOn: boolean;
    if (target.table === 'notes') {
      const note = await db.selectFrom('notes').select('is_current').where('id', '=', target.id).executeTakeFirst();
      movedOn = note !== undefined && !note.is_current;
    } else if (target.table === 'follow_ups') {
      const followUp = await db.selectFrom('follow_ups').select('status').where('id', '=', target.id).executeTakeFirst();
      movedOn = followUp !== undefined && followUp.status !== 'open';
    } else {
      const events = await db.selectFrom('dispute_events').select('id').where('dispute_id', '=', target.id).where('from_status', 'is not', null).execute();
      movedOn = events.some((event) => !madeHere.has(event.id));
    }
    if (!movedOn) problems.push(`${label}: ${target.table} ${target.id} had not moved on on the server`);
  }
  return problems;
}

describe.each(BACKENDS)('multi-client convergence on %s', (kind) => {
  let server: SyncServer;
  const devices: Device[] = [];

  beforeAll(async () => {
    server = await startSyncServer(kind);
    const db = server.h.testDb.db;
    for (const username of [DEMO_USERNAMES.collector, DEMO_USERNAMES.collector, DEMO_USERNAMES.collector, DEMO_USERNAMES.secondCollector]) {
      const { id: userId } = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const customers = await db.selectFrom('customers').select('id').where('collector_id', '=', userId).orderBy('number').limit(SHARED_CUSTOMERS).execute();
      const net = hookedFetch();
      const client = await signedInClient(server, username, { fetch: net.fetch });
      devices.push({ client, net, userId, customers: customers.map((row) => row.id), ledger: new TypedLedger() });
    }
  }, 240_000);
  afterAll(async () => {
    for (const device of devices.splice(0)) await device.client.close();
    await server.dispose();
  });

  const operation = {
    kind: fc.constantFrom(...OPERATIONS),
    customer: fc.nat(SHARED_CUSTOMERS - 1),
    pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  };
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('sync' as const),
        client: fc.nat(3),
        also: fc.option(fc.nat(3), { freq: 3 }),
        typing: fc.option(fc.record(operation), { freq: 2 }),
      }),
    },
    { weight: 4, arbitrary: fc.record({ ...operation, client: fc.nat(3) }) },
  );

  it('ends with every client equal to the server, every mutation applied once or kept as a real conflict', async () => {
    const db = server.h.testDb.db;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        for (const next of steps) {
          if (next.kind === 'sync') {
            await syncStep(devices, next);
            continue;
          }
          const device = devices[next.client];
          if (device === undefined) throw new Error(`no client ${String(next.client)}`);
          await operate(device, next);
        }
        for (let round = 0; round < 2; round += 1) for (const device of devices) await sync(device);
        for (const device of devices) {
          expect(await device.client.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0, error: null });
          const accounting = await accountFor(db, sqliteOf(device), device.ledger.all());
          expect(accounting.problems).toEqual([]);
          expect(await scopeDifferences(db, device.userId, sqliteOf(device))).toEqual([]);
          expect(await unjustifiedIssues(db, device)).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
