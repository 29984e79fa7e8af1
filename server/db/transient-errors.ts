/**
 * Whether a database failure says "try again later" rather than "this cannot be done". The push
 * answers a mutation the server cannot apply with a rejection, so one bad mutation never blocks
 * the queue behind it; but a lost connection or a serialization failure says nothing about the
 * mutation, and rejecting it for that would lose the user's change. Those fail the request, and
 * the client retries it.
 */

/**
 * SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization failure,
 * deadlock), 53 insufficient resources, 57 operator intervention (query cancelled, shutdown).
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57']);
/** lock_not_available: a lock timeout, gone when the other holder commits. */
const TRANSIENT_SQLSTATES = new Set(['55P03']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Node's socket errors, as node-postgres passes them on. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres and PGlite report a lost or closed connection without a code. */
const LOST_CONNECTION = /connection terminated|connection error|not queryable|pglite is closed/i;

export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  if (code !== undefined && SQLSTATE.test(code)) return TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_SQLSTATES.has(code);
  if (LOST_CONNECTION.test(error.message)) return true;
  // Wrappers (Kysely, a driver) may keep the database's error as the cause.
  return isTransientDatabaseError(error.cause, depth + 1);
}
