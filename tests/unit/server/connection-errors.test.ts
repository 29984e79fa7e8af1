import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../../server/db/connection-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it('knows a lost or refused connection by SQLSTATE, socket code, node-postgres message, cause or AggregateError', () => {
    const lost = [
      withCode('08006'),
      withCode('08001'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P02'),
      withCode('57P03', 'the database system is starting up'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('wrapped', { cause: withCode('ECONNREFUSED') }),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'),
    ];
    for (const error of lost) expect(isConnectionError(error), error.message).toBe(true);
  });

  it('leaves every other failure to be answered as what it is', () => {
    const others = [withCode('23505', 'duplicate key'), withCode('42P01', 'relation does not exist'), withCode('40001'), new Error('boom'), 'text', null, undefined];
    for (const error of others) expect(isConnectionError(error)).toBe(false);
  });
});
