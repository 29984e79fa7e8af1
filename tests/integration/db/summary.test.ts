import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageItems, DEFAULT_AGING_CONFIG, makeAgingBuckets } from '../../../shared/domain/aging';
import { addDays } from '../../../shared/domain/dates';
import { DEFAULT_PRIORITY_WEIGHTS, scorePriority } from '../../../shared/domain/priority';
import { DEFAULT_FX } from '../../../shared/domain/fx';
import {
  DEFAULT_DOMAIN_SETTINGS,
  ensureSummariesCurrent,
  refreshAllSummaries,
  SUMMARY_AS_OF_KEY,
  SUMMARY_SETTINGS_KEY,
  type DomainSettings,
} from '../../../db/summary/refresh';
import type { Row } from '../../../db/schema';
import { addActivity, addCustomer, addDispute, addFollowUp, addItem, addPromise, insertRow } from '../../support/builders';
import { createTempStore, type TempStore } from '../../support/temp-store';

const AS_OF = '2026-11-23';
let temp: TempStore;
beforeEach(async () => {
  temp = await createTempStore();
});
afterEach(async () => temp.cleanup());

const summaryOf = (id: string) => temp.store.sqlite.prepare('SELECT * FROM customer_summary WHERE customer_id = ?').get(id) as Row<'customer_summary'>;

describe('customer summary', () => {
  it('drops a customer by the share of the overdue amount its open promises cover, what was paid of them counted off', async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { currency: 'EUR', credit_limit_minor: 0, risk_class: 'low' });
    addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 2_878_200 });
    // 5,200 promised for next week, 200 of it already paid: 5,000 of 28,782 still to come.
    addPromise(sqlite, c.id, { promised_date: '2026-11-30', status: 'open', amount_minor: 520_000, paid_minor: 20_000, currency: 'EUR' });
    // Promised on an invoice not yet due: it covers nothing overdue. Due tomorrow: not "not yet due", it is due soon.
    const later = addItem(sqlite, c.id, { due_date: '2026-12-20', open_minor: 900_000 });
    const onLater = addPromise(sqlite, c.id, { promised_date: '2026-12-20', status: 'open', amount_minor: 900_000, currency: 'EUR' });
    insertRow(sqlite, 'promise_items', { promise_id: onLater.id, open_item_id: later.id });
    addPromise(sqlite, c.id, { promised_date: '2026-11-24', status: 'open', amount_minor: 2_000_000, currency: 'EUR' });
    await refreshAllSummaries(temp.store, AS_OF);
    const credit = (id: string) => (JSON.parse(summaryOf(id).factors_json) as { key: string; contribution: number; detail: string }[]).find((factor) => factor.key === 'openPromiseNotDue');
    expect(credit(c.id)).toEqual({ key: 'openPromiseNotDue', label: 'Promise not yet due', contribution: -5.2, detail: 'open promises not yet due cover 17 % of the overdue amount', params: { percent: 17 } });

    // In GBP at the table's rate, overdue in EUR: weighed in the base currency.
    const pounds = addCustomer(sqlite, { currency: 'EUR', credit_limit_minor: 0, risk_class: 'low' });
    addItem(sqlite, pounds.id, { due_date: '2026-10-01', open_minor: 1_000_000 });
    addPromise(sqlite, pounds.id, { promised_date: '2026-11-30', status: 'open', amount_minor: 100_000, currency: 'GBP' });
    // In a currency without a rate: it cannot be weighed, so it counts whole, as a promise always did.
    const unrated = addCustomer(sqlite, { currency: 'EUR', credit_limit_minor: 0, risk_class: 'low' });
    addItem(sqlite, unrated.id, { due_date: '2026-10-01', open_minor: 1_000_000 });
    addPromise(sqlite, unrated.id, { promised_date: '2026-11-30', status: 'open', amount_minor: 100, currency: 'XAU' });
    await refreshAllSummaries(temp.store, AS_OF);
    const gbpShare = Number(DEFAULT_FX.rates['GBP']) * 100_000 / 1_000_000;
    expect(credit(pounds.id)?.contribution).toBe(-Math.round(30 * gbpShare * 10) / 10);
    expect(credit(unrated.id)).toMatchObject({ contribution: -30, detail: 'an open promise is not yet due' });
  });

  it('matches hand-computed balances, aging, dates, counts and score', async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { currency: 'EUR', credit_limit_minor: 100_000, risk_class: 'high' });
    addItem(sqlite, c.id, { due_date: '2026-11-30', open_minor: 60_000 }); // not yet due
    addItem(sqlite, c.id, { due_date: '2026-11-13', open_minor: 40_000, disputed_minor: 10_000 }); // 10 days
    addItem(sqlite, c.id, { due_date: '2026-09-24', open_minor: 25_000 }); // 60 days
    addItem(sqlite, c.id, { kind: 'credit_memo', due_date: '2026-11-20', open_minor: -5_000 }); // 3 days
    addItem(sqlite, c.id, { due_date: '2026-07-26', open_minor: 10_000, currency: 'USD' }); // 120 days
    // Cash received on account, applied to nothing yet: in the open total, never in overdue or a bucket.
    addItem(sqlite, c.id, { kind: 'payment_on_account', due_date: '2026-09-01', open_minor: -8_000 });
    addItem(sqlite, c.id, { due_date: '2026-01-01', open_minor: 0, original_minor: 9_999, cleared_at: '2026-02-01' });
    addPromise(sqlite, c.id, { promised_date: '2026-11-24', status: 'open' });
    addPromise(sqlite, c.id, { promised_date: '2026-11-10', status: 'broken' });
    addPromise(sqlite, c.id, { promised_date: '2026-10-10', status: 'kept' });
    addDispute(sqlite, c.id, { status: 'new', due_date: '2026-11-25' });
    addDispute(sqlite, c.id, { status: 'resolved', due_date: '2026-11-01' });
    addFollowUp(sqlite, c.id, { due_date: '2026-11-22', status: 'open' });
    addFollowUp(sqlite, c.id, { due_date: '2026-11-01', status: 'done' });
    addActivity(sqlite, c.id, { occurred_at: '2026-11-03T10:00:00.000Z' });
    addActivity(sqlite, c.id, { occurred_at: '2026-11-13T15:30:00.000Z' });
    insertRow(sqlite, 'worklist_overrides', { id: '01900000-0000-7000-8000-0000000000aa', customer_id: c.id, kind: 'pin', reason: 'CFO', expires_at: null, created_by: '', created_at: '2026-11-20T00:00:00.000Z', cleared_at: null });

    expect(await refreshAllSummaries(temp.store, AS_OF)).toBe(1);
    const s = summaryOf(c.id);
    expect(s).toMatchObject({
      as_of: AS_OF,
      currency: 'EUR',
      mixed_currency: 1,
      open_minor: 112_000,
      overdue_minor: 60_000,
      disputed_minor: 10_000,
      collectible_minor: 102_000,
      // EUR overdue and undisputed 30,000 + 25,000 - 5,000; USD 10,000 at 0.92.
      overdue_base_minor: 59_200,
      overdue_bucket_keys: ',1-30,31-60,91-120,',
      oldest_days_past_due: 120,
      next_promise_date: '2026-11-24',
      next_follow_up_date: '2026-11-22',
      next_action_date: '2026-11-22',
      last_contact_at: '2026-11-13T15:30:00.000Z',
      broken_promises: 1,
      open_disputes: 1,
      follow_up_due: 1,
      credit_used_minor: 112_000,
      // Every currency in EUR: 112,000 + USD 10,000 at 0.92 = 121,200 against the 100,000 limit.
      credit_used_bp: 12_120,
      override_kind: 'pin',
      override_reason: 'CFO',
    });
    expect(JSON.parse(s.aging_json)).toEqual([
      {
        currency: 'EUR',
        buckets: [
          { key: 'current', label: 'Current', amountMinor: 60_000 },
          { key: '1-30', label: '1–30', amountMinor: 35_000 },
          { key: '31-60', label: '31–60', amountMinor: 25_000 },
          { key: '61-90', label: '61–90', amountMinor: 0 },
          { key: '91-120', label: '91–120', amountMinor: 0 },
          { key: 'over-120', label: '>120', amountMinor: 0 },
        ],
        totalMinor: 112_000,
        overdueMinor: 60_000,
        disputedMinor: 10_000,
        collectibleMinor: 102_000,
        unappliedMinor: -8_000,
      },
      {
        currency: 'USD',
        buckets: expect.arrayContaining([{ key: '91-120', label: '91–120', amountMinor: 10_000 }]) as unknown,
        totalMinor: 10_000,
        overdueMinor: 10_000,
        disputedMinor: 0,
        collectibleMinor: 10_000,
        unappliedMinor: 0,
      },
    ]);
    const expected = scorePriority({
      overdueBaseMinor: 59_200,
      baseCurrency: 'EUR',
      // The 120-day USD item is in the overdue sum at the table's rate, and the explanation says so.
      convertedFrom: [{ currency: 'USD', rate: '0.92' }],
      oldestDaysPastDue: 120,
      brokenPromises: 1,
      promiseDueSoon: true,
      followUpDue: true,
      disputesNearDeadline: 1,
      creditLimitExceeded: true, // 1,212.00 EUR open (the cash on account counted off) against a 1,000.00 limit
      riskClass: 'high',
      daysSinceLastContact: 10,
      promisedNotDueShare: 0,
      futureFollowUp: false,
    });
    expect(s.score).toBe(expected.score);
    expect(JSON.parse(s.factors_json)).toEqual(expected.factors);
    expect(expected.factors.find((factor) => factor.key === 'overdueAmount')?.detail).toBe('EUR 592.00 overdue, converted from USD at the stated rate (1 USD = 0.92 EUR)');
  });

  it('summarises a customer without any data as empty, ranked by risk only', async () => {
    const c = addCustomer(temp.store.sqlite, { risk_class: 'critical' });
    await refreshAllSummaries(temp.store, AS_OF);
    expect(summaryOf(c.id)).toMatchObject({ open_minor: 0, overdue_base_minor: 0, oldest_days_past_due: null, overdue_bucket_keys: '', last_contact_at: null, override_kind: null });
  });

  it('lets an open promise not yet due and a planned follow-up drop a customer down', async () => {
    const { sqlite } = temp.store;
    const plain = addCustomer(sqlite);
    const waiting = addCustomer(sqlite);
    for (const c of [plain, waiting]) addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 100_000 });
    addPromise(sqlite, waiting.id, { promised_date: '2026-12-05' });
    addFollowUp(sqlite, waiting.id, { due_date: '2026-12-06' });
    await refreshAllSummaries(temp.store, AS_OF);
    expect(summaryOf(waiting.id).score).toBeLessThan(summaryOf(plain.id).score);
    expect(summaryOf(waiting.id)).toMatchObject({ follow_up_due: 0, next_action_date: '2026-12-05' });
  });

  it('groups items in SQL exactly as ageItems ages them one by one, for either basis', async () => {
    const { sqlite } = temp.store;
    const item = fc.record({
      currency: fc.constantFrom('EUR', 'USD', 'GBP'),
      openMinor: fc.integer({ min: -50_000, max: 500_000 }).filter((n) => n !== 0),
      kind: fc.constantFrom('invoice' as const, 'credit_memo' as const, 'payment_on_account' as const),
      disputedMinor: fc.integer({ min: 0, max: 20_000 }),
      dueOffset: fc.integer({ min: -200, max: 200 }),
      docOffset: fc.integer({ min: 0, max: 90 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 25 }), fc.boolean(), async (raw, byDocument) => {
        sqlite.exec('DELETE FROM customers');
        const c = addCustomer(sqlite);
        const items = raw.map((r) => {
          const dueDate = addDays(AS_OF, -r.dueOffset);
          return { kind: r.kind, currency: r.currency, openMinor: r.openMinor, disputedMinor: r.disputedMinor, dueDate, documentDate: addDays(dueDate, -r.docOffset) };
        });
        for (const i of items) addItem(sqlite, c.id, { kind: i.kind, currency: i.currency, open_minor: i.openMinor, disputed_minor: i.disputedMinor, due_date: i.dueDate, document_date: i.documentDate });
        const settings: DomainSettings = { ...DEFAULT_DOMAIN_SETTINGS, aging: { buckets: byDocument ? makeAgingBuckets([15, 45]) : DEFAULT_AGING_CONFIG.buckets, basis: byDocument ? 'document_date' : 'due_date' } };
        await refreshAllSummaries(temp.store, AS_OF, settings);
        const s = summaryOf(c.id);
        expect(JSON.parse(s.aging_json)).toEqual(ageItems(items, AS_OF, settings.aging));
        const overdue = items.filter((i) => i.dueDate < AS_OF && i.kind !== 'payment_on_account');
        const oldest = overdue.filter((i) => i.openMinor > i.disputedMinor).map((i) => -Math.round((Date.parse(i.dueDate) - Date.parse(AS_OF)) / 86_400_000));
        expect(s.oldest_days_past_due).toBe(oldest.length > 0 ? Math.max(...oldest) : null);
      }),
      { numRuns: 40 },
    );
  });

  it('recomputes only when the date moves on or customers lack a summary', async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite);
    addItem(sqlite, c.id, { due_date: '2026-11-22', open_minor: 1_000 });
    expect(await ensureSummariesCurrent(temp.store, AS_OF)).toBe(true);
    expect(sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(SUMMARY_AS_OF_KEY)).toEqual({ value: AS_OF });
    expect(await ensureSummariesCurrent(temp.store, AS_OF)).toBe(false);
    expect(summaryOf(c.id).oldest_days_past_due).toBe(1);
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24')).toBe(true);
    expect(summaryOf(c.id).oldest_days_past_due).toBe(2);
    addCustomer(sqlite);
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24')).toBe(true);
    expect(sqlite.prepare('SELECT count(*) AS n FROM customer_summary').get()).toEqual({ n: 2 });
    const byDocument: DomainSettings = { ...DEFAULT_DOMAIN_SETTINGS, aging: { ...DEFAULT_AGING_CONFIG, basis: 'document_date' } };
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24', byDocument)).toBe(true);
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24', byDocument)).toBe(false);
    // Summaries stored by a release with other rules (the settings alone on record, as before unapplied cash
    // was kept apart) are recomputed on the same day, so no screen shows yesterday's rules.
    sqlite.prepare('UPDATE sync_state SET value = ? WHERE key = ?').run(JSON.stringify(byDocument), SUMMARY_SETTINGS_KEY);
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24', byDocument)).toBe(true);
    expect(await ensureSummariesCurrent(temp.store, '2026-11-24', byDocument)).toBe(false);
  });

  it('keeps going when a currency has no exchange rate, leaving it out of the base-currency ranking only', async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { currency: 'EUR' });
    addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 70_000, currency: 'XAF' });
    addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 1_000 });
    await refreshAllSummaries(temp.store, AS_OF);
    expect(summaryOf(c.id)).toMatchObject({ overdue_base_minor: 1_000, mixed_currency: 1, overdue_minor: 1_000 });
    expect((JSON.parse(summaryOf(c.id).aging_json) as { currency: string }[]).map((a) => a.currency)).toEqual(['EUR', 'XAF']);
  });

  it("measures credit in the account's own currency when that currency has no rate, instead of calling the limit none", async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { currency: 'XAF', credit_limit_minor: 100_000 });
    addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 150_000, currency: 'XAF' });
    await refreshAllSummaries(temp.store, AS_OF);
    expect(summaryOf(c.id).credit_used_bp).toBe(15_000);
  });

  it('uses the configured weights and rates', async () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { currency: 'USD' });
    addItem(sqlite, c.id, { due_date: '2026-10-01', open_minor: 100_000, currency: 'USD' });
    const settings: DomainSettings = { ...DEFAULT_DOMAIN_SETTINGS, fx: { base: 'EUR', rates: { ...DEFAULT_FX.rates, USD: '0.5' } }, weights: { ...DEFAULT_PRIORITY_WEIGHTS, riskClass: 0 } };
    await refreshAllSummaries(temp.store, AS_OF, settings);
    expect(summaryOf(c.id).overdue_base_minor).toBe(50_000);
  });
});
