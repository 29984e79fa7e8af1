/** The handler table behind every transport: IPC, HTTP (dev:web) and direct calls in tests. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { DomainError } from '../../shared/api/result';
import { todayUtc } from '../../shared/domain/clock';
import { localProfileId, runCommand } from '../commands/run-command';
import { saveContactPerson } from '../commands/contact-person';
import { createCollectorHandlers } from './collector-handlers';
import { clearWorklistOverride, setWorklistOverride } from '../commands/worklist-override';
import { queryAccount } from '../queries/account';
import { queryFacets } from '../queries/facets';
import { searchGlobal } from '../queries/search';
import { queryWorklist, worklistRowOf, type ReadContext, type WorklistRow } from '../queries/worklist';
import { prepared } from '../statements';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import { readContextOf, rollOver } from '../day/rollover';
import { withRolloverAndReadOnlyReads } from './read-only';
import type { Role } from '../../shared/domain/codes';
import { createKpiHandlers } from './kpi-handlers';
import type { HandlerContext } from './handler-context';
import { createReportHandlers } from './report-handlers';
import { detachedSyncHandlers } from './sync-handlers';
import { createTeamHandlers } from './team-handlers';

export function createHandlers(ctx: HandlerContext): ApiHandlers {
  const { sqlite } = ctx.store;
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const commandContext = { store: ctx.store, clock: ctx.clock, settings };

  const current = (): ReadContext => readContextOf(ctx.clock, settings);

  const rowAfterCommand = (customerId: string): WorklistRow => {
    const row = worklistRowOf(sqlite, customerId, current());
    if (!row) throw new DomainError('not_found', `customer ${customerId} does not exist`, 'customerId');
    return row;
  };

  const handlers: ApiHandlers = {
    'app.info': () => {
      const id = localProfileId(sqlite);
      const user = id === null ? undefined : prepared<[string], { id: string; display_name: string; role: Role }>(sqlite, 'SELECT id, display_name, role FROM users WHERE id = ?').get(id);
      return {
        version: ctx.app.version,
        schemaVersion: ctx.store.schemaVersion,
        dataDir: ctx.app.dataDir,
        databasePath: ctx.store.path,
        asOf: todayUtc(ctx.clock),
        transport: ctx.app.transport,
        user: user ? { id: user.id, displayName: user.display_name, role: user.role } : null,
      };
    },
    'prefs.get': () => ctx.preferences.get(),
    'prefs.set': (patch) => ctx.preferences.set(patch),
    'worklist.query': (query) => queryWorklist(sqlite, query, current()),
    'worklist.facets': () => queryFacets(sqlite, current().settings),
    'customer.account': ({ customerId }) => {
      const account = queryAccount(sqlite, customerId, current());
      if (!account) throw new DomainError('not_found', `customer ${customerId} does not exist`, 'customerId');
      return account;
    },
    'search.global': (query) => searchGlobal(sqlite, query),
    'contactPerson.save': (input) => runCommand(commandContext, saveContactPerson, input),
    'worklist.setOverride': (input) => rowAfterCommand(runCommand(commandContext, setWorklistOverride, input).customerId),
    'worklist.clearOverride': (input) => rowAfterCommand(runCommand(commandContext, clearWorklistOverride, input).customerId),
    ...createCollectorHandlers(commandContext),
    ...(ctx.sync ?? detachedSyncHandlers()),
    ...createTeamHandlers(ctx),
    ...createReportHandlers(ctx),
    ...createKpiHandlers(ctx),
  };
  return withRolloverAndReadOnlyReads(handlers, sqlite, () => {
    rollOver(sqlite, current());
  });
}
