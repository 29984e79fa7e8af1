/**
 * A KPI figure's formula and the reason it has no value, in the interface language: the figure
 * carries them as codes with their values (shared/domain/kpi.ts KPI_FORMULAS, KPI_NO_VALUE_REASONS).
 * Each map `satisfies` a Record over its codes, so a code added there without a key fails the typecheck.
 */
import type { TFunction } from 'i18next';
import type { KpiFigureView } from '../../../shared/api/kpi-schemas';
import type { KpiFormulaKey, KpiReasonKey } from '../../../shared/domain/kpi';

const FORMULA_KEYS = {
  dso: 'dashboard.formulas.dso',
  bestPossibleDso: 'dashboard.formulas.bestPossibleDso',
  averageDaysDelinquent: 'dashboard.formulas.averageDaysDelinquent',
  dsoCountback: 'dashboard.formulas.dsoCountback',
  daysDelinquentPerInvoice: 'dashboard.formulas.daysDelinquentPerInvoice',
  daysDelinquentWeighted: 'dashboard.formulas.daysDelinquentWeighted',
  cei: 'dashboard.formulas.cei',
  percentCurrent: 'dashboard.formulas.percentCurrent',
  keptRateByCount: 'dashboard.formulas.keptRateByCount',
  keptRateByAmount: 'dashboard.formulas.keptRateByAmount',
  collectedVsPromised: 'dashboard.formulas.collectedVsPromised',
  brokenPromises: 'dashboard.formulas.brokenPromises',
  disputesOpened: 'dashboard.formulas.disputesOpened',
  disputeCycleTime: 'dashboard.formulas.disputeCycleTime',
  contactsPerDay: 'dashboard.formulas.contactsPerDay',
} as const satisfies Record<KpiFormulaKey, string>;

const REASON_KEYS = {
  noCreditSales: 'dashboard.reasons.noCreditSales',
  creditMemosExceedSales: 'dashboard.reasons.creditMemosExceedSales',
  creditBalancesExceedOwed: 'dashboard.reasons.creditBalancesExceedOwed',
  dsoNotAvailable: 'dashboard.reasons.dsoNotAvailable',
  endingArNegative: 'dashboard.reasons.endingArNegative',
  endingArExceedsMonths: 'dashboard.reasons.endingArExceedsMonths',
  nothingCollectible: 'dashboard.reasons.nothingCollectible',
  noOpenReceivables: 'dashboard.reasons.noOpenReceivables',
  noInvoicePaid: 'dashboard.reasons.noInvoicePaid',
  noAmountPaid: 'dashboard.reasons.noAmountPaid',
  noPromiseResolved: 'dashboard.reasons.noPromiseResolved',
  noPromisedAmountResolved: 'dashboard.reasons.noPromisedAmountResolved',
  nothingPromised: 'dashboard.reasons.nothingPromised',
  noDisputeClosed: 'dashboard.reasons.noDisputeClosed',
} as const satisfies Record<KpiReasonKey, string>;

/** "ending AR ÷ credit sales × days in period", in the interface language. */
export const formulaText = (t: TFunction, formula: KpiFigureView['formula']): string => t(FORMULA_KEYS[formula.key], { ...formula.params });

/** Why a figure has no value ("no credit sales in the period"); '' when it has one. */
export const reasonText = (t: TFunction, reason: KpiFigureView['reason']): string => (reason === null ? '' : t(REASON_KEYS[reason.key], { ...reason.params }));
