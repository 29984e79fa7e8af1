/**
 * Writes a validated batch in entity order inside the caller's transaction: customers first,
 * then what refers to them by ERP key. A reference that resolves neither to a row of this
 * import nor to a stored row is a rejection of the referring row, never a half-linked row.
 */
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { demoteReplacedPrimaries, laterPrimaries } from './primary-contacts';
import { rowsByKey, upsertByKey, type ImportTable, type UpsertRow } from './upsert';
import { IMPORT_ENTITIES, type EntityCounts, type ImportEntity, type Located, type RecordBatch, type Rejection } from './types';
import type { Validated } from './validate';

export type AppliedCounts = Record<ImportEntity, EntityCounts>;

export const zeroCounts = (): AppliedCounts =>
  Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, { inserted: 0, updated: 0, unchanged: 0 }])) as unknown as AppliedCounts;

interface Target {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
}

/** Resolves ERP keys of one referenced table: this import's rows first, then the stored ones. */
class References {
  private readonly known = new Map<string, Target>();

  /** `rejected` is the import's own set, shared by every part of a source read in parts. */
  constructor(
    private readonly table: ImportTable,
    private readonly what: string,
    private readonly rejected: Set<string>,
  ) {}

  /** A row of this import that was rejected after validation (unresolved reference, taken number). */
  markRejected(key: string): void {
    this.rejected.add(key);
  }

  remember(key: string, target: Target): void {
    this.known.set(key, target);
  }

  async load(trx: Kysely<ServerDatabase>, keys: readonly string[]): Promise<void> {
    const missing = keys.filter((key) => !this.known.has(key));
    if (missing.length === 0) return;
    const columns = this.table === 'customers' ? ['id', 'currency'] : ['customer_id', 'currency'];
    for (const [key, row] of await rowsByKey(trx, this.table, missing, columns)) {
      const id = String(row['id']);
      this.known.set(key, { id, customerId: this.table === 'customers' ? id : String(row['customer_id']), currency: String(row['currency']) });
    }
  }

  get(key: string): Target | string {
    const target = this.known.get(key);
    if (target !== undefined) return target;
    return this.rejected.has(key) ? `${this.what} "${key}" was rejected in this import` : `no ${this.what} with ERP key "${key}"`;
  }
}

export interface ApplyResult {
  readonly counts: AppliedCounts;
  readonly rejected: readonly Rejection[];
  /** The customers whose payments or clearings were inserted or changed: their promises are judged again. */
  readonly moneyMovedFor: readonly string[];
}

/** The primary contact person each customer got earlier in this import (and its line), carried from one part of a source to the next. */
export interface ImportedPrimaries {
  readonly first: Map<string, UpsertRow>;
  readonly lines: Map<string, number>;
}

export const noPrimariesYet = (): ImportedPrimaries => ({ first: new Map(), lines: new Map() });

export async function applyBatch(trx: Kysely<ServerDatabase>, validated: Validated, now: string, primaries: ImportedPrimaries = noPrimariesYet()): Promise<ApplyResult> {
  const { batch, rejectedKeys } = validated;
  const counts = zeroCounts();
  const rejected: Rejection[] = [];
  const customers = new References('customers', 'customer', rejectedKeys.customers);
  const items = new References('open_items', 'open item', rejectedKeys.openItems);
  const payments = new References('payments', 'payment', rejectedKeys.payments);

  const reject = (entity: ImportEntity, located: Located<unknown>, field: string, value: string, reason: string): void => {
    rejected.push({ entity, line: located.line, column: located.columns[field] ?? field, value, reason });
  };

  const customerRows = await uniqueNumbers(trx, batch.customers, (located, reason) => {
    customers.markRejected(located.record.key);
    reject('customers', located, 'number', located.record.number, reason);
  });
  const customerResult = await upsertByKey(
    trx,
    'customers',
    customerRows.map(({ record }) => ({
      key: record.key,
      customerId: null,
      values: {
        number: record.number,
        name: record.name,
        country: record.country,
        currency: record.currency,
        payment_terms: record.paymentTerms,
        payment_terms_days: record.paymentTermsDays,
        credit_limit_minor: record.creditLimitMinor,
        credit_hold: record.creditHold,
        risk_class: record.riskClass,
        erp_country_code: record.erpCountryCode,
        language: record.language,
      },
    })),
    now,
  );
  counts.customers = customerResult.counts;
  for (const { record } of customerRows) {
    const id = customerResult.ids.get(record.key);
    if (id !== undefined) customers.remember(record.key, { id, customerId: id, currency: record.currency });
  }

  /** Rows of an entity owned by a customer: resolve the customer key, reject the unresolved. */
  const owned = async <E extends 'contactPersons' | 'openItems' | 'payments'>(
    entity: E,
    toValues: (record: RecordBatch[E][number]['record'], customerId: string) => UpsertRow['values'],
    referencedAs?: References,
  ): Promise<UpsertRow[]> => {
    const list: RecordBatch[E][number][] = batch[entity];
    await customers.load(trx, list.map(({ record }) => record.customerKey));
    const rows: UpsertRow[] = [];
    for (const located of list) {
      const target = customers.get(located.record.customerKey);
      if (typeof target === 'string') {
        reject(entity, located, 'customerKey', located.record.customerKey, target);
        referencedAs?.markRejected(located.record.key);
      } else rows.push({ key: located.record.key, customerId: target.id, values: toValues(located.record, target.id) });
    }
    return rows;
  };

  const persons = await owned('contactPersons', (record, customerId) => ({
    customer_id: customerId,
    name: record.name,
    role: record.role,
    phone: record.phone,
    email: record.email,
    preferred_channel: record.preferredChannel,
    language: record.language,
    is_primary: record.isPrimary,
  }));
  const personLine = new Map(batch.contactPersons.map((located) => [located.record.key, located]));
  const refusedPrimaries = new Set<UpsertRow>();
  for (const { row, first } of laterPrimaries(persons, primaries.first)) {
    refusedPrimaries.add(row);
    const located = personLine.get(row.key);
    const firstLine = personLine.get(first.key)?.line ?? primaries.lines.get(first.key);
    if (located !== undefined) reject('contactPersons', located, 'isPrimary', 'true', `another row names this customer's primary contact person ("${first.key}"${firstLine === undefined ? '' : `, line ${String(firstLine)}`}): a customer has one`);
  }
  const personRows = persons.filter((row) => !refusedPrimaries.has(row));
  for (const row of primaries.first.values()) {
    const line = personLine.get(row.key)?.line;
    if (line !== undefined && !primaries.lines.has(row.key)) primaries.lines.set(row.key, line);
  }
  await demoteReplacedPrimaries(trx, personRows, now);
  counts.contactPersons = (await upsertByKey(trx, 'contact_persons', personRows, now)).counts;

  const itemRows = await owned(
    'openItems',
    (record, customerId) => ({
      customer_id: customerId,
      kind: record.kind,
      document_number: record.documentNumber,
      reference: record.reference,
      document_date: record.documentDate,
      due_date: record.dueDate,
      currency: record.currency,
      original_minor: record.originalMinor,
      open_minor: record.openMinor,
      disputed_minor: record.disputedMinor,
      erp_disputed: record.disputed,
      dunning_level: record.dunningLevel,
      cleared_at: record.clearedOn,
    }),
    items,
  );
  const itemResult = await upsertByKey(trx, 'open_items', itemRows, now);
  counts.openItems = itemResult.counts;
  rememberAll(items, itemRows, itemResult.ids);

  const paymentRows = await owned(
    'payments',
    (record, customerId) => ({
      customer_id: customerId,
      amount_minor: record.amountMinor,
      currency: record.currency,
      value_date: record.valueDate,
      method: record.method,
      reference: record.reference,
    }),
    payments,
  );
  const paymentResult = await upsertByKey(trx, 'payments', paymentRows, now);
  counts.payments = paymentResult.counts;
  rememberAll(payments, paymentRows, paymentResult.ids);

  await items.load(trx, batch.clearings.map(({ record }) => record.itemKey));
  await payments.load(trx, batch.clearings.flatMap(({ record }) => (record.paymentKey === null ? [] : [record.paymentKey])));
  const clearingRows: UpsertRow[] = [];
  for (const located of batch.clearings) {
    const { record } = located;
    const item = items.get(record.itemKey);
    if (typeof item === 'string') {
      reject('clearings', located, 'itemKey', record.itemKey, item);
      continue;
    }
    if (item.currency !== record.currency) {
      reject('clearings', located, 'currency', record.currency, `the open item "${record.itemKey}" is in ${item.currency}`);
      continue;
    }
    let paymentId: string | null = null;
    if (record.paymentKey !== null) {
      const payment = payments.get(record.paymentKey);
      if (typeof payment === 'string') {
        reject('clearings', located, 'paymentKey', record.paymentKey, payment);
        continue;
      }
      if (payment.customerId !== item.customerId) {
        reject('clearings', located, 'paymentKey', record.paymentKey, `the payment belongs to another customer than the open item "${record.itemKey}"`);
        continue;
      }
      paymentId = payment.id;
    }
    clearingRows.push({
      key: record.key,
      customerId: item.customerId,
      values: { customer_id: item.customerId, open_item_id: item.id, payment_id: paymentId, amount_minor: record.amountMinor, currency: record.currency, cleared_on: record.clearedOn },
    });
  }
  const clearingResult = await upsertByKey(trx, 'clearings', clearingRows, now);
  counts.clearings = clearingResult.counts;
  return { counts, rejected, moneyMovedFor: [...new Set([...paymentResult.touchedCustomers, ...clearingResult.touchedCustomers])].sort() };
}

function rememberAll(references: References, rows: readonly UpsertRow[], ids: ReadonlyMap<string, string>): void {
  for (const row of rows) {
    const id = ids.get(row.key);
    const currency = row.values['currency'];
    if (id !== undefined && row.customerId !== null && typeof currency === 'string') references.remember(row.key, { id, customerId: row.customerId, currency });
  }
}

/**
 * Customer numbers are unique too: a number used by another ERP key (stored, or earlier in
 * this import) would fail the whole transaction at the database, so it is a row rejection here.
 */
async function uniqueNumbers(
  trx: Kysely<ServerDatabase>,
  list: RecordBatch['customers'],
  reject: (located: RecordBatch['customers'][number], reason: string) => void,
): Promise<RecordBatch['customers']> {
  const owners = new Map<string, string>();
  const numbers = [...new Set(list.map(({ record }) => record.number))];
  for (let start = 0; start < numbers.length; start += 2000) {
    const rows = await trx.selectFrom('customers').select(['number', 'erp_key']).where('number', 'in', numbers.slice(start, start + 2000)).execute();
    for (const row of rows) owners.set(row.number, row.erp_key);
  }
  const kept: RecordBatch['customers'] = [];
  for (const located of list) {
    const owner = owners.get(located.record.number);
    if (owner !== undefined && owner !== located.record.key) {
      reject(located, `customer number "${located.record.number}" belongs to ERP key "${owner}"`);
      continue;
    }
    owners.set(located.record.number, located.record.key);
    kept.push(located);
  }
  return kept;
}
