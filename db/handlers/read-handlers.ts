/**
 * The operations that only show data, in one table built from what a read may have: the store's
 * connection as a `ReadDb` (db/read-db.ts: no statement can run a change, nothing leads back to the
 * full connection), the clock and the settings. So a read cannot write by type; at run time the
 * handler table also holds these operations to SQLite's `query_only` (read-only.ts). What time
 * changes is done before, by the day's rollover (db/day/rollover.ts).
 */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { refused } from '../../shared/i18n/refusals';
import type { Clock } from '../../shared/domain/clock';
import type { Role } from '../../shared/domain/codes';
import { localProfileId } from '../commands/run-command';
import { localActor } from '../commands/team';
import { readContextOf } from '../day/rollover';
import { queryAccount } from '../queries/account';
import { queryContactDefaults } from '../queries/contact-defaults';
import { attachmentContent } from '../queries/attachments';
import { queryCustomerWork } from '../queries/customer-work';
import { draftOwner, getDraft } from '../queries/drafts';
import { queryFacets } from '../queries/facets';
import { queryMyFollowUps } from '../queries/follow-ups';
import { queryNotifications } from '../queries/notifications';
import { queryKpiDashboard } from '../queries/kpi/dashboard';
import { queryKpiForecast } from '../queries/kpi/forecast';
import { queryNoteHistory } from '../queries/note-history';
import { searchGlobal } from '../queries/search';
import { queryTeamEscalations, queryTeamLoad, requireTeamViewer } from '../queries/team';
import { queryTimeline } from '../queries/timeline';
import { queryUsers } from '../queries/users';
import { queryWorklist, type ReadContext } from '../queries/worklist';
import type { ReadDb } from '../read-db';
import { agingReport } from '../reports/aging-query';
import { countNotes } from '../reports/notes-query';
import { resolveScope } from '../reports/scope';
import { prepared } from '../statements';
import type { DomainSettings } from '../summary/refresh';
import type { HandlerContext } from './handler-context';

export const READ_OPERATIONS = [
  'app.info',
  'worklist.query',
  'worklist.facets',
  'customer.account',
  'search.global',
  'contact.defaults',
  'note.history',
  'followUps.mine',
  'notifications.list',
  'customer.timeline',
  'customer.work',
  'attachment.content',
  'draft.get',
  'users.list',
  'team.load',
  'team.escalations',
  'report.notesCount',
  'report.aging',
  'kpi.dashboard',
  'kpi.forecast',
] as const;

export type ReadOperation = (typeof READ_OPERATIONS)[number];
export type ReadHandlers = Pick<ApiHandlers, ReadOperation>;

/** Everything a read handler is given: no `LocalStore`, no `BetterSqlite3.Database`. */
export interface ReadHandlerContext {
  readonly reader: ReadDb;
  readonly clock: Clock;
  /** The user's calendar day (db/day/user-day.ts). */
  readonly today: () => string;
  readonly settings: DomainSettings;
  readonly app: HandlerContext['app'] & { readonly schemaVersion: number; readonly databasePath: string };
}

export function createReadHandlers(ctx: ReadHandlerContext): ReadHandlers {
  const { reader, settings } = ctx;
  const me = () => localProfileId(reader);
  const { today } = ctx;
  /** Today's read context; the day's rollover has brought promises and summaries up to it. */
  const current = (): ReadContext => readContextOf(ctx.clock, today, settings);
  return {
    'app.info': () => {
      const id = me();
      const user = id === null ? undefined : prepared<[string], { id: string; display_name: string; role: Role }>(reader, 'SELECT id, display_name, role FROM users WHERE id = ?').get(id);
      return {
        version: ctx.app.version,
        schemaVersion: ctx.app.schemaVersion,
        dataDir: ctx.app.dataDir,
        databasePath: ctx.app.databasePath,
        asOf: today(),
        transport: ctx.app.transport,
        user: user ? { id: user.id, displayName: user.display_name, role: user.role } : null,
      };
    },
    'worklist.query': (query) => queryWorklist(reader, query, current()),
    'worklist.facets': () => queryFacets(reader, settings),
    'customer.account': ({ customerId }) => {
      const account = queryAccount(reader, customerId, current());
      if (!account) throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, 'customerId');
      return account;
    },
    'search.global': (query) => searchGlobal(reader, query),
    'contact.defaults': ({ customerId }) => queryContactDefaults(reader, me(), customerId),
    'note.history': ({ noteId }) => queryNoteHistory(reader, noteId),
    'followUps.mine': ({ limit }) => queryMyFollowUps(reader, me(), today(), limit),
    'notifications.list': () => queryNotifications(reader, me(), ctx.clock.now().toISOString()),
    'customer.timeline': (query) => queryTimeline(reader, query),
    'customer.work': ({ customerId }) => queryCustomerWork(reader, customerId, ctx.clock.now().toISOString()),
    'attachment.content': ({ attachmentId }) => attachmentContent(reader, attachmentId),
    'draft.get': ({ key }) => getDraft(reader, draftOwner(me()), key),
    'users.list': () => queryUsers(reader),
    'team.load': () => queryTeamLoad(reader, requireTeamViewer(localActor(reader)), today()),
    'team.escalations': () => queryTeamEscalations(reader, requireTeamViewer(localActor(reader))),
    'report.notesCount': (filter) => {
      const customers = resolveScope(reader, filter.scope, current);
      return countNotes(reader, filter, filter.scope.kind === 'all' ? null : customers.map((customer) => customer.id));
    },
    'report.aging': (filter) => {
      const customers = resolveScope(reader, filter.scope, current);
      return agingReport(reader, customers, filter.asOf ?? today(), settings.aging, filter.currencies);
    },
    'kpi.dashboard': (query) => queryKpiDashboard(reader, query, { asOf: today(), fx: settings.fx }),
    'kpi.forecast': ({ collectorId }) => queryKpiForecast(reader, { collectorId }, today(), settings.fx),
  };
}
