/**
 * Re-judges every open promise from the money received, as of a date: payments of the customer
 * in the promise currency, or, for a promise on items, only what was cleared on those items by a
 * payment. Kept, partly kept and broken are derived state (the server computes the same from the
 * same data), so the verdicts travel as no outbox mutation; it audits each change, opens a same-day
 * follow-up for each newly broken promise (with an id derived from the promise, so every client
 * opens the same one, and a `promise.brokenFollowUp` mutation has the server create it once) and
 * refreshes the touched customers' summaries.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { brokenPromiseFollowUpAssignee, brokenPromiseFollowUpId, brokenPromiseFollowUpTitle } from '../../shared/domain/broken-promise';
import { evaluatePromise, validatePromiseRules, DEFAULT_PROMISE_RULES, type CountingPayment, type PromiseEvaluation, type PromiseRules } from '../../shared/domain/promise';
import { evaluatePlan } from '../../shared/domain/promise-plan';
import type { PromiseStatus } from '../../shared/domain/codes';
import { insertFollowUp } from '../commands/follow-up';
import { localProfileId } from '../commands/run-command';
import type { Row } from '../schema';
import { enqueueMutation } from '../sync/outbox';
import { build, execute, jsonIds, selectAll, selectFirst } from '../typed-sql';
import { DEFAULT_DOMAIN_SETTINGS, refreshCustomerSummaries, type DomainSettings } from '../summary/refresh';

export interface PromiseEvaluationRun {
  readonly asOf: string;
  readonly evaluated: number;
  readonly kept: number;
  readonly partiallyKept: number;
  readonly broken: number;
  readonly followUpsCreated: number;
}

export interface EvaluateOptions {
  readonly asOf: string;
  /** Timestamp of the rows written. */
  readonly now: string;
  readonly settings?: DomainSettings;
}

/** Where the last run's date and rules are kept, so a read can tell whether a run is due (migration 002's triggers delete it). */
export const PROMISES_EVALUATED_KEY = 'promises_evaluated';

type PromiseRow = Pick<Row<'promises'>, 'id' | 'customer_id' | 'plan_id' | 'amount_minor' | 'currency' | 'promised_date' | 'status' | 'paid_minor' | 'created_at' | 'created_by' | 'evaluated_on' | 'updated_at'>;

const COLUMNS = ['id', 'customer_id', 'plan_id', 'amount_minor', 'currency', 'promised_date', 'status', 'paid_minor', 'created_at', 'created_by', 'evaluated_on', 'updated_at'] as const;
const Q = {
  open: build.selectFrom('promises').select(COLUMNS).where('status', '=', 'open'),
  plans: (planIds: readonly string[]) =>
    build.selectFrom('promises').select(COLUMNS).where('plan_id', 'in', jsonIds(planIds)).orderBy('plan_id').orderBy('promised_date').orderBy('id'),
  items: (promiseIds: readonly string[]) =>
    build.selectFrom('promise_items').select(['promise_id as key', 'open_item_id as item']).where('promise_id', 'in', jsonIds(promiseIds)),
  /** Only clearings by a payment: a credit memo set against the item is not the customer paying. */
  clearings: (itemIds: readonly string[]) =>
    build
      .selectFrom('clearings')
      .select(['open_item_id as key', 'amount_minor as amountMinor', 'currency', 'cleared_on as valueDate'])
      .where('open_item_id', 'in', jsonIds(itemIds))
      .where('payment_id', 'is not', null),
  payments: (customerIds: readonly string[]) =>
    build.selectFrom('payments').select(['customer_id as key', 'amount_minor as amountMinor', 'currency', 'value_date as valueDate']).where('customer_id', 'in', jsonIds(customerIds)),
  last: build.selectFrom('sync_state').select('value').where('key', '=', PROMISES_EVALUATED_KEY),
} as const;

const groupBy = <T extends { key: string }>(rows: readonly T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.key);
    if (list) list.push(row);
    else groups.set(row.key, [row]);
  }
  return groups;
};

/** Settings come from a file the user can edit: bad rules fail loudly with the field named, before any row moves. */
const rulesOf = (settings: DomainSettings): PromiseRules => validatePromiseRules(settings.promises ?? DEFAULT_PROMISE_RULES);
const stamp = (asOf: string, rules: PromiseRules): string => JSON.stringify({ asOf, rules });

/** Runs in the caller's transaction when there is one (better-sqlite3 nests it as a savepoint). */
export function evaluatePromisesSync(sqlite: BetterSqlite3.Database, options: EvaluateOptions): PromiseEvaluationRun {
  const { asOf, now } = options;
  const settings = options.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const rules = rulesOf(settings);
  return sqlite.transaction(() => {
    const open = selectAll(sqlite, Q.open);
    const planIds = [...new Set(open.map((row) => row.plan_id).filter((id): id is string => id !== null))];
    const planRows = new Map<string, PromiseRow[]>();
    for (const row of selectAll(sqlite, Q.plans(planIds))) {
      planRows.set(row.plan_id ?? '', [...(planRows.get(row.plan_id ?? '') ?? []), row]);
    }
    const all = [...open.filter((row) => row.plan_id === null), ...[...planRows.values()].flat()];

    const itemsOf = new Map<string, string[]>();
    for (const row of selectAll(sqlite, Q.items(all.map((promise) => promise.id)))) {
      itemsOf.set(row.key, [...(itemsOf.get(row.key) ?? []), row.item]);
    }
    const itemIds = [...new Set([...itemsOf.values()].flat())];
    const clearings = groupBy(selectAll(sqlite, Q.clearings(itemIds)));
    const accountCustomers = [...new Set(all.filter((row) => !itemsOf.has(row.id)).map((row) => row.customer_id))];
    const payments = groupBy(selectAll(sqlite, Q.payments(accountCustomers)));
    const moneyFor = (row: PromiseRow): readonly CountingPayment[] => {
      const items = itemsOf.get(row.id);
      return items === undefined ? (payments.get(row.customer_id) ?? []) : items.flatMap((item) => clearings.get(item) ?? []);
    };

    const verdicts: [PromiseRow, PromiseEvaluation][] = [];
    for (const row of all) {
      if (row.plan_id !== null) continue;
      const terms = { amountMinor: row.amount_minor, currency: row.currency, promisedDate: row.promised_date, createdAt: row.created_at, status: row.status };
      verdicts.push([row, evaluatePromise(terms, moneyFor(row), asOf, rules)]);
    }
    for (const instalments of planRows.values()) {
      const first = instalments[0];
      if (!first) continue;
      const createdAt = instalments.reduce((earliest, row) => (row.created_at < earliest ? row.created_at : earliest), first.created_at);
      const results = evaluatePlan(
        { currency: first.currency, createdAt, instalments: instalments.map((row) => ({ promisedDate: row.promised_date, amountMinor: row.amount_minor, status: row.status })) },
        moneyFor(first),
        asOf,
        rules,
      );
      instalments.forEach((row, index) => {
        const result = results[index];
        if (result && row.status === 'open') verdicts.push([row, result]);
      });
    }
    return apply(sqlite, verdicts, { asOf, now, settings, rules });
  }).immediate();
}

function apply(
  sqlite: BetterSqlite3.Database,
  verdicts: readonly [PromiseRow, PromiseEvaluation][],
  context: { asOf: string; now: string; settings: DomainSettings; rules: PromiseRules },
): PromiseEvaluationRun {
  const { asOf, now } = context;
  const touched = new Set<string>();
  const counts: Record<PromiseStatus, number> = { open: 0, kept: 0, partially_kept: 0, broken: 0, cancelled: 0, superseded: 0 };
  let followUpsCreated = 0;
  // The verdicts are the signed-in user's finding: the follow-ups it opens are theirs, as the server records them from their push.
  const evaluatorId = localProfileId(sqlite);
  const tx = {
    sqlite,
    now,
    userId: evaluatorId,
    audit(entity: string, entityId: string, action: string, before: unknown, after: unknown) {
      const entry = { id: uuidv7(), at: now, user_id: null, entity, entity_id: entityId, action, before_json: JSON.stringify(before), after_json: JSON.stringify(after), mutation_id: null };
      execute(sqlite, build.insertInto('audit_log').values(entry));
    },
    touch(customerId: string) {
      touched.add(customerId);
    },
  };
  for (const [row, verdict] of verdicts) {
    if (verdict.status === row.status && verdict.paidMinor === row.paid_minor) continue;
    execute(sqlite, build.updateTable('promises').set({ status: verdict.status, paid_minor: verdict.paidMinor, evaluated_on: asOf, updated_at: now }).where('id', '=', row.id));
    // Money towards a promise that stays open moves nothing the summary shows.
    if (verdict.status === row.status) continue;
    touched.add(row.customer_id);
    counts[verdict.status] += 1;
    const after = { ...row, status: verdict.status, paid_minor: verdict.paidMinor, evaluated_on: asOf, updated_at: now };
    tx.audit('promise', row.id, 'evaluate', row, { ...after, required_minor: verdict.requiredMinor, deadline: verdict.deadline });
    if (verdict.status !== 'broken') continue;
    const title = brokenPromiseFollowUpTitle(row.promised_date);
    const followUp = insertFollowUp(tx, {
      id: brokenPromiseFollowUpId(row.id),
      customerId: row.customer_id,
      itemId: null,
      activityId: null,
      dueDate: asOf,
      title,
      assignedTo: brokenPromiseFollowUpAssignee(row.created_by, evaluatorId),
    });
    if (!followUp) continue;
    followUpsCreated += 1;
    const args = { customerId: row.customer_id, promiseId: row.id, dueDate: asOf, title };
    enqueueMutation(sqlite, { id: uuidv7(), name: 'promise.brokenFollowUp', args, createdAt: now });
  }
  refreshCustomerSummaries(sqlite, touched, asOf, context.settings, now);
  const remember = { key: PROMISES_EVALUATED_KEY, value: stamp(asOf, context.rules) };
  execute(sqlite, build.insertInto('sync_state').values(remember).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: remember.value })));
  return { asOf, evaluated: verdicts.length, kept: counts.kept, partiallyKept: counts.partially_kept, broken: counts.broken, followUpsCreated };
}

/** Evaluates when the date or the rules moved since the last run; true when it ran. */
export function evaluatePromisesIfDue(sqlite: BetterSqlite3.Database, options: EvaluateOptions): boolean {
  const rules = rulesOf(options.settings ?? DEFAULT_DOMAIN_SETTINGS);
  const last = selectFirst(sqlite, Q.last)?.value;
  if (last === stamp(options.asOf, rules)) return false;
  evaluatePromisesSync(sqlite, options);
  return true;
}

/**
 * Makes the next read re-evaluate. Triggers of migration 002 do this whenever payments or
 * clearings change; a caller that changes what counts in another way (the rules aside) calls it.
 */
export function markPromisesStale(sqlite: BetterSqlite3.Database): void {
  execute(sqlite, build.deleteFrom('sync_state').where('key', '=', PROMISES_EVALUATED_KEY));
}
