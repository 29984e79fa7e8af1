/**
 * Amounts are stored at ISO 4217 precision (shared/domain/iso4217.ts) instead of the runtime's locale
 * digits: the synced tables' amounts in the currencies whose precision changed are multiplied
 * (shared/sync/iso-digits-rescale.ts, the same statements as server migration 011), and so are the
 * amounts of queued and rejected mutations, which the push sends with protocol 3. The summaries are
 * recomputed on the next read.
 */
import { sql, type Kysely } from 'kysely';
import { ISO_DIGITS_FACTORS, isoDigitsRescaleStatements } from '../../shared/sync/iso-digits-rescale';

/** Where a queued mutation's amounts take their currency from when its args do not name one. */
interface CurrencyLookup {
  readonly ofItem: (itemId: string) => string | undefined;
  readonly ofCustomer: (customerId: string) => string | undefined;
}

type Args = Record<string, unknown>;

const isArgs = (value: unknown): value is Args => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const factorOf = (currency: string | undefined): number | undefined => (currency === undefined ? undefined : ISO_DIGITS_FACTORS[currency]);

function scaleField(holder: Args, field: string, factor: number): void {
  const value = holder[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return;
  const scaled = value * factor;
  // Held at the safe bound as the tables' amounts are: far above anything owed, so the push is refused and shown.
  holder[field] = Number.isSafeInteger(scaled) ? scaled : Math.sign(value) * Number.MAX_SAFE_INTEGER;
}

function firstItemCurrency(itemIds: unknown, lookup: CurrencyLookup): string | undefined {
  const first: unknown = Array.isArray(itemIds) ? itemIds[0] : undefined;
  return typeof first === 'string' ? lookup.ofItem(first) : undefined;
}

/** Promise and plan terms: the named currency, else the items', else the customer's (as shared/mutations/promises.ts decided then). */
function scaleTerms(terms: Args, customerId: string | undefined, lookup: CurrencyLookup): void {
  const customerCurrency = customerId === undefined ? undefined : lookup.ofCustomer(customerId);
  const factor = factorOf(text(terms.currency) ?? firstItemCurrency(terms.itemIds, lookup) ?? customerCurrency);
  if (factor === undefined) return;
  scaleField(terms, 'amountMinor', factor);
  scaleField(terms, 'totalMinor', factor);
  if (!Array.isArray(terms.instalments)) return;
  for (const instalment of terms.instalments) if (isArgs(instalment)) scaleField(instalment, 'amountMinor', factor);
}

/** Dispute terms: the disputed items' currency. */
function scaleDispute(terms: Args, lookup: CurrencyLookup): void {
  if (!Array.isArray(terms.items)) return;
  const first: unknown = terms.items[0];
  const factor = factorOf(isArgs(first) ? firstItemCurrency([first.itemId], lookup) : undefined);
  if (factor === undefined) return;
  for (const item of terms.items) if (isArgs(item)) scaleField(item, 'disputedMinor', factor);
}

/**
 * A queued mutation's args at ISO precision: the amounts of every mutation that carried any at the
 * time (promise.create, promise.plan, dispute.create, escalation.request, and contact.log's promise,
 * plan and dispute). Args it cannot read are returned as they were, for the push to judge.
 */
export function rescaleQueuedArgs(name: string, argsJson: string, lookup: CurrencyLookup): string {
  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch {
    return argsJson;
  }
  if (!isArgs(args)) return argsJson;
  const customerId = text(args.customerId);
  switch (name) {
    case 'promise.create':
    case 'promise.plan':
      scaleTerms(args, customerId, lookup);
      break;
    case 'dispute.create':
      scaleDispute(args, lookup);
      break;
    case 'escalation.request': {
      const factor = factorOf(text(args.currency) ?? (customerId === undefined ? undefined : lookup.ofCustomer(customerId)));
      if (factor !== undefined) scaleField(args, 'amountMinor', factor);
      break;
    }
    case 'contact.log':
      if (isArgs(args.promise)) scaleTerms(args.promise, customerId, lookup);
      if (isArgs(args.plan)) scaleTerms(args.plan, customerId, lookup);
      if (isArgs(args.dispute)) scaleDispute(args.dispute, lookup);
      break;
    default:
      return argsJson;
  }
  return JSON.stringify(args);
}

interface QueuedRow {
  readonly row_key: string | number;
  readonly name: string;
  readonly args_json: string;
}

async function currencyLookup(db: Kysely<unknown>): Promise<CurrencyLookup> {
  const items = await sql<{ id: string; currency: string }>`SELECT id, currency FROM open_items`.execute(db);
  const customers = await sql<{ id: string; currency: string }>`SELECT id, currency FROM customers`.execute(db);
  const itemCurrency = new Map(items.rows.map((row) => [row.id, row.currency]));
  const customerCurrency = new Map(customers.rows.map((row) => [row.id, row.currency]));
  return { ofItem: (id) => itemCurrency.get(id), ofCustomer: (id) => customerCurrency.get(id) };
}

async function rescaleQueue(db: Kysely<unknown>, table: 'outbox' | 'sync_issues', key: 'seq' | 'id', lookup: CurrencyLookup): Promise<void> {
  const rows = await sql<QueuedRow>`SELECT ${sql.ref(key)} AS row_key, name, args_json FROM ${sql.table(table)}`.execute(db);
  for (const row of rows.rows) {
    const rescaled = rescaleQueuedArgs(row.name, row.args_json, lookup);
    if (rescaled !== row.args_json) await sql`UPDATE ${sql.table(table)} SET args_json = ${rescaled} WHERE ${sql.ref(key)} = ${row.row_key}`.execute(db);
  }
}

/** Set in the same transaction as the data move, so a move cut short is rolled back and one that completed is never repeated. */
const DONE_KEY = 'iso_currency_digits_rescaled';

async function rescale(db: Kysely<unknown>): Promise<void> {
  const done = await sql`SELECT 1 AS done FROM sync_state WHERE key = ${DONE_KEY}`.execute(db);
  if (done.rows.length > 0) return;
  // The queued args are read against the currencies, which the statements below leave unchanged.
  const lookup = await currencyLookup(db);
  for (const statement of isoDigitsRescaleStatements()) await sql.raw(statement).execute(db);
  await rescaleQueue(db, 'outbox', 'seq', lookup);
  await rescaleQueue(db, 'sync_issues', 'id', lookup);
  await sql.raw("DELETE FROM sync_state WHERE key = 'summary_as_of'").execute(db);
  await sql`INSERT INTO sync_state (key, value) VALUES (${DONE_KEY}, '1')`.execute(db);
}

/** Kysely runs SQLite migrations outside a transaction; this one multiplies amounts, so it makes its own. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('SAVEPOINT iso_currency_digits').execute(db);
  try {
    await rescale(db);
  } catch (error) {
    await sql.raw('ROLLBACK TO iso_currency_digits').execute(db);
    await sql.raw('RELEASE iso_currency_digits').execute(db);
    throw error;
  }
  await sql.raw('RELEASE iso_currency_digits').execute(db);
}
