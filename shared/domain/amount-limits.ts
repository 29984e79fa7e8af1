/**
 * The upper bounds of amounts a user types, one rule each, run by the local command and the
 * server's applier alike. Their messages name amounts as the UI shows them ("€191,027.75"), never
 * as raw minor units.
 */
import { DomainError } from '../api/result';
import { formatMoney } from './money';

const shown = (amountMinor: number, currency: string): string => formatMoney({ amountMinor, currency });

/** Why a promise or a plan asks for more than is still owed and not disputed; null when it does not. The form says it as the amount is typed. */
export function aboveOwedProblem(what: 'promise' | 'plan', amountMinor: number, owedMinor: number, currency: string): string | null {
  if (amountMinor <= owedMinor) return null;
  const subject = what === 'promise' ? 'the promised' : 'the plan’s';
  return `${subject} ${shown(amountMinor, currency)} exceeds the ${shown(owedMinor, currency)} still owed and not disputed`;
}

/** A promise or a plan may not ask for more than is still owed and not disputed. */
export function requireNotAboveOwed(what: 'promise' | 'plan', amountMinor: number, owedMinor: number, currency: string, field: string): void {
  const problem = aboveOwedProblem(what, amountMinor, owedMinor, currency);
  if (problem !== null) throw new DomainError('validation', problem, field);
}

/** A disputed amount is positive and never exceeds what is still open and undisputed on the item. */
export function requireDisputable(disputedMinor: number, itemOpenMinor: number, currency: string, field: string): void {
  if (!Number.isSafeInteger(disputedMinor) || disputedMinor <= 0) {
    throw new DomainError('validation', 'the disputed amount must be a positive whole number of minor units', field);
  }
  if (disputedMinor > itemOpenMinor) {
    throw new DomainError('validation', `the disputed ${shown(disputedMinor, currency)} exceeds the ${shown(itemOpenMinor, currency)} open on the item`, field);
  }
}

/**
 * An escalation's amount (a write-off, a doubtful-account flag, a plan to approve) refers to the
 * customer's balance in its currency and may not exceed it.
 */
export function requireWithinBalance(amountMinor: number, balanceMinor: number, currency: string, field: string): void {
  if (balanceMinor <= 0) throw new DomainError('validation', `the customer owes nothing in ${currency}`, field);
  if (amountMinor > balanceMinor) {
    throw new DomainError('validation', `${shown(amountMinor, currency)} exceeds the customer’s ${shown(balanceMinor, currency)} balance`, field);
  }
}

/** The instalments of a plan add up to its total exactly. */
export function requireInstalmentsAddUp(sumMinor: number, totalMinor: number, currency: string, field: string): void {
  if (sumMinor !== totalMinor) {
    throw new DomainError('validation', `the instalments add up to ${shown(sumMinor, currency)}, not to the plan total ${shown(totalMinor, currency)}`, field);
  }
}
