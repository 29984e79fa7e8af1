/** A KPI figure's formula and no-value reason travel as codes and are worded in the interface language. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KPI_FORMULAS, KPI_NO_VALUE_REASONS, dsoFigures, type KpiFormulaKey, type KpiReasonKey } from '../../../shared/domain/kpi';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';
import { pseudoLocalizeTree } from '../../../shared/i18n/pseudo';
import { formulaText, reasonText } from '../../../renderer/src/dashboard/kpiText';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { en } from '../../../renderer/src/i18n/resources';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

/** The English the figures carried as text before they carried codes: the dashboard reads as it did. */
const ENGLISH_FORMULAS: Readonly<Record<KpiFormulaKey, string>> = {
  dso: 'ending AR ÷ credit sales × days in period',
  bestPossibleDso: 'current (not yet due) AR ÷ credit sales × days in period',
  averageDaysDelinquent: 'DSO − best possible DSO',
  dsoCountback: 'walk back month by month: full days while AR ≥ month sales, then remaining AR ÷ month sales × month days',
  daysDelinquentPerInvoice: 'Σ max(0, paid − due) ÷ invoices paid in the period',
  daysDelinquentWeighted: 'Σ max(0, paid − due) × amount ÷ Σ amount, invoices paid in the period',
  cei: '(opening AR + credit sales − closing total AR) ÷ (opening AR + credit sales − closing current AR) × 100',
  percentCurrent: 'current (not yet due) AR ÷ total AR × 100',
  keptRateByCount: 'kept ÷ (kept + partially kept + broken), by count',
  keptRateByAmount: 'kept ÷ (kept + partially kept + broken), by promised amount',
  collectedVsPromised: 'Σ paid ÷ Σ promised, promises due in the period (not cancelled or superseded)',
  brokenPromises: 'broken promises due in the period, in EUR',
  disputesOpened: 'disputes opened in the period (voided cases left out)',
  disputeCycleTime: 'Σ (closed − opened) days ÷ disputes closed in the period',
  contactsPerDay: 'contacts ÷ calendar days in period',
};

const ENGLISH_REASONS: Readonly<Record<KpiReasonKey, string>> = {
  noCreditSales: 'no credit sales in the period',
  creditMemosExceedSales: 'the credit memos of the period exceed its sales',
  creditBalancesExceedOwed: 'credit balances exceed what is owed',
  dsoNotAvailable: 'DSO is not available',
  endingArNegative: 'ending AR is negative',
  endingArExceedsMonths: 'ending AR is more than the credit sales of all months given',
  nothingCollectible: 'nothing was collectible in the period',
  noOpenReceivables: 'no open receivables',
  noInvoicePaid: 'no invoice paid in the period',
  noAmountPaid: 'no amount paid in the period',
  noPromiseResolved: 'no kept, partially kept or broken promise due in the period',
  noPromisedAmountResolved: 'no promised amount resolved in the period',
  nothingPromised: 'nothing promised in the period',
  noDisputeClosed: 'no dispute closed in the period',
};

const formula = (key: KpiFormulaKey) => formulaText(i18n.t, key === 'brokenPromises' ? { key, params: { currency: 'EUR' } } : { key });
const reason = (key: KpiReasonKey) => reasonText(i18n.t, { key });

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('KPI formula and reason texts', () => {
  it('read in English as the figures always wrote them', async () => {
    await i18n.changeLanguage('en');
    expect(Object.fromEntries(KPI_FORMULAS.map((key) => [key, formula(key)]))).toEqual(ENGLISH_FORMULAS);
    expect(Object.fromEntries(KPI_NO_VALUE_REASONS.map((key) => [key, reason(key)]))).toEqual(ENGLISH_REASONS);
    expect(reasonText(i18n.t, null)).toBe('');
  });

  it('are worded in every language, each code its own text, with the values put in', async () => {
    for (const language of UI_LANGUAGES) {
      await i18n.changeLanguage(language);
      const formulas = KPI_FORMULAS.map(formula);
      const reasons = KPI_NO_VALUE_REASONS.map(reason);
      for (const text of [...formulas, ...reasons]) expect(text, language).not.toMatch(/^dashboard\.|\{\{/);
      expect(new Set(formulas).size, language).toBe(formulas.length);
      expect(new Set(reasons).size, language).toBe(reasons.length);
      expect(formula('brokenPromises'), language).toContain('EUR');
    }
  });

  it('word a figure of the domain in German', async () => {
    await i18n.changeLanguage('de');
    const figures = dsoFigures({ endingArMinor: 100, currentArMinor: 0, creditSalesMinor: 0, days: 31, currency: 'EUR' });
    expect(formulaText(i18n.t, figures.dso.formula)).toBe('Forderungen am Periodenende ÷ Umsatz auf Ziel × Tage im Zeitraum');
    expect(reasonText(i18n.t, figures.dso.reason)).toBe('kein Umsatz auf Ziel im Zeitraum');
    expect(i18n.t('dashboard.formula.noValue', { reason: reasonText(i18n.t, figures.averageDaysDelinquent.reason) })).toBe('Kein Wert: kein Umsatz auf Ziel im Zeitraum.');
  });

  it('are pseudo-localised in the pseudo-locale', async () => {
    // As applyLanguage does, without the page it also marks.
    if (!i18n.hasResourceBundle('en-XA', 'translation')) i18n.addResourceBundle('en-XA', 'translation', pseudoLocalizeTree(en));
    await i18n.changeLanguage('en-XA');
    expect(formula('brokenPromises')).toMatch(/^\[.*EUR.*\]$/);
    expect(reason('noCreditSales')).toMatch(/^\[ñô çŕéδîţ šáļéš/);
  });
});
