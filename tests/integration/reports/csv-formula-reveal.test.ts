import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { csvText } from '../../../db/reports/csv-writer';
import { dispatch } from '../../../shared/api/dispatch';
import { addActivity, addContactPerson, addNote } from '../../support/builders';
import { expectError } from '../collector/fixture';
import { createReportFixture, type ReportFixture } from './fixture';
import { parseCsv } from './read-back';

let fx: ReportFixture;
beforeEach(async () => {
  fx = await createReportFixture();
});
afterEach(async () => {
  await fx.api.cleanup();
});

async function exportCsv(input: object): Promise<{ path: string; fileName: string }> {
  const { jobId, fileName } = await fx.api.call('report.exportStart', { format: 'csv', ...input });
  const status = await fx.settled(jobId);
  expect(status.state).toBe('done');
  return { path: status.filePath, fileName };
}

const FORMULAS = ['=HYPERLINK("http://evil.example","Click")', '+49 30 1234', '-5% agreed', '@SUM(A1:A9)', '\tTabbed', '\rCarriage'];

describe('CSV formula injection', () => {
  it('a text field a spreadsheet would run as a formula starts with a quote; other text is unchanged', () => {
    expect(FORMULAS.map((value) => csvText({ t: 'text', v: value }))).toEqual(FORMULAS.map((value) => `'${value}`));
    expect(csvText({ t: 'text', v: 'Paid 5 = fine' })).toBe('Paid 5 = fine');
    expect(csvText({ t: 'text', v: "'already quoted" })).toBe("'already quoted");
  });

  it('never touches amounts and dates: a negative amount stays a number', () => {
    expect(csvText({ t: 'money', minor: -5_000, currency: 'EUR' })).toBe('-50.00');
    expect(csvText({ t: 'date', v: '2026-11-23' })).toBe('2026-11-23');
    expect(csvText({ t: 'timestamp', v: '2026-11-23T09:00:00.000Z' })).toBe('2026-11-23 09:00:00');
  });

  it('in a notes export, texts, names and contact persons are defused and read back with the quote', async () => {
    const { sqlite } = fx.api.store;
    const person = addContactPerson(sqlite, fx.quiet, { name: '=cmd|" /C calc"!A0', is_primary: 1 }).id;
    FORMULAS.forEach((note, index) => {
      addActivity(sqlite, fx.quiet, { occurred_at: `2026-11-1${index}T10:00:00.000Z`, channel: 'phone', outcome: 'no_answer', note, user_id: fx.anna, contact_person_id: person });
    });
    addNote(sqlite, fx.quiet, '-1 day: customer asked for a copy', { created_by: fx.anna, created_at: '2026-11-20T08:00:00.000Z' });
    const { path } = await exportCsv({ kind: 'notes', filter: { scope: { kind: 'customers', customerIds: [fx.quiet] } } });
    const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
    const text = header?.indexOf('Text') ?? -1;
    const contact = header?.indexOf('Contact person') ?? -1;
    expect(rows.map((row) => row[text])).toEqual([...FORMULAS, '-1 day: customer asked for a copy'].map((value) => `'${value}`));
    expect(rows.slice(0, FORMULAS.length).map((row) => row[contact])).toEqual(FORMULAS.map(() => `'=cmd|" /C calc"!A0`));
  });

  it('in an aging export, a credit (negative) amount is written as a plain number', async () => {
    const { path } = await exportCsv({ kind: 'aging', filter: { scope: { kind: 'customers', customerIds: [fx.krueger] } } });
    const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
    const credit = header?.findIndex((name) => /1.30/.test(name)) ?? -1;
    expect(credit).toBeGreaterThan(0);
    expect(rows[0]?.[credit]).toBe('-50.00');
    expect(rows.flat().some((field) => field.startsWith("'"))).toBe(false);
  });
});

describe('report.reveal', () => {
  it('shows a finished export through the desktop hook, with its full path', async () => {
    const { path, fileName } = await exportCsv({ kind: 'notes' });
    const revealed: string[] = [];
    const handlers = createHandlers({ ...fx.api.ctx, revealFile: (file) => revealed.push(file) });
    expect(await dispatch(handlers, 'report.reveal', { fileName })).toEqual({ ok: true, value: { revealed: true } });
    expect(revealed).toEqual([path]);
  });

  it('says so when the app has no file manager to show it in (dev:web)', async () => {
    const { fileName } = await exportCsv({ kind: 'notes' });
    const error = expectError(await fx.api.raw('report.reveal', { fileName }));
    expect(error).toMatchObject({ code: 'conflict', field: 'fileName' });
    expect(error.message).toMatch(/download/);
  });

  it('refuses paths, part files and unknown exports, naming the field', async () => {
    const handlers = createHandlers({ ...fx.api.ctx, revealFile: () => undefined });
    for (const fileName of ['../ledgerline.db', 'a/b.csv', 'x.csv.part', 'notes..csv', '']) {
      expect(expectError(await dispatch(handlers, 'report.reveal', { fileName }))).toMatchObject({ code: 'validation', field: 'fileName' });
    }
    expect(expectError(await dispatch(handlers, 'report.reveal', { fileName: 'portfolio-notes_none.csv' }))).toMatchObject({ code: 'not_found', field: 'fileName' });
  });
});
