/**
 * Bulk assignment of customers to collectors (issue 32, point 6): by a mapping (customer → collector,
 * one row each) or by rules (country, currency, risk class, customer-number range; the first rule
 * that matches wins). Pure: the server's admin CLI reads the customers and collectors, plans with
 * these, and writes the plan in one transaction. Planning twice gives the same plan, and a plan
 * applied leaves nothing to do the second time (a customer already with its collector is
 * `unchanged`), so running a file again is harmless.
 */
import type { RiskClass } from './codes';
import { quotedForDisplay } from './text';

export interface AssignableCustomer {
  readonly id: string;
  readonly number: string;
  readonly erpKey: string;
  readonly country: string;
  readonly currency: string;
  readonly riskClass: RiskClass;
  readonly collectorId: string | null;
}

export interface AssignableCollector {
  readonly id: string;
  readonly username: string;
  readonly teamId: string | null;
  readonly disabled: boolean;
}

export interface MappingRow {
  /** Where the row is in its file (1-based, the header being line 1), for the report. */
  readonly line: number;
  /** A customer number or ERP key. */
  readonly customer: string;
  /** A collector's username. */
  readonly collector: string;
}

export interface AssignmentRule {
  readonly collector: string;
  readonly countries?: readonly string[];
  readonly currencies?: readonly string[];
  readonly riskClasses?: readonly RiskClass[];
  /** Customer numbers from … to, inclusive (numerically when both are digits, else as text). */
  readonly numbers?: { readonly from: string; readonly to: string };
}

export interface PlannedAssignment {
  readonly customerId: string;
  readonly number: string;
  readonly collectorId: string;
  readonly collectorUsername: string;
  readonly teamId: string | null;
}

export interface AssignmentRejection {
  readonly line: number;
  readonly value: string;
  readonly reason: string;
}

export interface AssignmentPlan {
  readonly assign: readonly PlannedAssignment[];
  /** Customers named (or matched) that already have that collector. */
  readonly unchanged: number;
  /** Rules: unassigned customers no rule matched. */
  readonly unmatched: number;
  readonly rejected: readonly AssignmentRejection[];
}

const DIGITS = /^\d+$/;

/** Customer numbers compare as numbers when both are digits ("999" < "1000"), else as text. */
export function compareCustomerNumbers(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ruleMatches(rule: AssignmentRule, customer: AssignableCustomer): boolean {
  if (rule.countries !== undefined && !rule.countries.includes(customer.country)) return false;
  if (rule.currencies !== undefined && !rule.currencies.includes(customer.currency)) return false;
  if (rule.riskClasses !== undefined && !rule.riskClasses.includes(customer.riskClass)) return false;
  if (rule.numbers !== undefined) {
    if (compareCustomerNumbers(customer.number, rule.numbers.from) < 0 || compareCustomerNumbers(customer.number, rule.numbers.to) > 0) return false;
  }
  return true;
}

/** Names from the file are quoted for display: a control or bidi character shows escaped, never raw on a terminal. */
function collectorProblem(collector: AssignableCollector | undefined, username: string): string | null {
  if (collector === undefined) return `there is no user ${quotedForDisplay(username)}`;
  if (collector.disabled) return `the user ${quotedForDisplay(username)} is disabled`;
  return null;
}

const planned = (customer: AssignableCustomer, collector: AssignableCollector): PlannedAssignment => ({
  customerId: customer.id,
  number: customer.number,
  collectorId: collector.id,
  collectorUsername: collector.username,
  teamId: collector.teamId,
});

/** A mapping: each row names a customer (number or ERP key) and its collector; a customer named twice is refused on the later line. */
export function planByMapping(rows: readonly MappingRow[], customers: readonly AssignableCustomer[], collectors: readonly AssignableCollector[]): AssignmentPlan {
  const byNumber = new Map(customers.map((customer) => [customer.number, customer]));
  const byKey = new Map(customers.map((customer) => [customer.erpKey, customer]));
  const byUsername = new Map(collectors.map((collector) => [collector.username, collector]));
  const assign: PlannedAssignment[] = [];
  const rejected: AssignmentRejection[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  for (const row of rows) {
    const customer = byNumber.get(row.customer) ?? byKey.get(row.customer);
    if (customer === undefined) {
      rejected.push({ line: row.line, value: row.customer, reason: `no customer with number or ERP key ${quotedForDisplay(row.customer)}` });
      continue;
    }
    const earlier = seen.get(customer.id);
    if (earlier !== undefined) {
      rejected.push({ line: row.line, value: row.customer, reason: `customer ${customer.number} is already named on line ${String(earlier)}` });
      continue;
    }
    seen.set(customer.id, row.line);
    const collector = byUsername.get(row.collector);
    const problem = collectorProblem(collector, row.collector);
    if (problem !== null || collector === undefined) {
      rejected.push({ line: row.line, value: row.collector, reason: problem ?? 'unknown collector' });
      continue;
    }
    if (customer.collectorId === collector.id) unchanged += 1;
    else assign.push(planned(customer, collector));
  }
  return { assign, unchanged, unmatched: 0, rejected };
}

/**
 * Rules, for the customers nobody collects yet (or every customer with `everyone`): the first rule
 * that matches a customer names its collector. A rule naming an unknown or disabled collector is
 * refused (its position is its "line"), and nothing is planned from a rule set with a refused rule.
 */
export function planByRules(
  rules: readonly AssignmentRule[],
  customers: readonly AssignableCustomer[],
  collectors: readonly AssignableCollector[],
  options: { readonly everyone: boolean } = { everyone: false },
): AssignmentPlan {
  const byUsername = new Map(collectors.map((collector) => [collector.username, collector]));
  const rejected: AssignmentRejection[] = [];
  const resolved: { rule: AssignmentRule; collector: AssignableCollector }[] = [];
  for (const [index, rule] of rules.entries()) {
    const collector = byUsername.get(rule.collector);
    const problem = collectorProblem(collector, rule.collector);
    if (problem !== null || collector === undefined) rejected.push({ line: index + 1, value: rule.collector, reason: problem ?? 'unknown collector' });
    else resolved.push({ rule, collector });
  }
  if (rejected.length > 0) return { assign: [], unchanged: 0, unmatched: 0, rejected };
  const assign: PlannedAssignment[] = [];
  let unchanged = 0;
  let unmatched = 0;
  for (const customer of customers) {
    if (!options.everyone && customer.collectorId !== null) continue;
    const match = resolved.find(({ rule }) => ruleMatches(rule, customer));
    if (match === undefined) unmatched += 1;
    else if (match.collector.id === customer.collectorId) unchanged += 1;
    else assign.push(planned(customer, match.collector));
  }
  return { assign, unchanged, unmatched, rejected };
}
