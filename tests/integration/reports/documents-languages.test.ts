/**
 * The exported documents in German, Spanish and Simplified Chinese (`language` of report.exportStart),
 * read back like the English ones: CSV parsed, the workbook opened with exceljs, PDFs through
 * pdftotext. Words, labels and PDF amounts and dates are the language's; CSV numbers and dates stay
 * machine-readable and Excel cells typed. English, the default, is what the other tests check.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { expectError } from '../collector/fixture';
import { addItem } from '../../support/builders';
import { createReportFixture, KRUEGER_NAME, LODZ_NAME, type ReportFixture } from './fixture';
import { parseCsv, pdfText } from './read-back';

let fx: ReportFixture;
beforeEach(async () => {
  fx = await createReportFixture();
  // 123,456.78 EUR, 84 days past due on 2026-11-23 (61–90), 1,000.00 of it disputed: an amount with thousands.
  addItem(fx.api.store.sqlite, fx.krueger, { document_number: 'INV-K5', document_date: '2026-08-01', due_date: '2026-08-31', open_minor: 12_345_678, disputed_minor: 100_000 });
});
afterEach(async () => {
  await fx.api.cleanup();
});

async function exportFile(input: Record<string, unknown>): Promise<string> {
  const { jobId } = await fx.api.call('report.exportStart', input);
  const status = await fx.settled(jobId);
  expect(status).toMatchObject({ state: 'done', percent: 100, error: null, unprintable: [] });
  return status.filePath;
}

const csvOf = async (input: Record<string, unknown>): Promise<string[][]> => parseCsv(readFileSync(await exportFile(input), 'utf8'));

/** Everything a language's documents are checked for, spelt out (not read from the catalog), so a wrong or missing word shows. */
interface Expected {
  readonly notes: {
    readonly header: readonly string[];
    readonly sheet: string;
    /** Type, channel, outcome of the first contact; type and promise status of the promise; type, reason and status of the dispute. */
    readonly contact: readonly [string, string, string];
    readonly promise: readonly [string, string];
    readonly dispute: readonly [string, string, string];
    readonly pdf: readonly (string | RegExp)[];
  };
  readonly aging: {
    readonly header: readonly string[];
    readonly collectorTotal: string;
    readonly total: string;
    readonly pdf: readonly (string | RegExp)[];
  };
  readonly statement: readonly (string | RegExp)[];
  /** In every PDF's footer. */
  readonly footer: readonly (string | RegExp)[];
}

const EXPECTED: Readonly<Record<Exclude<UiLanguage, 'en'>, Expected>> = {
  de: {
    notes: {
      header: [
        'Kundennummer',
        'Kundenname',
        'Sachbearbeiter',
        'Datum und Uhrzeit (UTC)',
        'Art',
        'Kanal',
        'Richtung',
        'Ergebnis',
        'Ansprechpartner',
        'Text',
        'Betrag',
        'Währung',
        'Zugesagtes Datum',
        'Status der Zahlungszusage',
        'Reklamationsgrund',
        'Reklamationsstatus',
        'Benutzer',
      ],
      sheet: 'Notizen',
      contact: ['Kontakt', 'Telefon', 'Nicht erreicht'],
      promise: ['Zahlungszusage', 'Offen'],
      dispute: ['Reklamation', 'Preis', 'In Bearbeitung'],
      pdf: [
        'Portfolio-Notizen',
        'alle Kunden · 01.11.2026 bis 30.11.2026 · alle Eintragsarten',
        'Sachbearbeiter: Anna Nowak',
        'EUR: offen EUR 123.706,78 · überfällig EUR 123.606,78 · strittig EUR 1.000,00 (Stand 23.11.2026)',
        /Nicht fällig: 100,00\s+1–30: -50,00\s+31–60: 200,00\s+61–90: 123\.456,78/,
        // The column is widened for the label rather than breaking it.
        /10\.11\.2026 09:35\s+Zahlungszusage\s+zugesagt zum 30\.11\.2026/,
        'EUR 1.234,56',
        'von Anna Nowak',
        /Persönlich, Ausgehend/,
      ],
    },
    aging: {
      header: [
        'Sachbearbeiter',
        'Kundennummer',
        'Kundenname',
        'Währung',
        'Nicht fällig',
        '1–30',
        '31–60',
        '61–90',
        '91–120',
        '>120',
        'Nicht zugeordnete Zahlungen',
        'Gesamt',
        'Überfällig',
      ],
      collectorTotal: 'Summe Anna Nowak',
      total: 'Gesamt',
      pdf: [
        'Altersstruktur der Forderungen zum 23.11.2026',
        'alle Kunden · alle Währungen · Altersbänder nach Tagen seit Fälligkeit',
        /Kunde\s+Name\s+Währung\s+Nicht fällig\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+Nicht\s+Gesamt\s+zugeordnet/,
        /1000001\s+Krüger\/Sohn, "Quote" GmbH\s+EUR\s+100,00\s+-50,00\s+200,00\s+123\.456,78\s+0,00\s+0,00\s+0,00\s+123\.706,78/,
        /Summen je Währung[\s\S]*Gesamt\s+PLN\s+0,00\s+0,00\s+0,00\s+0,00\s+0,00\s+700,00\s+0,00\s+700,00/,
      ],
    },
    statement: [
      'Debitorenbuchhaltung',
      'Kontoauszug · Krüger/Sohn, "Quote" GmbH',
      'Kunde 1000001 · Stichtag 23.11.2026',
      'Stichtag: 23.11.2026',
      'z. Hd. Hans Krüger <hans@krueger.example>',
      'Kundennummer 1000001 · Land DE · Zahlungsbedingungen Net 30',
      'Offene Posten in EUR',
      // Whole words: a header word wider than its column widens the column instead of breaking.
      /Beleg\s+Art\s+Referenz\s+Belegdatum\s+Fälligkeitsdatum\s+Tage\s+Betrag\s+Offener Betrag\s+überfällig/,
      /INV-K5\s+Rechnung\s+01\.08\.2026\s+31\.08\.2026\s+84\s+123\.456,78\s+123\.456,78\s+\(davon 1\.000,00\s+strittig\)/,
      /CM-K2\s+Gutschrift\s+20\.10\.2026\s+01\.11\.2026\s+22\s+-50,00\s+-50,00/,
      /Summe\s+EUR 123\.706,78/,
      /Nicht fällig\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+100,00\s+-50,00\s+200,00\s+123\.456,78\s+0,00\s+0,00/,
      'Saldo EUR 123.706,78 · überfällig EUR 123.606,78 · davon strittig EUR 1.000,00',
      'Bitte begleichen Sie die überfälligen Beträge',
    ],
    footer: ['Gedruckt am 23.11.2026 09:00 UTC', 'Seite 1'],
  },
  es: {
    notes: {
      header: [
        'Número de cliente',
        'Nombre del cliente',
        'Gestor de cobros',
        'Fecha y hora (UTC)',
        'Tipo',
        'Canal',
        'Dirección',
        'Resultado',
        'Persona de contacto',
        'Texto',
        'Importe',
        'Moneda',
        'Fecha prometida',
        'Estado de la promesa',
        'Motivo de la disputa',
        'Estado de la disputa',
        'Usuario',
      ],
      sheet: 'Notas',
      contact: ['Contacto', 'Teléfono', 'Sin respuesta'],
      promise: ['Promesa de pago', 'Abierta'],
      dispute: ['Disputa', 'Precio', 'En proceso'],
      pdf: [
        'Notas de la cartera',
        'todos los clientes · del 01/11/2026 al 30/11/2026 · todos los tipos',
        'Gestor de cobros: Anna Nowak',
        // Spanish groups thousands from five digits on (CLDR): 1000,00 but 123.706,78.
        'EUR: pendiente EUR 123.706,78 · vencido EUR 123.606,78 · en disputa EUR 1000,00 (al 23/11/2026)',
        /No vencido: 100,00\s+1–30: -50,00\s+31–60: 200,00\s+61–90: 123\.456,78/,
        /10\/11\/2026 09:35\s+Promesa de\s+prometido para el\s+por Anna Nowak[\s\S]*pago\s+30\/11\/2026/,
        'EUR 1234,56',
        'por Anna Nowak',
      ],
    },
    aging: {
      header: [
        'Gestor de cobros',
        'Número de cliente',
        'Nombre del cliente',
        'Moneda',
        'No vencido',
        '1–30',
        '31–60',
        '61–90',
        '91–120',
        '>120',
        'Cobros no aplicados',
        'Total',
        'Vencido',
      ],
      collectorTotal: 'Total Anna Nowak',
      total: 'Total',
      pdf: [
        'Antigüedad de saldos al 23/11/2026',
        'todos los clientes · todas las monedas · tramos por días desde la fecha de vencimiento',
        /Cliente\s+Nombre\s+Moneda\s+No vencido\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+No aplicado\s+Total/,
        /1000001\s+Krüger\/Sohn, "Quote" GmbH\s+EUR\s+100,00\s+-50,00\s+200,00\s+123\.456,78\s+0,00\s+0,00\s+0,00\s+123\.706,78/,
        /Totales por moneda[\s\S]*Total\s+PLN\s+0,00\s+0,00\s+0,00\s+0,00\s+0,00\s+700,00\s+0,00\s+700,00/,
      ],
    },
    statement: [
      'Cuentas por cobrar',
      'Estado de cuenta · Krüger/Sohn, "Quote" GmbH',
      'Cliente 1000001 · fecha del estado de cuenta 23/11/2026',
      'Fecha del estado de cuenta: 23/11/2026',
      'A la atención de Hans Krüger <hans@krueger.example>',
      'Número de cliente 1000001 · país DE · condiciones de pago Net 30',
      'Partidas abiertas en EUR',
      /Documento\s+Tipo\s+Referencia\s+Fecha del\s+Fecha de\s+Días de\s+Importe\s+Importe\s+documento\s+vencimiento\s+vencimiento\s+pendiente/,
      /INV-K5\s+Factura\s+01\/08\/2026\s+31\/08\/2026\s+84\s+123\.456,78\s+123\.456,78/,
      /CM-K2\s+Nota de\s+20\/10\/2026\s+01\/11\/2026\s+22\s+-50,00\s+-50,00\s+crédito/,
      /Total\s+EUR 123\.706,78/,
      /No vencido\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+100,00\s+-50,00\s+200,00\s+123\.456,78\s+0,00\s+0,00/,
      'Saldo EUR 123.706,78 · vencido EUR 123.606,78 · del cual en disputa EUR 1000,00',
      'Le rogamos que abone los importes vencidos',
    ],
    footer: ['Impreso el 23/11/2026 09:00 UTC', 'Página 1'],
  },
  'zh-CN': {
    notes: {
      header: ['客户编号', '客户名称', '催收员', '日期时间（UTC）', '类型', '渠道', '方向', '结果', '联系人', '内容', '金额', '币种', '承诺付款日期', '承诺状态', '争议原因', '争议状态', '用户'],
      sheet: '备注',
      contact: ['联系', '电话', '无人接听'],
      promise: ['付款承诺', '待兑现'],
      dispute: ['争议', '价格', '处理中'],
      pdf: [
        '客户组合备注',
        '所有客户 · 2026/11/01 至 2026/11/30 · 全部类型',
        '催收员：Anna Nowak',
        'EUR：未清 EUR 123,706.78 · 逾期 EUR 123,606.78 · 有争议 EUR 1,000.00（截至 2026/11/23）',
        /未到期：100\.00\s+1–30：-50\.00\s+31–60：200\.00\s+61–90：123,456\.78/,
        'EUR 1,234.56',
        '记录人：Anna Nowak',
        '电话、发出',
      ],
    },
    aging: {
      header: ['催收员', '客户编号', '客户名称', '币种', '未到期', '1–30', '31–60', '61–90', '91–120', '>120', '未核销款项', '合计', '逾期'],
      collectorTotal: 'Anna Nowak 合计',
      total: '合计',
      pdf: [
        '账龄分析（截至 2026/11/23）',
        '所有客户 · 所有币种 · 按到期日起的天数分段',
        /客户\s+名称\s+币种\s+未到期\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+未核销\s+合计/,
        /1000001\s+Krüger\/Sohn, "Quote" GmbH\s+EUR\s+100\.00\s+-50\.00\s+200\.00\s+123,456\.78\s+0\.00\s+0\.00\s+0\.00\s+123,706\.78/,
        /按币种合计[\s\S]*合计\s+PLN\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+700\.00\s+0\.00\s+700\.00/,
      ],
    },
    statement: [
      '应收账款部',
      '对账单 · Krüger/Sohn, "Quote" GmbH',
      '客户 1000001 · 对账日期 2026/11/23',
      '对账日期：2026/11/23',
      '收件人：Hans Krüger <hans@krueger.example>',
      '客户编号 1000001 · 国家/地区 DE · 付款条件 Net 30',
      '未清项（EUR）',
      /单据号\s+类型\s+参考号\s+单据日期\s+到期日\s+逾期天数\s+金额\s+未清金额/,
      /INV-K5\s+发票\s+2026\/08\/01\s+2026\/08\/31\s+84\s+123,456\.78\s+123,456\.78/,
      /CM-K2\s+贷项通知单\s+2026\/10\/20\s+2026\/11\/01\s+22\s+-50\.00\s+-50\.00/,
      /合计\s+EUR 123,706\.78/,
      /未到期\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+100\.00\s+-50\.00\s+200\.00\s+123,456\.78\s+0\.00\s+0\.00/,
      '余额 EUR 123,706.78 · 逾期 EUR 123,606.78 · 其中有争议 EUR 1,000.00',
      '请支付逾期款项',
    ],
    // pdftotext leaves out the spaces around a number between Chinese characters.
    footer: ['打印时间：2026/11/23 09:00 UTC', /第\s?1\s?页/],
  },
};

function expectAll(text: string, expected: readonly (string | RegExp)[]): void {
  for (const item of expected) {
    if (typeof item === 'string') expect(text).toContain(item);
    else expect(text).toMatch(item);
  }
}

describe.each(Object.entries(EXPECTED) as [Exclude<UiLanguage, 'en'>, Expected][])('documents in %s', (language, expected) => {
  it('notes CSV: the header row and the codes’ labels translated, numbers and dates as machine-readable as in English', async () => {
    const [header, ...rows] = await csvOf({ kind: 'notes', format: 'csv', language });
    expect(header).toEqual(expected.notes.header);
    const pick = (row: string[] | undefined) => [row?.[0], row?.[3], row?.[4], row?.[5], row?.[7], row?.[10], row?.[11], row?.[12], row?.[13], row?.[14], row?.[15]];
    const [contact, , promise, , , dispute] = rows;
    expect(pick(contact)).toEqual(['1000001', '2026-11-02 10:00:00', expected.notes.contact[0], expected.notes.contact[1], expected.notes.contact[2], '', '', '', '', '', '']);
    expect(pick(promise)).toEqual(['1000001', '2026-11-10 09:35:00', expected.notes.promise[0], '', '', '1234.56', 'EUR', '2026-11-30', expected.notes.promise[1], '', '']);
    expect(pick(dispute)).toEqual(['1000002', '2026-11-05 08:10:00', expected.notes.dispute[0], '', '', '500.00', 'PLN', '', '', expected.notes.dispute[1], expected.notes.dispute[2]]);
    // Names and texts are data: as typed.
    expect(rows.map((row) => row[1])).toContain(KRUEGER_NAME);
    expect(rows.map((row) => row[1])).toContain(LODZ_NAME);
  });

  it('notes Excel: the header row and sheet name translated, cells still dates and numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exportFile({ kind: 'notes', format: 'xlsx', language }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([expected.notes.sheet]);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, ...expected.notes.header]);
    expect(sheet.getCell('E2').value).toBe(expected.notes.contact[0]);
    const promise = sheet.getRow(4);
    expect(promise.getCell(5).value).toBe(expected.notes.promise[0]);
    expect(promise.getCell(11).value).toBe(1234.56);
    expect(promise.getCell(11).numFmt).toBe('#,##0.00 "EUR"');
    expect(promise.getCell(13).value).toEqual(new Date('2026-11-30T00:00:00.000Z'));
    expect(sheet.getCell('D2').value).toEqual(new Date('2026-11-02T10:00:00.000Z'));
  });

  it('notes PDF: title, filters, balances and labels in the language, amounts and dates the locale’s way', async () => {
    const text = pdfText(await exportFile({ kind: 'notes', format: 'pdf', language, filter: { from: '2026-11-01', to: '2026-11-30' } }));
    expectAll(text, [...expected.notes.pdf, ...expected.footer]);
  });

  it('aging CSV: translated headers and total rows, amounts still plain decimals', async () => {
    const [header, ...rows] = await csvOf({ kind: 'aging', format: 'csv', language });
    expect(header).toEqual(expected.aging.header);
    expect(rows[0]).toEqual(['Anna Nowak', '1000001', KRUEGER_NAME, 'EUR', '100.00', '-50.00', '200.00', '123456.78', '0.00', '0.00', '0.00', '123706.78', '123606.78']);
    expect(rows[1]?.[0]).toBe(expected.aging.collectorTotal);
    expect(rows.at(-1)).toEqual([expected.aging.total, '', '', 'PLN', '0.00', '0.00', '0.00', '0.00', '0.00', '700.00', '0.00', '700.00', '700.00']);
  });

  it('aging PDF: title, filter line, column headers, footer and amounts in the language', async () => {
    const text = pdfText(await exportFile({ kind: 'aging', format: 'pdf', language }));
    expectAll(text, [...expected.aging.pdf, ...expected.footer]);
  });

  it('statement PDF: every heading, header and sentence in the language, amounts and dates the locale’s way', async () => {
    const text = pdfText(await exportFile({ kind: 'statement', format: 'pdf', language, filter: { customerId: fx.krueger } }));
    expectAll(text, [...expected.statement, ...expected.footer]);
    expect(text).not.toContain('Statement');
    expect(text).not.toContain('Page 1');
  });
});

describe('the language of a document', () => {
  it('is English when left out, and one of the languages the product speaks', async () => {
    const [omitted] = await csvOf({ kind: 'notes', format: 'csv' });
    const [english] = await csvOf({ kind: 'notes', format: 'csv', language: 'en' });
    expect(omitted).toEqual(english);
    expect(english?.[0]).toBe('Customer number');
    for (const input of [
      { kind: 'notes', format: 'csv', language: 'fr' },
      { kind: 'aging', format: 'pdf', language: 'en-XA' },
      { kind: 'statement', format: 'pdf', language: 'zh', filter: { customerId: fx.krueger } },
    ]) {
      expect(expectError(await fx.api.raw('report.exportStart', input))).toMatchObject({ code: 'validation', field: 'language' });
    }
  });

  it('of a statement is its addressee’s, else its customer’s, where the product has it; else the user’s', async () => {
    const { sqlite } = fx.api.store;
    const statementIn = async (language: string) =>
      pdfText(await exportFile({ kind: 'statement', format: 'pdf', language, filter: { customerId: fx.krueger } }));
    sqlite.prepare("UPDATE customers SET language = 'de-CH' WHERE id = ?").run(fx.krueger);
    expect(await statementIn('en')).toContain('Kontoauszug');
    sqlite.prepare("UPDATE contact_persons SET language = 'es-MX' WHERE customer_id = ?").run(fx.krueger);
    expect(await statementIn('de')).toContain('Estado de cuenta');
    // French has no translation: the customer's German then, and with neither the user's language.
    sqlite.prepare("UPDATE contact_persons SET language = 'fr' WHERE customer_id = ?").run(fx.krueger);
    expect(await statementIn('zh-CN')).toContain('Kontoauszug');
    sqlite.prepare("UPDATE customers SET language = 'fr-CH' WHERE id = ?").run(fx.krueger);
    expect(await statementIn('zh-CN')).toContain('对账单');
    // The user's language is what the other documents use, whatever the customers speak.
    const [header] = await csvOf({ kind: 'notes', format: 'csv', language: 'en' });
    expect(header?.[0]).toBe('Customer number');
  });

  it('of a statement to a customer without a language is its team’s default; the customer’s and the addressee’s still win', async () => {
    const { sqlite } = fx.api.store;
    const statementIn = async (language: string) =>
      pdfText(await exportFile({ kind: 'statement', format: 'pdf', language, filter: { customerId: fx.krueger } }));
    // As the directory leaves them (db/sync/directory.ts): the server's teams with their default language.
    sqlite.prepare("INSERT INTO teams (id, name, language) VALUES ('dach', 'DACH', 'de'), ('paris', 'Paris', 'fr'), ('plain', 'Plain', NULL)").run();
    sqlite.prepare("UPDATE customers SET team_id = 'dach', language = NULL WHERE id = ?").run(fx.krueger);
    const english = await statementIn('en');
    expect(english).toContain('Kontoauszug');
    expect(english).not.toContain('Statement of account');
    expect((await fx.api.call('customer.account', { customerId: fx.krueger })).customer).toMatchObject({ language: null, teamLanguage: 'de' });
    // The customer's own language wins over its team's, and the addressee's over both.
    sqlite.prepare("UPDATE customers SET language = 'es-MX' WHERE id = ?").run(fx.krueger);
    expect(await statementIn('en')).toContain('Estado de cuenta');
    expect((await fx.api.call('customer.account', { customerId: fx.krueger })).customer).toMatchObject({ language: 'es-MX', teamLanguage: 'de' });
    sqlite.prepare("UPDATE contact_persons SET language = 'zh-CN' WHERE customer_id = ?").run(fx.krueger);
    expect(await statementIn('en')).toContain('对账单');
    // A customer's language without a translation (French) falls through to the team's German, not the user's language.
    sqlite.prepare("UPDATE contact_persons SET language = NULL WHERE customer_id = ?").run(fx.krueger);
    sqlite.prepare("UPDATE customers SET language = 'fr' WHERE id = ?").run(fx.krueger);
    expect(await statementIn('es')).toContain('Kontoauszug');
    // A team whose language has no translation, one without a language, one the directory has not named: the user's.
    for (const team of ['paris', 'plain', 'unknown']) {
      sqlite.prepare('UPDATE customers SET team_id = ?, language = NULL WHERE id = ?').run(team, fx.krueger);
      expect(await statementIn('es'), team).toContain('Estado de cuenta');
    }
    expect((await fx.api.call('customer.account', { customerId: fx.krueger })).customer.teamLanguage).toBeNull();
  });

  it('keeps file names as they are', async () => {
    const { jobId, fileName } = await fx.api.call('report.exportStart', { kind: 'statement', format: 'pdf', language: 'de', filter: { customerId: fx.krueger } });
    expect(fileName).toMatch(/^statement_1000001_2026-11-23_20261123-090000_[0-9a-f]{6}\.pdf$/);
    expect(await fx.settled(jobId)).toMatchObject({ state: 'done', fileName });
  });
});
