/**
 * Reads are total (issue 24): a store may hold whatever an older client, an import or a bug wrote,
 * as long as SQLite accepted it. Starting from a small book, the property writes extreme but
 * storable values straight into the rows every read path uses, then asks every read screen for
 * its answer: each must be ok, however odd the rows behind it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { OperationName } from '../../../shared/api/contract';
import {
  CHANNELS,
  DISPUTE_STATUSES,
  ESCALATION_KINDS,
  ESCALATION_STATUSES,
  FOLLOW_UP_STATUSES,
  OUTCOMES,
  OVERRIDE_KINDS,
  PROMISE_STATUSES,
  RISK_CLASSES,
} from '../../../shared/domain/codes';
import { dispatch } from '../../../shared/api/dispatch';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { exportJobsOf } from '../../../db/reports/export-jobs';
import { refreshAllSummariesSync } from '../../../db/summary/refresh';
import { addActivity, addContactPerson, addCustomer, addDispute, addFollowUp, addItem, addNote, addPromise, addUser, insertRow, T0 } from '../../support/builders';
import { createTestApi, TEST_AS_OF, type TestApi } from '../../support/test-api';

/** Kept small: every run builds a store and reads every screen. */
const NUM_RUNS = Number(process.env.READ_TOTALITY_RUNS ?? 20);

const LONG = 'x'.repeat(5_200);
const UNSAFE = 'A\u0000B\u0007\u001b[31m\u202Eevil\u2066\u200B\r\n\t"=cmd|\' /C calc\'!A0';

/** Values a DATE column (GLOB ####-##-##) accepts, real calendar dates or not. */
const DATES = ['9999-12-31', '0000-01-01', '2026-11-23', '2026-11-24', '1900-01-01', '2099-12-31', '2026-02-28', '2026-02-31', '2026-19-39', '0000-00-00'];
/** A timestamp column is free text: the ends of the ISO range, and text that is no instant at all. */
const TIMES = ['9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z', '2026-11-23T09:00:00.000Z', '2026-11-23T23:59:59.999Z', '1970-01-01T00:00:00.000Z', 'yesterday', '', '2026-11-23', '2026-11-23 09:00:00', '2026-02-31T09:00:00Z'];
const INTS = [0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31), 999_999_999_999];
const TEXTS = ['', ' ', LONG, UNSAFE, '\u202E\u2067', '☃️👩‍👩‍👧', 'zz', 'XXX', '???', '%_\\'];
/** Codes no rate table knows, and storable codes (three characters, none lower case) that are no ISO code at all. */
const CURRENCIES = ['XXX', 'ZZZ', 'EUR', 'USD', '???', '1A2', 'É$€'];

type Kind = 'date' | 'time' | 'int' | 'text' | 'currency' | readonly string[];
type Columns = Readonly<Record<string, Kind>>;

/** Every table a read path touches, and the columns a bad writer could have filled. */
const TABLES: Readonly<Record<string, Columns>> = {
  customers: {
    name: 'text', number: 'text', country: 'text', currency: 'currency', payment_terms: 'text',
    payment_terms_days: 'int', credit_limit_minor: 'int', risk_class: RISK_CLASSES, updated_at: 'time',
  },
  contact_persons: { name: 'text', role: 'text', phone: 'text', email: 'text', created_at: 'time', updated_at: 'time', preferred_channel: CHANNELS },
  open_items: {
    document_number: 'text', reference: 'text', document_date: 'date', due_date: 'date', currency: 'currency',
    original_minor: 'int', open_minor: 'int', disputed_minor: 'int', dunning_level: 'int', cleared_at: 'date', updated_at: 'time',
  },
  payments: { amount_minor: 'int', currency: 'currency', value_date: 'date', reference: 'text', updated_at: 'time' },
  clearings: { amount_minor: 'int', currency: 'currency', cleared_on: 'date' },
  activities: { note: 'text', duration_seconds: 'int', follow_up_date: 'date', occurred_at: 'time', created_at: 'time', outcome: OUTCOMES, channel: CHANNELS },
  promises: {
    amount_minor: 'int', currency: 'currency', promised_date: 'date', note: 'text', status: PROMISE_STATUSES, level: 'int',
    paid_minor: 'int', evaluated_on: 'date', made_on: 'date', created_at: 'time', updated_at: 'time',
  },
  disputes: {
    description: 'text', status: DISPUTE_STATUSES, owner: 'text', due_date: 'date', currency: 'currency', disputed_minor: 'int',
    created_at: 'time', updated_at: 'time', resolved_at: 'time', closed_at: 'time',
  },
  dispute_items: { disputed_minor: 'int' },
  dispute_events: { comment: 'text', at: 'time' },
  notes: { body: 'text', version: 'int', created_at: 'time' },
  follow_ups: { due_date: 'date', title: 'text', status: FOLLOW_UP_STATUSES, created_at: 'time', done_at: 'time' },
  escalations: {
    kind: ESCALATION_KINDS, amount_minor: 'int', currency: ['XXX', 'eur', 'EUR'], reason: 'text', status: ESCALATION_STATUSES,
    requested_at: 'time', decided_at: 'time', decision_comment: 'text',
  },
  worklist_overrides: { kind: OVERRIDE_KINDS, reason: 'text', expires_at: 'time', created_at: 'time', cleared_at: 'time' },
  users: { display_name: 'text', email: 'text', created_at: 'time' },
  customer_summary: {
    as_of: 'date', currency: 'currency', open_minor: 'int', overdue_minor: 'int', overdue_base_minor: 'int', disputed_minor: 'int',
    collectible_minor: 'int', aging_json: 'text', overdue_bucket_keys: 'text', oldest_days_past_due: 'int', next_promise_date: 'date',
    next_follow_up_date: 'date', next_action_date: 'date', last_contact_at: 'time', broken_promises: 'int', open_disputes: 'int',
    credit_used_minor: 'int', override_kind: 'text', override_reason: 'text', override_expires_at: 'time', score: 'int',
    factors_json: 'text', updated_at: 'time', paid_invoices: 'int', avg_days_late: 'int', share_late: 'int',
  },
};

const valuesOf = (kind: Kind): readonly (string | number)[] => {
  if (typeof kind !== 'string') return kind;
  switch (kind) {
    case 'date': return DATES;
    case 'time': return TIMES;
    case 'int': return INTS;
    case 'text': return TEXTS;
    case 'currency': return CURRENCIES;
  }
};

interface Mutation {
  readonly table: string;
  readonly column: string;
  readonly value: string | number | null;
  /** Which row of the table, modulo its row count; null: every row (so sums over many spoilt rows are tried too). */
  readonly row: number | null;
}

const mutationArb: fc.Arbitrary<Mutation> = fc
  .constantFrom(...Object.keys(TABLES))
  .chain((table) => fc.constantFrom(...Object.entries(TABLES[table] ?? {})).map(([column, kind]) => ({ table, column, kind })))
  .chain(({ table, column, kind }) =>
    fc.record({
      table: fc.constant(table),
      column: fc.constant(column),
      value: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...valuesOf(kind)) }, { weight: 1, arbitrary: fc.constant(null) }),
      row: fc.option(fc.nat(50), { freq: 6 }),
    }),
  );

/** Writes as a bug would; a value SQLite refuses (type, NOT NULL, CHECK, UNIQUE) was never storable, so it is skipped. */
function apply(sqlite: BetterSqlite3.Database, mutation: Mutation): void {
  // dispute_items has no rowid (WITHOUT ROWID); its key is the pair.
  const key = mutation.table === 'dispute_items' ? "dispute_id || ' ' || open_item_id" : 'rowid';
  const keys = sqlite.prepare(`SELECT ${key} AS k FROM ${mutation.table} ORDER BY 1`).pluck().all() as (string | number)[];
  if (keys.length === 0) return;
  const targets = mutation.row === null ? keys : [keys[mutation.row % keys.length]];
  const update = sqlite.prepare(`UPDATE ${mutation.table} SET ${mutation.column} = ? WHERE ${key} = ?`);
  for (const target of targets) {
    try {
      update.run(mutation.value, target);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT'))) throw error;
    }
  }
}

interface Book {
  readonly api: TestApi;
  readonly leadId: string;
  readonly collectorId: string;
  readonly customerIds: readonly string[];
  readonly noteIds: readonly string[];
}

/** A lead's store: the local profile leads team north; two collectors with three customers that have a bit of everything. */
async function createBook(): Promise<Book> {
  const api = await createTestApi();
  const { sqlite } = api.store;
  const leadId = addUser(sqlite, { display_name: 'Lena Lead', role: 'team_lead', team_id: 'north', is_local_profile: 1 }).id;
  const collectorId = addUser(sqlite, { display_name: 'Ann', role: 'collector', team_id: 'north' }).id;
  const otherId = addUser(sqlite, { display_name: 'Bob', role: 'collector', team_id: 'north' }).id;
  const customerIds: string[] = [];
  const noteIds: string[] = [];
  for (const [index, owner] of [collectorId, collectorId, otherId].entries()) {
    const customerId = addCustomer(sqlite, { collector_id: owner, name: `Customer ${index}`, credit_limit_minor: 100_000 }).id;
    customerIds.push(customerId);
    const contact = addContactPerson(sqlite, customerId, { is_primary: 1, phone: '+49 30 1234', email: 'ap@example.com' }).id;
    const invoice = addItem(sqlite, customerId, { open_minor: 50_000, due_date: '2026-10-15', reference: 'PO-1' }).id;
    const second = addItem(sqlite, customerId, { open_minor: 20_000, due_date: '2026-12-15', currency: index === 1 ? 'USD' : 'EUR' }).id;
    addItem(sqlite, customerId, { kind: 'credit_memo', open_minor: -5_000, original_minor: -5_000, due_date: '2026-11-01' });
    const paid = addItem(sqlite, customerId, { original_minor: 8_000, open_minor: 0, due_date: '2026-10-01', cleared_at: '2026-10-20' }).id;
    const payment = insertRow(sqlite, 'payments', {
      id: uuidv7(), erp_key: `PAY-${uuidv7()}`, customer_id: customerId, amount_minor: 8_000, currency: 'EUR',
      value_date: '2026-10-20', method: 'bank_transfer', reference: null, updated_at: T0,
    }).id;
    insertRow(sqlite, 'clearings', { id: uuidv7(), payment_id: payment, open_item_id: paid, amount_minor: 8_000, currency: 'EUR', cleared_on: '2026-10-20' });
    const activity = addActivity(sqlite, customerId, { contact_person_id: contact, outcome: 'promise_to_pay', note: 'will pay', user_id: owner, follow_up_date: '2026-11-25' }).id;
    const promise = addPromise(sqlite, customerId, { activity_id: activity, promised_date: '2026-11-24', created_by: owner }).id;
    insertRow(sqlite, 'promise_items', { promise_id: promise, open_item_id: invoice });
    addPromise(sqlite, customerId, { status: 'broken', promised_date: '2026-11-01', evaluated_on: '2026-11-05' });
    const dispute = addDispute(sqlite, customerId, { disputed_minor: 10_000, due_date: '2026-11-24', created_by: owner }).id;
    insertRow(sqlite, 'dispute_items', { dispute_id: dispute, open_item_id: second, disputed_minor: 10_000 });
    insertRow(sqlite, 'dispute_events', { id: uuidv7(), dispute_id: dispute, from_status: null, to_status: 'new', comment: 'opened', user_id: owner, at: T0 });
    noteIds.push(addNote(sqlite, customerId, 'A note', { open_item_id: invoice, created_by: owner }).id);
    addFollowUp(sqlite, customerId, { open_item_id: invoice, activity_id: activity, assigned_to: leadId, due_date: '2026-11-23' });
    addFollowUp(sqlite, customerId, { assigned_to: owner, due_date: '2026-11-30' });
    insertRow(sqlite, 'escalations', {
      id: uuidv7(), customer_id: customerId, kind: 'write_off', amount_minor: 5_000, currency: 'EUR', reason: 'please',
      status: 'requested', requested_by: owner, requested_at: '2026-11-20T10:00:00.000Z', decided_by: null, decided_at: null, decision_comment: null,
    });
    insertRow(sqlite, 'worklist_overrides', {
      id: uuidv7(), customer_id: customerId, kind: index === 0 ? 'pin' : 'snooze', reason: 'why', expires_at: '2026-12-01T00:00:00.000Z',
      created_by: owner, created_at: T0, cleared_at: null,
    });
  }
  // Summaries of the untouched book, so summary rows exist for the property to spoil too.
  await api.call('worklist.query', {});
  return { api, leadId, collectorId, customerIds, noteIds };
}

type Read = readonly [OperationName, unknown];

function readsOf(book: Book): Read[] {
  const perCustomer = book.customerIds.flatMap((customerId): Read[] => [
    ['customer.account', { customerId }],
    ['customer.work', { customerId }],
    ['customer.timeline', { customerId }],
    ['customer.timeline', { customerId, types: ['promise', 'dispute'], limit: 5 }],
    ['contact.defaults', { customerId }],
  ]);
  const sorts = (['score', 'name', 'number', 'overdue', 'open', 'oldestDays', 'nextAction', 'lastContact'] as const).flatMap((by): Read[] =>
    (['asc', 'desc'] as const).map((dir): Read => ['worklist.query', { sort: { by, dir } }]),
  );
  return [
    ...sorts,
    ['worklist.query', { filters: { hasBrokenPromise: true, hasDispute: true } }],
    ['worklist.query', { filters: { followUpDue: true, promiseDueSoon: true } }],
    ['worklist.query', { filters: { buckets: ['1-30', '91+'], currencies: ['EUR', 'XXX'], riskClasses: ['low'] } }],
    ['worklist.query', { filters: { collectorIds: [book.collectorId] }, search: 'Customer' }],
    ['worklist.query', { search: 'x', offset: 1, limit: 2 }],
    ['worklist.facets', {}],
    ...perCustomer,
    ...book.noteIds.map((noteId): Read => ['note.history', { noteId }]),
    ['followUps.mine', {}],
    ['search.global', { q: 'Customer' }],
    ['search.global', { q: 'x' }],
    ['search.global', { q: 'INV' }],
    ['users.list', {}],
    ['team.load', {}],
    ['team.escalations', {}],
    ['kpi.dashboard', { month: '2026-10' }],
    ['kpi.dashboard', { month: '2026-11', collectorId: book.collectorId }],
    ['kpi.dashboard', { month: '2026-11', currency: 'USD' }],
    ['kpi.forecast', {}],
    ['kpi.forecast', { collectorId: book.collectorId }],
    ['report.notesCount', {}],
    ['report.notesCount', { from: '2026-11-01', to: '2026-11-30', types: ['contact', 'note'] }],
    ['report.aging', {}],
    ['report.aging', { asOf: '2026-10-31', scope: { kind: 'collectors', collectorIds: [book.collectorId] } }],
    ['report.aging', { scope: { kind: 'worklist', filters: { hasDispute: true } } }],
  ];
}

const EXPORTS: readonly unknown[] = [
  { kind: 'notes', format: 'csv' },
  { kind: 'aging', format: 'csv' },
  { kind: 'notes', format: 'xlsx' },
];

async function expectAllReadsOk(book: Book): Promise<void> {
  const handlers = createHandlers(book.api.ctx);
  for (const [operation, input] of readsOf(book)) {
    let cause: unknown = null;
    const result = await dispatch(handlers, operation, input, { validateOutput: true, onUnexpectedError: (_name, error) => (cause = error) });
    if (!result.ok) {
      // The contract's own message is generic; the cause (a zod issue list or the thrown error) says which row broke it.
      const detail = cause instanceof Error ? cause.message : JSON.stringify(cause);
      throw new Error(`${operation} ${JSON.stringify(input)} failed: ${JSON.stringify(result.error)}: ${detail.slice(0, 1_500)}`);
    }
  }
}

async function expectExportsDone(book: Book): Promise<void> {
  const jobs = exportJobsOf(book.api.store, () => book.api.clock.now().toISOString());
  const inputs = [...EXPORTS, { kind: 'statement', format: 'pdf', filter: { customerId: book.customerIds[0] } }];
  for (const input of inputs) {
    const { jobId } = await book.api.call('report.exportStart', input);
    const status = await jobs.settled(jobId);
    expect(status, JSON.stringify(input)).toMatchObject({ state: 'done', error: null });
  }
}

describe('reads are total', () => {
  it('every read screen answers ok whatever storable values the rows hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 5, maxLength: 40 }), fc.boolean(), async (mutations, recompute) => {
        const book = await createBook();
        try {
          const { sqlite } = book.api.store;
          for (const mutation of mutations) apply(sqlite, mutation);
          // Summaries are computed on writes too: recomputing them from the spoilt rows must not throw either.
          if (recompute) expect(() => refreshAllSummariesSync(sqlite, TEST_AS_OF)).not.toThrow();
          await expectAllReadsOk(book);
        } finally {
          await book.api.cleanup();
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, 60_000);

  it('exports finish whatever storable values the rows hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 5, maxLength: 40 }), async (mutations) => {
        const book = await createBook();
        try {
          for (const mutation of mutations) apply(book.api.store.sqlite, mutation);
          await expectExportsDone(book);
        } finally {
          await book.api.cleanup();
        }
      }),
      { numRuns: Math.max(3, Math.floor(NUM_RUNS / 3)) },
    );
  }, 60_000);
});
