/**
 * A priority factor's name and detail in the interface language, from the values the score keeps
 * with each factor (shared/domain/priority.ts); a summary stored before those values were kept
 * shows its English detail until it is recomputed.
 */
import type { TFunction } from 'i18next';
import { amount } from './format';

export interface FactorWords {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly params?: {
    readonly amountMinor?: number;
    readonly currency?: string;
    readonly convertedFrom?: readonly { readonly currency: string; readonly rate: string }[];
    readonly count?: number;
    readonly percent?: number;
    readonly riskClass?: 'low' | 'medium' | 'high' | 'critical';
    readonly never?: boolean;
  };
}

const LABEL_KEYS = {
  overdueAmount: 'common.factors.label.overdueAmount',
  oldestDaysPastDue: 'common.factors.label.oldestDaysPastDue',
  brokenPromise: 'common.factors.label.brokenPromise',
  promiseDueSoon: 'common.factors.label.promiseDueSoon',
  followUpDue: 'common.factors.label.followUpDue',
  disputeNearDeadline: 'common.factors.label.disputeNearDeadline',
  creditLimitExceeded: 'common.factors.label.creditLimitExceeded',
  riskClass: 'common.factors.label.riskClass',
  noRecentContact: 'common.factors.label.noRecentContact',
  openPromiseNotDue: 'common.factors.label.openPromiseNotDue',
  futureFollowUp: 'common.factors.label.futureFollowUp',
} as const;

const RISK_KEYS = {
  low: 'common.factors.detail.risk.low',
  medium: 'common.factors.detail.risk.medium',
  high: 'common.factors.detail.risk.high',
  critical: 'common.factors.detail.risk.critical',
} as const;

const isLabelKey = (key: string): key is keyof typeof LABEL_KEYS => Object.hasOwn(LABEL_KEYS, key);

export const factorLabel = (t: TFunction, factor: FactorWords): string => (isLabelKey(factor.key) ? t(LABEL_KEYS[factor.key]) : factor.label);

export function factorDetail(t: TFunction, factor: FactorWords): string {
  const { params } = factor;
  if (params === undefined || !isLabelKey(factor.key)) return factor.detail;
  const count = params.count ?? 0;
  switch (factor.key) {
    case 'overdueAmount': {
      const overdue = params.currency === undefined ? '' : `${params.currency} ${amount(params.amountMinor ?? 0, params.currency)}`;
      const from = params.convertedFrom ?? [];
      if (from.length === 0) return t('common.factors.detail.overdue', { amount: overdue });
      return t('common.factors.detail.overdueConverted', {
        amount: overdue,
        count: from.length,
        currencies: from.map((entry) => entry.currency).join(', '),
        rates: from.map((entry) => `1 ${entry.currency} = ${entry.rate} ${params.currency ?? ''}`).join(', '),
      });
    }
    case 'oldestDaysPastDue':
      return t('common.factors.detail.oldest', { count });
    case 'brokenPromise':
      return t('common.factors.detail.broken', { count });
    case 'promiseDueSoon':
      return t('common.factors.detail.promiseDueSoon');
    case 'followUpDue':
      return t('common.factors.detail.followUpDue');
    case 'disputeNearDeadline':
      return t('common.factors.detail.disputes', { count });
    case 'creditLimitExceeded':
      return t('common.factors.detail.creditLimitExceeded');
    case 'riskClass':
      return params.riskClass === undefined ? factor.detail : t(RISK_KEYS[params.riskClass]);
    case 'noRecentContact':
      return params.never === true ? t('common.factors.detail.neverContacted') : t('common.factors.detail.lastContact', { count });
    case 'openPromiseNotDue':
      return params.percent === 100 ? t('common.factors.detail.promiseCoversAll') : t('common.factors.detail.promiseCovers', { percent: params.percent ?? 0 });
    case 'futureFollowUp':
      return t('common.factors.detail.futureFollowUp');
  }
}
