/**
 * The upper bounds of amounts a user types, one rule each, run by the local command and the
 * server's applier alike. Their refusals carry the amounts as minor units with the currency, so
 * each language writes them as its UI shows them ("€191,027.75", "191.027,75 €"), never as raw minor units.
 */
import { refused, type Refusal } from '../i18n/refusals';

/** Why a promise or a plan asks for more than is still owed and not disputed; null when it does not. The form says it as the amount is typed. */
export function aboveOwedProblem(what: 'promise' | 'plan', amountMinor: number, owedMinor: number, currency: string): Refusal | null {
  if (amountMinor <= owedMinor) return null;
  return { key: what === 'promise' ? 'promiseAboveOwed' : 'planAboveOwed', params: { amountMinor, owedMinor, currency } };
}

/** A promise or a plan may not ask for more than is still owed and not disputed. */
export function requireNotAboveOwed(what: 'promise' | 'plan', amountMinor: number, owedMinor: number, currency: string, field: string): void {
  const problem = aboveOwedProblem(what, amountMinor, owedMinor, currency);
  if (problem !== null) throw refused('validation', problem, field);
}

/** A disputed amount is positive and never exceeds what is still open and undisputed on the item. */
export function requireDisputable(disputedMinor: number, itemOpenMinor: number, currency: string, field: string): void {
  if (!Number.isSafeInteger(disputedMinor) || disputedMinor <= 0) throw refused('validation', 'disputedAmountNotPositive', field);
  if (disputedMinor > itemOpenMinor) {
    throw refused('validation', { key: 'disputedAboveOpen', params: { disputedMinor, openMinor: itemOpenMinor, currency } }, field);
  }
}

/**
 * An escalation's amount (a write-off, a doubtful-account flag, a plan to approve) refers to the
 * customer's balance in its currency and may not exceed it.
 */
export function requireWithinBalance(amountMinor: number, balanceMinor: number, currency: string, field: string): void {
  if (balanceMinor <= 0) throw refused('validation', { key: 'owesNothingInCurrency', params: { currency } }, field);
  if (amountMinor > balanceMinor) throw refused('validation', { key: 'aboveBalance', params: { amountMinor, balanceMinor, currency } }, field);
}

/** The instalments of a plan add up to its total exactly. */
export function requireInstalmentsAddUp(sumMinor: number, totalMinor: number, currency: string, field: string): void {
  if (sumMinor !== totalMinor) throw refused('validation', { key: 'instalmentsDoNotAddUp', params: { sumMinor, totalMinor, currency } }, field);
}
