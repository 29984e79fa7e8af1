/** The handler table behind every transport: IPC, HTTP (dev:web) and direct calls in tests. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { refused } from '../../shared/i18n/refusals';
import { runCommand } from '../commands/run-command';
import { saveContactPerson } from '../commands/contact-person';
import { createAttachmentHandlers } from './attachment-handlers';
import { createCollectorHandlers } from './collector-handlers';
import { createReadHandlers } from './read-handlers';
import { readerOf } from '../read-db';
import { clearWorklistOverride, setWorklistOverride } from '../commands/worklist-override';
import { worklistRowOf, type ReadContext, type WorklistRow } from '../queries/worklist';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import { readContextOf, rollOver } from '../day/rollover';
import { userToday } from '../day/user-day';
import { withRolloverAndReadOnlyReads } from './read-only';
import type { HandlerContext } from './handler-context';
import { createReportHandlers } from './report-handlers';
import { detachedSyncHandlers } from './sync-handlers';
import { createTeamHandlers } from './team-handlers';

export function createHandlers(ctx: HandlerContext): ApiHandlers {
  const { sqlite } = ctx.store;
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const today = (): string => userToday(ctx);
  const commandContext = { store: ctx.store, clock: ctx.clock, today, settings };

  const current = (): ReadContext => readContextOf(ctx.clock, today, settings);

  const rowAfterCommand = (customerId: string): WorklistRow => {
    const row = worklistRowOf(sqlite, customerId, current());
    if (!row) throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, 'customerId');
    return row;
  };

  const handlers: ApiHandlers = {
    ...createReadHandlers({
      reader: readerOf(sqlite),
      clock: ctx.clock,
      today,
      settings,
      app: { ...ctx.app, schemaVersion: ctx.store.schemaVersion, databasePath: ctx.store.path },
    }),
    'prefs.get': () => ctx.preferences.get(),
    'prefs.set': (patch) => ctx.preferences.set(patch),
    'contactPerson.save': (input) => runCommand(commandContext, saveContactPerson, input),
    'worklist.setOverride': (input) => rowAfterCommand(runCommand(commandContext, setWorklistOverride, input).customerId),
    'worklist.clearOverride': (input) => rowAfterCommand(runCommand(commandContext, clearWorklistOverride, input).customerId),
    ...createCollectorHandlers(commandContext),
    ...(ctx.sync ?? detachedSyncHandlers()),
    ...createTeamHandlers(ctx),
    ...createReportHandlers(ctx),
    ...createAttachmentHandlers(ctx),
  };
  return withRolloverAndReadOnlyReads(handlers, sqlite, () => {
    rollOver(sqlite, current());
  });
}
