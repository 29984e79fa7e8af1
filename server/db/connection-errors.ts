/**
 * Recognises a failure that means "the database is away" rather than "this request is wrong": the
 * server answers those 503 with Retry-After (clients retry with backoff) instead of 500.
 */

/** SQLSTATEs of a lost or refused connection: class 08, and the server shutting down or starting up. */
const SHUTDOWN_STATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03']);

/** Socket errors of Node's net and dns modules when the database host cannot be reached. */
const SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres and PGlite report a dropped socket, a connect timeout or a closed database with plain Errors, known by their message. */
const MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)|not queryable|pglite is closed/i;

/** How many seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const MAX_DEPTH = 5;

export function isConnectionError(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || SHUTDOWN_STATES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // Node's connect to a name with several addresses fails with an AggregateError of each attempt.
  if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return cause !== undefined && isConnectionError(cause, depth + 1);
}
