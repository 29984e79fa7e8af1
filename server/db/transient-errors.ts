/**
 * Whether a database failure says "try again later" rather than "this cannot be done". The push
 * answers a mutation the server cannot apply with a rejection, so one bad mutation never blocks
 * the queue behind it; but a lost connection or a serialization failure says nothing about the
 * mutation, and rejecting it for that would lose the user's change. Those fail the request, and
 * the client retries it.
 */

import { isConnectionError } from './connection-errors';

/**
 * Besides a lost connection (connection-errors.ts), SQLSTATE classes 40 transaction rollback
 * (serialization failure, deadlock), 53 insufficient resources and 57 operator intervention.
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['40', '53', '57']);
/** lock_not_available: a lock timeout, gone when the other holder commits. */
const TRANSIENT_SQLSTATES = new Set(['55P03']);

export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (isConnectionError(error)) return true;
  if (!(error instanceof Error) || depth > 3) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && (TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_SQLSTATES.has(code))) return true;
  // Wrappers (Kysely, a driver) may keep the database's error as the cause.
  return isTransientDatabaseError(error.cause, depth + 1);
}
