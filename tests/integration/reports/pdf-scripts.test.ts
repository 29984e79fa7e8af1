/**
 * Every PDF kind written with names and notes in Polish, German, Chinese, Arabic, Hebrew and with
 * emoji and symbols: read back with pdftotext, each text is there as typed and nothing is reported
 * missing; a script no shipped font writes is reported, character by character, never printed as "?".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addActivity, addContactPerson, addCustomer, addItem, addNote } from '../../support/builders';
import { createReportFixture, type ReportFixture } from './fixture';
import { pdfText, renderPage } from './read-back';

let fx: ReportFixture;
beforeEach(async () => {
  fx = await createReportFixture();
});
afterEach(async () => {
  await fx.api.cleanup();
});

const POLISH = 'Jędrzejewski Łódź ŁŚŻ łśż ĄĘ';
const GERMAN = 'Müller & Söhne Straße';
const CHINESE = '北京科技有限公司';
const CHINESE_NOTE = '客户承诺下周五付款';
const ARABIC_WORDS = ['مرحبا', 'العميل', 'يورو'];
const HEBREW_WORDS = ['שלום', 'לקוח'];
const EMOJI = '👍';
const SYMBOLS = '✓ ★';

/** A customer of each script, with a contact person, a note, a contact and an open item. */
function addWorldCustomers(): { chinese: string; arabic: string } {
  const { sqlite } = fx.api.store;
  const chinese = addCustomer(sqlite, { number: '2000001', name: `${CHINESE} ${POLISH}`, collector_id: fx.anna }).id;
  addContactPerson(sqlite, chinese, { name: 'Sylwia Gaweł 王芳', is_primary: 1, email: 'wang@example.cn' });
  addNote(sqlite, chinese, `${CHINESE_NOTE} ${EMOJI} ${SYMBOLS} ${GERMAN}`, { created_by: fx.anna, created_at: '2026-11-12T08:00:00.000Z' });
  addActivity(sqlite, chinese, { occurred_at: '2026-11-12T09:00:00.000Z', channel: 'phone', outcome: 'promise_to_pay', note: `${CHINESE_NOTE}。${POLISH}`, user_id: fx.anna });
  addItem(sqlite, chinese, { document_number: 'INV-中-1', document_date: '2026-10-01', due_date: '2026-10-31', open_minor: 12_345 });
  const arabic = addCustomer(sqlite, { number: '2000002', name: `شركة ${ARABIC_WORDS[0] ?? ''} Trading`, collector_id: fx.anna }).id;
  addContactPerson(sqlite, arabic, { name: `${HEBREW_WORDS[0] ?? ''} Cohen`, is_primary: 1, email: 'cohen@example.il' });
  addNote(sqlite, arabic, `${ARABIC_WORDS[1] ?? ''} يعد بالدفع 500 ${ARABIC_WORDS[2] ?? ''} (الجمعة)`, { created_by: fx.anna, created_at: '2026-11-13T08:00:00.000Z' });
  addActivity(sqlite, arabic, { occurred_at: '2026-11-13T09:00:00.000Z', channel: 'email', outcome: 'no_answer', note: `${HEBREW_WORDS.join(' ')} 123`, user_id: fx.anna });
  addItem(sqlite, arabic, { document_number: 'INV-A-1', document_date: '2026-10-01', due_date: '2026-10-31', open_minor: 50_000 });
  return { chinese, arabic };
}

async function exportPdf(input: unknown): Promise<{ text: string; unprintable: readonly string[]; path: string }> {
  const { jobId } = await fx.api.call('report.exportStart', input);
  const status = await fx.settled(jobId);
  expect(status).toMatchObject({ state: 'done', error: null });
  return { text: pdfText(status.filePath), unprintable: status.unprintable, path: status.filePath };
}

/** pdftotext writes right-to-left words in reading order but may place them anywhere on the line. */
const words = (text: string): Set<string> => new Set(text.normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e]/g, ' ').split(/[\s()،,.]+/u));

describe('PDFs in any script', () => {
  it('the notes export prints every script as typed and reports nothing missing', async () => {
    addWorldCustomers();
    const { text, unprintable, path } = await exportPdf({ kind: 'notes', format: 'pdf', filter: {} });
    expect(unprintable).toEqual([]);
    for (const expected of [POLISH, GERMAN, CHINESE, CHINESE_NOTE, EMOJI, '✓', '★', 'Łódź Trading 東京']) expect(text).toContain(expected);
    const found = words(text);
    for (const word of [...ARABIC_WORDS, ...HEBREW_WORDS]) expect(found, word).toContain(word);
    expect(text).not.toContain('?');
    renderPage(path, 1, join(mkdtempSync(join(tmpdir(), 'll-pdf-')), 'notes'));
  });

  it('the aging report prints the customers’ names in every script', async () => {
    addWorldCustomers();
    const { text, unprintable } = await exportPdf({ kind: 'aging', format: 'pdf' });
    expect(unprintable).toEqual([]);
    expect(text).toContain(CHINESE);
    expect(words(text)).toContain(ARABIC_WORDS[0]);
  });

  it('a statement spells the customer and the addressee as written, in Chinese, Polish, Arabic and Hebrew', async () => {
    const { chinese, arabic } = addWorldCustomers();
    const first = await exportPdf({ kind: 'statement', format: 'pdf', filter: { customerId: chinese } });
    expect(first.unprintable).toEqual([]);
    expect(first.text).toContain(CHINESE);
    expect(first.text).toContain('Sylwia Gaweł 王芳');
    expect(first.text).toContain('INV-中-1');
    const second = await exportPdf({ kind: 'statement', format: 'pdf', filter: { customerId: arabic } });
    expect(second.unprintable).toEqual([]);
    const found = words(second.text);
    expect(found).toContain(ARABIC_WORDS[0]);
    expect(found).toContain(HEBREW_WORDS[0]);
  });

  it('names each character of a script no shipped font writes (Ethiopic, Thai), once, and prints the rest', async () => {
    const { sqlite } = fx.api.store;
    const customer = addCustomer(sqlite, { number: '2000003', name: 'Addis ሰላም Bangkok ไทย', collector_id: fx.anna }).id;
    addNote(sqlite, customer, 'ሰላም again, 北京', { created_by: fx.anna, created_at: '2026-11-14T08:00:00.000Z' });
    const { text, unprintable } = await exportPdf({ kind: 'notes', format: 'pdf', filter: {} });
    expect(unprintable).toEqual(['ሰ', 'ላ', 'ም', 'ไ', 'ท', 'ย']);
    expect(text).toContain('北京');
    expect(text).toContain('Addis');
    expect(text).not.toContain('?');
  });
});
