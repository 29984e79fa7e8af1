/**
 * promise.create / promise.cancel on the desktop: the shared rules (shared/mutations/promises.ts),
 * answered with the promises as the views show them.
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { PromiseSchema } from '../../shared/api/collector-schemas';
import { promiseCancel, promiseCreate, type RecordedPromise } from '../../shared/mutations/promises';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import type { Row } from '../schema';
import { build, selectAll } from '../typed-sql';

export type PromiseView = z.output<typeof PromiseSchema>;
type PromiseRow = Row<'promises'>;

export const promiseItemIds = (tx: { readonly sqlite: ReadDb }, promiseId: string): string[] =>
  selectAll(tx.sqlite, build.selectFrom('promise_items').select('open_item_id').where('promise_id', '=', promiseId).orderBy('open_item_id')).map((row) => row.open_item_id);

export const toPromiseView = (row: PromiseRow, itemIds: readonly string[], supersededIds: readonly string[] = []): PromiseView => ({
  id: row.id,
  customerId: row.customer_id,
  planId: row.plan_id,
  amountMinor: row.amount_minor,
  currency: row.currency,
  promisedDate: row.promised_date,
  paymentMethod: row.payment_method,
  note: row.note,
  status: row.status,
  level: row.level,
  paidMinor: row.paid_minor,
  itemIds: [...itemIds],
  supersededIds: [...supersededIds],
});

/** A recorded promise as the views show it. */
export const recordedPromiseView = (recorded: RecordedPromise): PromiseView => toPromiseView(toStoredRow('promises', recorded.row), recorded.itemIds, recorded.supersededIds);

export const createPromiseCommand = definitionCommand(promiseCreate, recordedPromiseView);
export const cancelPromiseCommand = definitionCommand(promiseCancel, (cancelled) => cancelled.map(recordedPromiseView));
