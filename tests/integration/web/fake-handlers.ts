/** A handler table without a database, so the HTTP binding can be tested on its own. */
import { apiContract } from '../../../shared/api/contract';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { DomainError } from '../../../shared/api/result';
import { createMemoryPreferenceStore } from '../../../db/handlers/preferences';

export function createFakeHandlers(): ApiHandlers {
  const preferences = createMemoryPreferenceStore();
  const missing = () => {
    throw new DomainError('not_found', 'nothing here');
  };
  // Operations the tests do not exercise answer not_found, whatever the contract grows to.
  const everyOperation = Object.fromEntries(Object.keys(apiContract).map((name) => [name, missing])) as unknown as ApiHandlers;
  return {
    ...everyOperation,
    'app.info': () => ({
      version: '0.0.0-test',
      schemaVersion: 1,
      dataDir: '/tmp/fake',
      databasePath: '/tmp/fake/ledgerline.db',
      asOf: '2026-11-23',
      transport: 'http',
      user: null,
    }),
    'prefs.get': () => preferences.get(),
    'prefs.set': (patch) => preferences.set(patch),
    'worklist.query': () => {
      throw new Error('boom: the database went away');
    },
    'search.global': () => [],
  };
}
