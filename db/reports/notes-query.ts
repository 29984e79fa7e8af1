/**
 * The portfolio-notes export's rows: contacts, current note versions, promises and dispute cases of
 * the customers in scope, filtered by date range, type, channel and outcome. Read one customer at a
 * time with `.iterate()`, so memory stays bounded and the connection is free between customers.
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { NotesFilterSchema } from '../../shared/api/report-contract';
import type { Channel, Direction, DisputeReason, DisputeStatus, Outcome, PromiseStatus } from '../../shared/domain/codes';
import { addDays } from '../../shared/domain/dates';
import { REPORT_ENTRY_TYPES, type ReportEntryType } from '../../shared/domain/report-entries';
import { prepared } from '../statements';

export type NotesFilter = z.output<typeof NotesFilterSchema>;

export interface NoteEntry {
  readonly type: ReportEntryType;
  /** ISO timestamp (UTC): when the contact happened, or when the note, promise or dispute was recorded. */
  readonly at: string;
  readonly channel: Channel | null;
  readonly direction: Direction | null;
  readonly outcome: Outcome | null;
  readonly contactPerson: string | null;
  readonly text: string;
  /** The promised or disputed amount. */
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly promisedDate: string | null;
  readonly promiseStatus: PromiseStatus | null;
  readonly disputeReason: DisputeReason | null;
  readonly disputeStatus: DisputeStatus | null;
  readonly user: string | null;
}

interface EntryRow {
  type: ReportEntryType;
  at: string;
  channel: Channel | null;
  direction: Direction | null;
  outcome: Outcome | null;
  contact_person_id: string | null;
  text: string;
  amount_minor: number | null;
  currency: string | null;
  promised_date: string | null;
  promise_status: PromiseStatus | null;
  dispute_reason: DisputeReason | null;
  dispute_status: DisputeStatus | null;
  user_id: string | null;
}

type Params = Record<string, string>;

interface Branch {
  readonly table: string;
  readonly alias: string;
  readonly time: string;
  readonly select: string;
  readonly extra: (filter: NotesFilter) => string[];
}

const BRANCHES: Readonly<Record<ReportEntryType, Branch>> = {
  contact: {
    table: 'activities',
    alias: 'a',
    time: 'a.occurred_at',
    select: `'contact' AS type, a.occurred_at AS at, a.id, 0 AS kind_order, a.channel, a.direction, a.outcome, a.contact_person_id,
      a.note AS text, NULL AS amount_minor, NULL AS currency, NULL AS promised_date, NULL AS promise_status, NULL AS dispute_reason,
      NULL AS dispute_status, a.user_id`,
    extra: (filter) => [
      ...(filter.channels ? ['a.channel IN (SELECT value FROM json_each(@channels))'] : []),
      ...(filter.outcomes ? ['a.outcome IN (SELECT value FROM json_each(@outcomes))'] : []),
    ],
  },
  note: {
    table: 'notes',
    alias: 'n',
    time: 'n.created_at',
    select: `'note' AS type, n.created_at AS at, n.id, 1 AS kind_order, NULL AS channel, NULL AS direction, NULL AS outcome, NULL AS contact_person_id,
      n.body AS text, NULL AS amount_minor, NULL AS currency, NULL AS promised_date, NULL AS promise_status, NULL AS dispute_reason,
      NULL AS dispute_status, n.created_by AS user_id`,
    // An edited note is exported once, in its current wording; note.history keeps the earlier versions.
    extra: () => ['n.is_current = 1'],
  },
  promise: {
    table: 'promises',
    alias: 'p',
    time: 'p.created_at',
    select: `'promise' AS type, p.created_at AS at, p.id, 2 AS kind_order, NULL AS channel, NULL AS direction, NULL AS outcome, NULL AS contact_person_id,
      p.note AS text, p.amount_minor, p.currency, p.promised_date, p.status AS promise_status, NULL AS dispute_reason,
      NULL AS dispute_status, p.created_by AS user_id`,
    extra: () => [],
  },
  dispute: {
    table: 'disputes',
    alias: 'd',
    time: 'd.created_at',
    select: `'dispute' AS type, d.created_at AS at, d.id, 3 AS kind_order, NULL AS channel, NULL AS direction, NULL AS outcome, NULL AS contact_person_id,
      d.description AS text, d.disputed_minor AS amount_minor, d.currency, NULL AS promised_date, NULL AS promise_status,
      d.reason_code AS dispute_reason, d.status AS dispute_status, d.created_by AS user_id`,
    extra: () => [],
  },
};

const selectedTypes = (filter: NotesFilter): readonly ReportEntryType[] => filter.types ?? REPORT_ENTRY_TYPES;

/** Conditions of one branch; `customer` is the condition on its customer_id column (or null for all). */
function conditions(branch: Branch, filter: NotesFilter, customer: ((column: string) => string) | null): string {
  const parts = [
    ...(customer ? [customer(`${branch.alias}.customer_id`)] : []),
    // Timestamps are ISO strings in UTC, so string order is time order and a date is a prefix.
    ...(filter.from !== undefined ? [`${branch.time} >= @from`] : []),
    ...(filter.to !== undefined ? [`${branch.time} < @toExclusive`] : []),
    ...branch.extra(filter),
  ];
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}

function filterParams(filter: NotesFilter): Params {
  const params: Params = {};
  if (filter.from !== undefined) params.from = filter.from;
  if (filter.to !== undefined) params.toExclusive = addDays(filter.to, 1);
  if (filter.channels) params.channels = JSON.stringify(filter.channels);
  if (filter.outcomes) params.outcomes = JSON.stringify(filter.outcomes);
  return params;
}

const byCustomer = (column: string) => `${column} = @customer`;
const inCustomers = (column: string) => `${column} IN (SELECT value FROM json_each(@customers))`;

/** How many rows the export will have and for how many customers; `customerIds` null means every customer. */
export function countNotes(sqlite: ReadDb, filter: NotesFilter, customerIds: readonly string[] | null): { count: number; customers: number } {
  if (customerIds?.length === 0) return { count: 0, customers: 0 };
  const union = selectedTypes(filter)
    .map((type) => {
      const branch = BRANCHES[type];
      return `SELECT ${branch.alias}.customer_id FROM ${branch.table} ${branch.alias} ${conditions(branch, filter, customerIds ? inCustomers : null)}`;
    })
    .join(' UNION ALL ');
  const params = filterParams(filter);
  if (customerIds) params.customers = JSON.stringify(customerIds);
  const row = prepared<[Params], { n: number; customers: number }>(sqlite, `SELECT count(*) AS n, count(DISTINCT customer_id) AS customers FROM (${union})`).get(params);
  return { count: row?.n ?? 0, customers: row?.customers ?? 0 };
}

/**
 * Names of users and contact persons by id, loaded once per export: joining them into every row
 * costs two index lookups a row, about half the time of reading 200,000 contacts. A person added
 * while the export runs is looked up on its own.
 */
function nameLookup(sqlite: ReadDb, table: 'users' | 'contact_persons', column: 'display_name' | 'name'): (id: string | null) => string | null {
  const names = new Map(prepared<[], { id: string; name: string }>(sqlite, `SELECT id, ${column} AS name FROM ${table}`).all().map((row) => [row.id, row.name]));
  const one = prepared<[string], { name: string }>(sqlite, `SELECT ${column} AS name FROM ${table} WHERE id = ?`);
  return (id) => {
    if (id === null) return null;
    let name = names.get(id);
    if (name === undefined) {
      name = one.get(id)?.name;
      if (name !== undefined) names.set(id, name);
    }
    return name ?? null;
  };
}

/** One customer's entries in date order (ties: contact, note, promise, dispute). Hold the iterator only synchronously. */
export function customerNotes(sqlite: ReadDb, filter: NotesFilter): (customerId: string) => Iterable<NoteEntry> {
  const union = selectedTypes(filter)
    .map((type) => {
      const branch = BRANCHES[type];
      return `SELECT ${branch.select} FROM ${branch.table} ${branch.alias} ${conditions(branch, filter, byCustomer)}`;
    })
    .join(' UNION ALL ');
  const statement = prepared<[Params], EntryRow>(sqlite, `SELECT * FROM (${union}) ORDER BY at, kind_order, id`);
  const params = filterParams(filter);
  const userName = nameLookup(sqlite, 'users', 'display_name');
  const contactName = nameLookup(sqlite, 'contact_persons', 'name');
  return function* (customerId) {
    for (const row of statement.iterate({ ...params, customer: customerId })) {
      yield {
        type: row.type,
        at: row.at,
        channel: row.channel,
        direction: row.direction,
        outcome: row.outcome,
        contactPerson: contactName(row.contact_person_id),
        text: row.text,
        amountMinor: row.amount_minor,
        currency: row.currency,
        promisedDate: row.promised_date,
        promiseStatus: row.promise_status,
        disputeReason: row.dispute_reason,
        disputeStatus: row.dispute_status,
        user: userName(row.user_id),
      };
    }
  };
}
