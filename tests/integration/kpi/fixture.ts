/**
 * A small hand-built book whose KPIs were computed by hand (see the comments of dashboard.test.ts
 * and forecast.test.ts). As of 2026-11-23 (TEST_NOW); the month under test is October 2026.
 *
 * Collector A: C1 (EUR) and C3 (USD); collector B: C2 (EUR).
 *
 * | item | customer | kind | document | due | amount | paid |
 * |---|---|---|---|---|---|---|
 * | I1 | C1 | invoice | 09-10 | 10-10 | 100,000 | in full 10-20 |
 * | I2 | C1 | invoice | 10-05 | 11-04 | 50,000 | open, under open promise P5 |
 * | I3 | C2 | invoice | 10-15 | 10-25 | 30,000 | 10,000 on 11-05 |
 * | I4 | C2 | credit memo | 10-20 | 10-20 | −5,000 | open |
 * | I5 | C2 | invoice | 08-01 | 08-31 | 40,000 | in full 09-15 |
 * | I6 | C1 | invoice | 11-02 | 12-02 | 70,000 | open |
 * | I7 | C1 | invoice | 09-20 | 10-20 | 60,000 | open |
 * | I8 | C2 | invoice | 09-01 | 10-01 | 20,000 | in full 10-01 |
 * | I9 | C2 | invoice | 11-20 | 2027-03-31 | 15,000 | open |
 * | U1 | C3 | invoice (USD) | 10-03 | 11-02 | 10,000 | open |
 */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { addActivity, addCustomer, addDispute, addItem, addPromise, addUser, insertRow, T0 } from '../../support/builders';

export interface KpiBook {
  readonly collectorA: string;
  readonly collectorB: string;
}

export function paidItem(sqlite: BetterSqlite3.Database, customerId: string, item: { document: string; due: string; amount: number; payments: readonly (readonly [string, number])[]; kind?: 'invoice' | 'credit_memo'; currency?: string }): string {
  const paid = item.payments.reduce((sum, [, amount]) => sum + amount, 0);
  const open = item.amount - paid;
  const lastPayment = item.payments.at(-1)?.[0] ?? null;
  const row = addItem(sqlite, customerId, {
    kind: item.kind ?? 'invoice',
    document_date: `2026-${item.document}`,
    // Month-day means 2026; a later year is written out in full.
    due_date: item.due.length === 5 ? `2026-${item.due}` : item.due,
    currency: item.currency ?? 'EUR',
    original_minor: item.amount,
    open_minor: open,
    cleared_at: open === 0 && lastPayment !== null ? `2026-${lastPayment}` : null,
  });
  for (const [date, amount] of item.payments) {
    const payment = insertRow(sqlite, 'payments', {
      id: uuidv7(),
      erp_key: `P-${uuidv7()}`,
      customer_id: customerId,
      amount_minor: amount,
      currency: item.currency ?? 'EUR',
      value_date: `2026-${date}`,
      method: null,
      reference: null,
      updated_at: T0,
    });
    insertRow(sqlite, 'clearings', {
      id: uuidv7(),
      payment_id: payment.id,
      open_item_id: row.id,
      amount_minor: amount,
      currency: item.currency ?? 'EUR',
      cleared_on: `2026-${date}`,
    });
  }
  return row.id;
}

export function buildKpiBook(sqlite: BetterSqlite3.Database): KpiBook {
  const a = addUser(sqlite, { display_name: 'Alex Collector' }).id;
  const b = addUser(sqlite, { display_name: 'Bea Collector' }).id;
  const c1 = addCustomer(sqlite, { collector_id: a }).id;
  const c2 = addCustomer(sqlite, { collector_id: b }).id;
  const c3 = addCustomer(sqlite, { collector_id: a, currency: 'USD', country: 'US' }).id;

  paidItem(sqlite, c1, { document: '09-10', due: '10-10', amount: 100_000, payments: [['10-20', 100_000]] });
  const i2 = paidItem(sqlite, c1, { document: '10-05', due: '11-04', amount: 50_000, payments: [] });
  paidItem(sqlite, c2, { document: '10-15', due: '10-25', amount: 30_000, payments: [['11-05', 10_000]] });
  paidItem(sqlite, c2, { document: '10-20', due: '10-20', amount: -5_000, payments: [], kind: 'credit_memo' });
  paidItem(sqlite, c2, { document: '08-01', due: '08-31', amount: 40_000, payments: [['09-15', 40_000]] });
  paidItem(sqlite, c1, { document: '11-02', due: '12-02', amount: 70_000, payments: [] });
  paidItem(sqlite, c1, { document: '09-20', due: '10-20', amount: 60_000, payments: [] });
  paidItem(sqlite, c2, { document: '09-01', due: '10-01', amount: 20_000, payments: [['10-01', 20_000]] });
  paidItem(sqlite, c2, { document: '11-20', due: '2027-03-31', amount: 15_000, payments: [] });
  paidItem(sqlite, c3, { document: '10-03', due: '11-02', amount: 10_000, payments: [], currency: 'USD' });

  addPromise(sqlite, c1, { status: 'kept', amount_minor: 100_000, paid_minor: 100_000, promised_date: '2026-10-18' });
  addPromise(sqlite, c2, { status: 'broken', amount_minor: 30_000, paid_minor: 0, promised_date: '2026-10-26' });
  addPromise(sqlite, c2, { status: 'partially_kept', amount_minor: 20_000, paid_minor: 5_000, promised_date: '2026-10-28' });
  addPromise(sqlite, c1, { status: 'cancelled', amount_minor: 10_000, paid_minor: 0, promised_date: '2026-10-12' });
  const p5 = addPromise(sqlite, c1, { status: 'open', amount_minor: 50_000, paid_minor: 0, promised_date: '2026-11-30' }).id;
  insertRow(sqlite, 'promise_items', { promise_id: p5, open_item_id: i2 });
  // Made after C2's last payment (11-05), so evaluation leaves it open.
  addPromise(sqlite, c2, { status: 'open', amount_minor: 50_000, paid_minor: 0, promised_date: '2026-12-01', created_at: '2026-11-10T08:00:00.000Z' });

  addDispute(sqlite, c1, { reason_code: 'pricing', status: 'closed', root_cause: 'billing', created_at: '2026-10-02T10:00:00.000Z', closed_at: '2026-10-12T09:00:00.000Z' });
  addDispute(sqlite, c2, { reason_code: 'freight', status: 'closed', root_cause: 'shipping', created_at: '2026-09-20T10:00:00.000Z', closed_at: '2026-10-10T10:00:00.000Z' });
  addDispute(sqlite, c2, { reason_code: 'pricing', status: 'in_process', created_at: '2026-10-25T10:00:00.000Z' });
  addDispute(sqlite, c1, { reason_code: 'pricing', status: 'voided', created_at: '2026-10-05T10:00:00.000Z' });

  for (const at of ['2026-10-02T09:00:00.000Z', '2026-10-03T09:00:00.000Z', '2026-10-03T15:00:00.000Z', '2026-11-01T09:00:00.000Z']) {
    addActivity(sqlite, c1, { user_id: a, occurred_at: at, created_at: at });
  }
  addActivity(sqlite, c2, { user_id: b, occurred_at: '2026-10-15T09:00:00.000Z', created_at: '2026-10-15T09:00:00.000Z' });
  return { collectorA: a, collectorB: b };
}
