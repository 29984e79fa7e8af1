/** A migrated database plus a server over it, a movable clock and a few seeding helpers. */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { manualClock } from '../../../../shared/domain/clock';
import type { Role } from '../../../../shared/domain/codes';
import { buildServer } from '../../../../server/app';
import { createTeam, createUser } from '../../../../server/cli/admin-commands';
import type { DatabaseKind } from '../../../../server/db/connect';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../../server/version';
import { openTestDb, type TestDb } from './backends';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';
export const PASSWORD = 'correct horse battery';

export interface Harness {
  readonly testDb: TestDb;
  readonly app: FastifyInstance;
  readonly clock: ReturnType<typeof manualClock>;
  dispose(): Promise<void>;
}

export async function startHarness(kind: DatabaseKind): Promise<Harness> {
  const testDb = await openTestDb(kind);
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const app = await buildServer({ db: testDb.db, secret: TEST_SECRET, clock });
  return {
    testDb,
    app,
    clock,
    dispose: async () => {
      await app.close();
      await testDb.dispose();
    },
  };
}

/** A unique suffix, so tests sharing one database per file never collide. */
export const unique = (): string => uuidv7().slice(-12).replaceAll('-', '');

export async function seedTeam(h: Harness, name = `team-${unique()}`): Promise<string> {
  await createTeam(h.testDb.db, h.clock, name);
  return name;
}

export async function seedUser(h: Harness, role: Role, team?: string): Promise<{ id: string; username: string }> {
  return createUser(h.testDb.db, h.clock, { username: `${role}-${unique()}`, role, ...(team === undefined ? {} : { team }), password: PASSWORD });
}

export async function seedCustomer(h: Harness, collectorId: string | null, teamName?: string): Promise<{ id: string; number: string }> {
  const { db } = h.testDb;
  const teamId = teamName === undefined ? null : (await db.selectFrom('teams').select('id').where('name', '=', teamName).executeTakeFirstOrThrow()).id;
  const id = uuidv7();
  const number = `C-${unique()}`;
  await db
    .insertInto('customers')
    .values({
      id,
      erp_key: `ERP-${number}`,
      number,
      name: `Customer ${number}`,
      country: 'DE',
      currency: 'EUR',
      payment_terms: 'NET30',
      payment_terms_days: 30,
      credit_limit_minor: 1_000_000,
      risk_class: 'medium',
      collector_id: collectorId,
      team_id: teamId,
      updated_at: h.clock.now().toISOString(),
      updated_seq: 0,
    })
    .execute();
  return { id, number };
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export async function login(h: Harness, username: string, password = PASSWORD): Promise<Session> {
  const response = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json<Session>();
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** What the sync endpoints need: the token and the protocol version the client speaks. */
export const syncHeaders = (token: string) => ({ ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
