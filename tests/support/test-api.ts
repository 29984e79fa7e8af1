/** A temp store with the real handler table behind dispatch, the clock frozen at a known instant. */
import { dispatch } from '../../shared/api/dispatch';
import type { OperationName, OperationOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { manualClock } from '../../shared/domain/clock';
import type { CommandContext } from '../../db/commands/run-command';
import { userToday } from '../../db/day/user-day';
import { createHandlers } from '../../db/handlers/create-handlers';
import type { HandlerContext } from '../../db/handlers/handler-context';
import { createMemoryPreferenceStore } from '../../db/handlers/preferences';
import { createTempStore, type TempStore } from './temp-store';

export const TEST_NOW = '2026-11-23T09:00:00.000Z';
export const TEST_AS_OF = '2026-11-23';

export interface TestApi extends TempStore {
  readonly clock: ReturnType<typeof manualClock>;
  readonly ctx: HandlerContext;
  /** What runCommand takes, on this store, clock and user's day. */
  readonly commands: CommandContext;
  /** Any call, as a transport would make it (unvalidated input). */
  raw(operation: unknown, input: unknown): Promise<Result<unknown>>;
  /** A call expected to succeed; fails the test with the error otherwise. */
  call<K extends OperationName>(operation: K, input: unknown): Promise<OperationOutput<K>>;
}

export async function createTestApi(now = TEST_NOW): Promise<TestApi> {
  const temp = await createTempStore();
  const clock = manualClock(now);
  const ctx: HandlerContext = {
    store: temp.store,
    // The tests' instants and dates are written in UTC: the user's day is UTC's, whatever this machine's zone.
    preferences: createMemoryPreferenceStore({ timeZone: 'UTC' }),
    clock,
    app: { version: '0.0.0-test', dataDir: temp.dir, transport: 'http' },
  };
  const errors: unknown[] = [];
  const raw = (operation: unknown, input: unknown) =>
    dispatch(createHandlers(ctx), operation, input, { validateOutput: true, onUnexpectedError: (_name, error) => errors.push(error) });
  return {
    ...temp,
    clock,
    ctx,
    commands: { store: temp.store, clock, today: () => userToday(ctx) },
    raw,
    async call<K extends OperationName>(operation: K, input: unknown) {
      const result = await raw(operation, input);
      if (!result.ok) {
        const cause = errors.at(-1);
        throw new Error(`${operation} failed: ${JSON.stringify(result.error)}`, { cause });
      }
      return result.value as OperationOutput<K>;
    },
  };
}
