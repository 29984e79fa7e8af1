import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../server/import/types';
import { BACKENDS } from './support/backends';
import { bearer, login, seedTeam, seedUser, startHarness, type Harness } from './support/harness';

// A copy of ../shared/data/ibm-accounts-receivable.csv (the handbook's sample), so a bare clone tests too.
const ibm = readFileSync(new URL('../../fixtures/import/ibm-accounts-receivable.csv', import.meta.url), 'utf8');
const customers = [{ key: 'H-1', name: 'Http One', country: 'DE', currency: 'EUR' }];

describe.each(BACKENDS)('POST /v1/import on %s', (kind) => {
  let h: Harness;
  const tokens = { collector: '', lead: '', admin: '' };
  const post = (token: string, payload: unknown) => h.app.inject({ method: 'POST', url: '/v1/import', headers: bearer(token), payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    tokens.collector = (await login(h, (await seedUser(h, 'collector', team)).username)).accessToken;
    tokens.lead = (await login(h, (await seedUser(h, 'team_lead', team)).username)).accessToken;
    tokens.admin = (await login(h, (await seedUser(h, 'admin')).username)).accessToken;
  });
  afterAll(() => h.dispose());

  it('refuses a request without a token (401), a collector and a team lead (403), importing nothing', async () => {
    const anonymous = await h.app.inject({ method: 'POST', url: '/v1/import', payload: { format: 'json', entity: 'customers', records: customers } });
    expect(anonymous.statusCode).toBe(401);
    const collector = await post(tokens.collector, { format: 'json', entity: 'customers', records: customers });
    expect(collector.statusCode).toBe(403);
    expect(collector.json()).toEqual({ error: { code: 'forbidden', message: 'Only an admin may import ERP data.' } });
    const lead = await post(tokens.lead, { format: 'json', entity: 'customers', records: customers });
    expect(lead.statusCode).toBe(403);
    expect(await h.testDb.db.selectFrom('customers').select('id').execute()).toEqual([]);
  });

  it('checks the role before reading the body, and caps the body at 50 MB', async () => {
    const big = { format: 'csv', preset: 'ibm-ar', content: 'x'.repeat(51 * 1024 * 1024) };
    const collector = await post(tokens.collector, big);
    expect(collector.statusCode).toBe(403);
    const admin = await post(tokens.admin, big);
    expect(admin.statusCode).toBe(413);
    expect(admin.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
  });

  it('lets an admin import JSON records and answers the counts', async () => {
    const response = await post(tokens.admin, { format: 'json', entity: 'customers', records: customers });
    expect(response.statusCode).toBe(200);
    const report = response.json<ImportReport>();
    expect(report).toMatchObject({ committed: true, dryRun: false, rejected: [] });
    expect(report.applied.customers).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('accepts an export beyond the server-wide 1 MB limit and applies the ibm-ar preset', async () => {
    // Blank lines are skipped by the reader, so they only make the body large.
    const content = ibm + '\n'.repeat(1_200_000);
    const response = await post(tokens.admin, { format: 'csv', preset: 'ibm-ar', content });
    expect(response.statusCode).toBe(200);
    const report = response.json<ImportReport>();
    expect(report.rejected).toEqual([]);
    expect(report.applied.openItems.inserted).toBe(2466);
    expect(report.applied.customers.inserted).toBe(100);
  });

  it('answers 200 with committed false and every rejected row when a row is bad', async () => {
    const response = await post(tokens.admin, {
      format: 'csv',
      entity: 'payments',
      mapping: { columns: { key: 'id', customerKey: 'customer', amount: 'amount', valueDate: 'date' }, defaultCurrency: 'USD', dateFormat: 'M/d/yyyy' },
      content: 'id,customer,amount,date\nHP-1,H-1,10.00,1/2/2026\nHP-2,nobody,-5,2/30/2026\n',
    });
    expect(response.statusCode).toBe(200);
    const report = response.json<ImportReport>();
    expect(report.committed).toBe(false);
    expect(report.rejected.map(({ line, column }) => [line, column])).toEqual([
      [3, 'amount'],
      [3, 'date'],
    ]);
    expect(await h.testDb.db.selectFrom('payments').select('id').where('erp_key', '=', 'HP-1').execute()).toEqual([]);
  });

  it("imports a preset's API response as saved, and Excel as base64; each run's report is kept for admins", async () => {
    await post(tokens.admin, { format: 'json', entity: 'customers', records: [{ key: '1008', name: 'Total Internet', country: 'US', currency: 'USD' }, { key: '1009', name: 'Kanto Trading', country: 'JP', currency: 'JPY' }] });
    const document = JSON.parse(readFileSync(new URL('../../fixtures/import/presets/oracle-receivables-invoices.json', import.meta.url), 'utf8')) as unknown;
    const oracle = await post(tokens.admin, { format: 'json', preset: 'oracle-receivables-invoices', document, fileName: 'receivablesInvoices.json' });
    expect(oracle.statusCode).toBe(200);
    const { runId } = oracle.json<ImportReport & { runId: string }>();
    expect(oracle.json()).toMatchObject({ committed: true, applied: { openItems: { inserted: 4 } } });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Posten').addRows([['Nr', 'Kunde', 'Datum', 'Betrag'], ['X-1', '1008', new Date('2026-03-02T00:00:00Z'), -12.5]]);
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const mapping = { columns: { key: 'Nr', customerKey: 'Kunde', documentDate: 'Datum', dueDate: 'Datum', originalAmount: 'Betrag' }, dateFormat: 'dd.MM.yyyy', decimalSeparator: ',', defaultCurrency: 'USD', sheet: 'Posten' };
    const xlsx = await post(tokens.admin, { format: 'xlsx', entity: 'openItems', mapping, contentBase64 });
    expect(xlsx.json()).toMatchObject({ committed: true, applied: { openItems: { inserted: 1 } } });
    expect(await h.testDb.db.selectFrom('open_items').select(['document_date', 'original_minor']).where('erp_key', '=', 'X-1').execute()).toEqual([{ document_date: '2026-03-02', original_minor: -1250 }]);

    const runs = await h.app.inject({ method: 'GET', url: '/v1/import/runs?limit=2', headers: bearer(tokens.admin) });
    expect(runs.statusCode).toBe(200);
    expect(runs.json<{ runs: unknown[] }>().runs).toEqual([
      expect.objectContaining({ origin: 'http', file: null, source: 'openItems by mapping (xlsx)', outcome: 'imported' }),
      expect.objectContaining({ id: runId, origin: 'http', file: expect.objectContaining({ name: 'receivablesInvoices.json' }) as unknown, source: 'preset oracle-receivables-invoices (json)', counts: { openItems: { inserted: 4, updated: 0, unchanged: 0 } } }),
    ]);
    const one = await h.app.inject({ method: 'GET', url: `/v1/import/runs/${runId}`, headers: bearer(tokens.admin) });
    expect(one.json()).toMatchObject({ id: runId, outcome: 'imported', rejections: [], rejectionCount: 0 });
    expect((await h.app.inject({ method: 'GET', url: '/v1/import/runs/no-such-run', headers: bearer(tokens.admin) })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/v1/import/runs', headers: bearer(tokens.lead) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/v1/import/runs?limit=0', headers: bearer(tokens.admin) })).statusCode).toBe(400);
  });

  it('keeps a run whatever the request names: a file name or preset with NUL, controls, bidi overrides and lone surrogates is stored as it reads', async () => {
    const hostile = 'evil\u0000\u202Egpj.csv\u0007\ud800';
    const named = await post(tokens.admin, { format: 'csv', entity: 'customers', mapping: { columns: { key: 'k', name: 'n' }, defaultCurrency: 'EUR', defaultCountry: 'DE' }, content: 'k,n\nHF-1,Hostile File\n', fileName: hostile });
    expect(named.statusCode).toBe(200);
    const run = await h.app.inject({ method: 'GET', url: `/v1/import/runs/${named.json<{ runId: string }>().runId}`, headers: bearer(tokens.admin) });
    expect(run.json<{ file: { name: string } }>().file.name).toBe('evil\\u0000\\u202egpj.csv\\u0007\\ud800');
    const preset = await post(tokens.admin, { format: 'csv', preset: `\u0000${'\u202E'.repeat(3)}`, content: 'a\n' });
    expect(preset.statusCode).toBe(400);
    const failed = await h.app.inject({ method: 'GET', url: '/v1/import/runs?limit=1', headers: bearer(tokens.admin) });
    expect(failed.json<{ runs: { outcome: string; source: string }[] }>().runs[0]).toMatchObject({ outcome: 'failed', source: 'preset \\u0000\\u202e\\u202e\\u202e (csv)' });
  });

  it('validates the body: format, entity, unknown fields, mapping, preset', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ format: 'xml', entity: 'customers', content: 'a' }, undefined],
      [{ format: 'json', entity: 'invoices', records: customers }, 'entity'],
      [{ format: 'json', entity: 'customers', records: customers, extra: true }, undefined],
      [{ format: 'json', entity: 'customers', records: [] }, 'records'],
      [{ format: 'csv', entity: 'customers', mapping: { columns: { key: 'id' }, decimalSeparator: ';' }, content: 'id\n1\n' }, 'mapping.decimalSeparator'],
      [{ format: 'csv', entity: 'customers', content: 'id\n1\n' }, 'mapping'],
      [{ format: 'csv', content: 'id\n1\n' }, 'entity'],
      [{ format: 'csv', preset: 'ibm-ar', entity: 'customers', content: 'id\n1\n' }, 'entity'],
      [{ format: 'csv', preset: 'ibm-ar', mapping: {}, content: 'id\n1\n' }, 'mapping'],
      [{ format: 'json', preset: 'oracle-receivables-invoices', records: [{}] }, 'records'],
      [{ format: 'json', preset: 'oracle-receivables-invoices' }, 'document'],
      [{ format: 'json', entity: 'customers', document: {} }, 'document'],
      [{ format: 'xlsx', entity: 'customers', mapping: { columns: { key: 'id', name: 'n' } }, contentBase64: 'not base64!' }, 'contentBase64'],
      [{ format: 'xlsx', entity: 'customers', contentBase64: 'AAAA' }, 'mapping'],
      [{ format: 'csv', preset: 'oracle-receivables-invoices', content: 'a\n' }, 'format'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(tokens.admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const body = response.json<{ error: { code: string; field?: string } }>();
      expect(body.error.code).toBe('validation');
      if (field !== undefined) expect(body.error.field).toBe(field);
    }
    const unmapped = await post(tokens.admin, { format: 'csv', entity: 'customers', mapping: { columns: { key: 'id' } }, content: 'id\n1\n' });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json()).toEqual({ error: { code: 'validation', message: 'The mapping must name a column for name.', field: 'mapping' } });
    const missingColumn = await post(tokens.admin, { format: 'csv', entity: 'customers', mapping: { columns: { key: 'id', name: 'Name' } }, content: 'id\n1\n' });
    expect(missingColumn.statusCode).toBe(400);
    expect(missingColumn.json<{ error: { message: string } }>().error.message).toContain('columns the file does not have: Name');
    const preset = await post(tokens.admin, { format: 'csv', preset: 'sap', content: 'a\n' });
    expect(preset.statusCode).toBe(400);
    expect(preset.json<{ error: { field: string } }>().error.field).toBe('preset');
  });
});
