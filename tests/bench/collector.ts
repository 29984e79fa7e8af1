/**
 * The collector's paths on the large demo (issue 4): logging a contact and creating a promise
 * through the API (validation, rows, audit, outbox and summary refresh in one transaction),
 * re-judging every open promise of the portfolio on a new day, and the reads behind its screens.
 */
import type { OperationName } from '../../shared/api/contract';
import { addDays } from '../../shared/domain/dates';
import type { LocalStore } from '../../db/open';
import { evaluatePromisesSync } from '../../db/promises/evaluate-all';
import { Rng } from '../../shared/demo/random';

type Call = (operation: OperationName, input: unknown) => Promise<unknown>;
type Measure = (name: string, n: number, targetP95Ms: number | null, run: (round: number) => Promise<unknown>) => Promise<void>;

export interface CollectorBenchContext {
  readonly store: LocalStore;
  readonly call: Call;
  readonly measure: Measure;
  /** The as-of date the handlers' clock stands on. */
  readonly asOf: string;
}

const pick = <T>(list: readonly T[], index: number): T => {
  const value = list[index % list.length];
  if (value === undefined) throw new RangeError('nothing to benchmark on');
  return value;
};

/** Invoices with something undisputed open and no open promise, at most one per customer, so each promise.create succeeds. */
const UNPROMISED_ITEMS = `SELECT customer_id, min(id) AS id FROM open_items i
  WHERE open_minor > disputed_minor AND kind = 'invoice'
    AND NOT EXISTS (SELECT 1 FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE pi.open_item_id = i.id AND p.status = 'open')
  GROUP BY customer_id ORDER BY customer_id`;

export async function runCollectorCases({ store, call, measure, asOf }: CollectorBenchContext): Promise<void> {
  const { sqlite } = store;
  const rng = new Rng(11);
  const customerIds = rng.shuffle(sqlite.prepare<[], { id: string }>('SELECT id FROM customers ORDER BY id').all().map((row) => row.id));
  const outcomes = ['no_answer', 'left_voicemail', 'call_back_later', 'in_payment_run', 'invoice_not_received'] as const;

  // Reads the collector's screens make (no target in the issue; held to the account view's 10 ms).
  await measure('collector.follow_ups_mine', 100, 10, () => call('followUps.mine', {}));
  await measure('collector.timeline_page', 200, 10, (round) => call('customer.timeline', { customerId: pick(customerIds, round), limit: 50 }));
  await measure('collector.customer_work', 200, 10, (round) => call('customer.work', { customerId: pick(customerIds, round) }));
  // The worklist filter this work adds, held to the filtered worklist's 25 ms.
  await measure('collector.worklist_promise_due_soon', 100, 25, () => call('worklist.query', { filters: { promiseDueSoon: true }, sort: { by: 'nextAction', dir: 'asc' } }));

  await measure('collector.contact_log', 200, 5, (round) =>
    call('contact.log', {
      customerId: pick(customerIds, round),
      channel: round % 3 === 0 ? 'email' : 'phone',
      outcome: pick(outcomes, round),
      note: `Bench call ${round}: spoke to accounts payable about the overdue invoices`,
      durationSeconds: 60 + (round % 300),
      followUpDate: addDays(asOf, 2 + (round % 10)),
    }),
  );

  const items = rng.shuffle(sqlite.prepare<[], { customer_id: string; id: string }>(UNPROMISED_ITEMS).all());
  const rounds = Math.min(200, Math.floor(items.length / 1.2));
  await measure('collector.promise_create', rounds, 5, (round) => {
    const item = pick(items, round);
    return call('promise.create', { customerId: item.customer_id, promisedDate: addDays(asOf, 3 + (round % 14)), itemIds: [item.id], paymentMethod: 'bank_transfer' });
  });

  // Each round is a later day, so promises really change state on the way (the first rounds break the most).
  await measure('collector.promises_evaluate_all', 10, 500, (round) =>
    Promise.resolve(evaluatePromisesSync(sqlite, { asOf: addDays(asOf, round), now: `${addDays(asOf, round)}T06:00:00.000Z` })),
  );
}
