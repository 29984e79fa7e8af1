/**
 * A small hand-built portfolio for the report tests: awkward names and texts (commas, quotes, line
 * breaks, Polish and Japanese letters), entries of every type, items in every bucket and two
 * currencies, and an invoice cleared after an earlier as-of date.
 */
import { v7 as uuidv7 } from 'uuid';
import { exportJobsOf, type ExportStatus } from '../../../db/reports/export-jobs';
import { addActivity, addContactPerson, addCustomer, addDispute, addItem, addNote, addPromise, addUser, insertRow } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

export interface ReportFixture {
  readonly api: TestApi;
  readonly anna: string;
  readonly ben: string;
  /** Anna's, EUR: 3 contacts-and-more entries; items in current, 1–30 (a credit), 31–60; one item cleared on 2026-11-15. */
  readonly krueger: string;
  /** Ben's, PLN plus one EUR item: a contact and a dispute. */
  readonly lodz: string;
  /** Anna's, no entries at all and no items. */
  readonly quiet: string;
  /** Settles when the job has ended. */
  settled(jobId: string): Promise<ExportStatus>;
}

export const KRUEGER_NAME = 'Krüger/Sohn, "Quote" GmbH';
export const LODZ_NAME = 'Łódź Trading 東京';
export const MULTILINE_NOTE = 'Line one\r\nLine two, with a comma';
export const QUOTED_NOTE = 'He said "tomorrow", again';

export async function createReportFixture(): Promise<ReportFixture> {
  const api = await createTestApi();
  const { sqlite } = api.store;
  const anna = addUser(sqlite, { display_name: 'Anna Nowak', is_local_profile: 1 }).id;
  const ben = addUser(sqlite, { display_name: 'Ben Ito' }).id;
  const krueger = addCustomer(sqlite, { number: '1000001', name: KRUEGER_NAME, collector_id: anna }).id;
  const lodz = addCustomer(sqlite, { number: '1000002', name: LODZ_NAME, currency: 'PLN', country: 'PL', collector_id: ben }).id;
  const quiet = addCustomer(sqlite, { number: '1000003', name: 'Quiet Ltd', collector_id: anna }).id;

  const hans = addContactPerson(sqlite, krueger, { name: 'Hans Krüger', is_primary: 1, email: 'hans@krueger.example' }).id;
  addActivity(sqlite, krueger, { occurred_at: '2026-11-02T10:00:00.000Z', channel: 'phone', outcome: 'no_answer', note: MULTILINE_NOTE, user_id: anna, contact_person_id: hans });
  const promiseCall = addActivity(sqlite, krueger, {
    occurred_at: '2026-11-10T09:30:00.000Z',
    channel: 'email',
    direction: 'inbound',
    outcome: 'promise_to_pay',
    note: QUOTED_NOTE,
    user_id: anna,
    contact_person_id: hans,
  }).id;
  addPromise(sqlite, krueger, { activity_id: promiseCall, amount_minor: 123_456, promised_date: '2026-11-30', note: 'Pays by transfer', created_by: anna, created_at: '2026-11-10T09:35:00.000Z' });
  const noteId = uuidv7();
  addNote(sqlite, krueger, 'Old wording', { id: noteId, lineage_id: noteId, is_current: 0, created_by: anna, created_at: '2026-11-11T08:00:00.000Z' });
  addNote(sqlite, krueger, 'Current wording of the note', { lineage_id: noteId, version: 2, created_by: anna, created_at: '2026-11-11T08:30:00.000Z' });

  addActivity(sqlite, lodz, { occurred_at: '2026-11-05T08:00:00.000Z', channel: 'meeting', outcome: 'dispute_raised', note: 'Visit in Łódź and 東京', user_id: ben });
  addDispute(sqlite, lodz, { currency: 'PLN', disputed_minor: 50_000, reason_code: 'pricing', status: 'in_process', description: 'Wrong unit price', created_by: ben, created_at: '2026-11-05T08:10:00.000Z' });

  // Aging as of 2026-11-23 (due-date basis): current, 1–30 (a credit memo), 31–60.
  addItem(sqlite, krueger, { document_number: 'INV-K1', document_date: '2026-11-01', due_date: '2026-12-01', open_minor: 10_000 });
  addItem(sqlite, krueger, { document_number: 'CM-K2', kind: 'credit_memo', document_date: '2026-10-20', due_date: '2026-11-01', open_minor: -5_000, original_minor: -5_000 });
  addItem(sqlite, krueger, { document_number: 'INV-K3', document_date: '2026-09-15', due_date: '2026-10-15', open_minor: 20_000, disputed_minor: 0 });
  // Paid on 2026-11-15: open on 2026-11-10 (26 days past due), gone by 2026-11-23.
  const paid = addItem(sqlite, krueger, { document_number: 'INV-K4', document_date: '2026-09-15', due_date: '2026-10-15', original_minor: 8_000, open_minor: 0, cleared_at: '2026-11-15' }).id;
  const payment = insertRow(sqlite, 'payments', {
    id: uuidv7(),
    erp_key: 'PAY-1',
    customer_id: krueger,
    amount_minor: 8_000,
    currency: 'EUR',
    value_date: '2026-11-15',
    method: 'bank_transfer',
    reference: 'INV-K4',
    updated_at: '2026-11-15T00:00:00.000Z',
  }).id;
  insertRow(sqlite, 'clearings', { id: uuidv7(), payment_id: payment, open_item_id: paid, amount_minor: 8_000, currency: 'EUR', cleared_on: '2026-11-15' });
  addItem(sqlite, lodz, { document_number: 'INV-L1', currency: 'PLN', document_date: '2026-06-01', due_date: '2026-07-01', open_minor: 70_000, disputed_minor: 50_000 });
  addItem(sqlite, lodz, { document_number: 'INV-L2', currency: 'EUR', document_date: '2026-10-21', due_date: '2026-11-20', open_minor: 3_000 });

  const jobs = exportJobsOf(api.store, () => api.clock.now().toISOString());
  return { api, anna, ben, krueger, lodz, quiet, settled: (jobId) => jobs.settled(jobId) };
}
