import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCustomerNumbers, planByMapping, planByRules, type AssignableCollector, type AssignableCustomer, type AssignmentRule } from '../../shared/domain/bulk-assignment';
import { RISK_CLASSES } from '../../shared/domain/codes';
import { quotedForDisplay, textProblem } from '../../shared/domain/text';

const collector = (username: string, disabled = false): AssignableCollector => ({ id: `u-${username}`, username, teamId: 't-1', disabled });
const customer = (number: string, patch: Partial<AssignableCustomer> = {}): AssignableCustomer => ({
  id: `c-${number}`,
  number,
  erpKey: `ERP-${number}`,
  country: 'DE',
  currency: 'EUR',
  riskClass: 'low',
  collectorId: null,
  ...patch,
});
const COLLECTORS = [collector('ann'), collector('bob'), collector('gone', true)];

describe('customer numbers', () => {
  it('compare as numbers when both are digits, else as text', () => {
    expect(compareCustomerNumbers('999', '1000')).toBe(-1);
    expect(compareCustomerNumbers('1000', '1000')).toBe(0);
    expect(compareCustomerNumbers('C-2', 'C-10')).toBe(1);
  });
});

describe('planByMapping', () => {
  it('assigns by number or ERP key, counts what is already so, and refuses unknown, disabled and repeated names by line', () => {
    const customers = [customer('100'), customer('200', { collectorId: 'u-bob' }), customer('300')];
    const plan = planByMapping(
      [
        { line: 2, customer: '100', collector: 'ann' },
        { line: 3, customer: 'ERP-200', collector: 'bob' },
        { line: 4, customer: '400', collector: 'ann' },
        { line: 5, customer: '300', collector: 'gone' },
        { line: 6, customer: '100', collector: 'bob' },
      ],
      customers,
      COLLECTORS,
    );
    expect(plan.assign).toEqual([{ customerId: 'c-100', number: '100', collectorId: 'u-ann', collectorUsername: 'ann', teamId: 't-1' }]);
    expect(plan.unchanged).toBe(1);
    expect(plan.rejected).toEqual([
      { line: 4, value: '400', reason: 'no customer with number or ERP key "400"' },
      { line: 5, value: 'gone', reason: 'the user "gone" is disabled' },
      { line: 6, value: '100', reason: 'customer 100 is already named on line 2' },
    ]);
  });
});

describe('hostile names in a file', () => {
  it('are quoted with every control, bidi control and lone surrogate escaped, so a report prints them harmlessly', () => {
    expect(quotedForDisplay('plain "name" \\ ok')).toBe('"plain \\"name\\" \\\\ ok"');
    expect(quotedForDisplay('\u001b[2Jevil\u202egnp.exe\ttab\ud800')).toBe('"\\u001b[2Jevil\\u202egnp.exe\\u0009tab\\ud800"');
    expect(quotedForDisplay('Zoë 😀')).toBe('"Zoë 😀"');
    const plan = planByMapping([{ line: 2, customer: '\u001b]0;x\u0007', collector: 'ann' }, { line: 3, customer: '100', collector: 'bob\u202e' }], [customer('100')], COLLECTORS);
    expect(plan.rejected.map((rejection) => rejection.reason)).toEqual(['no customer with number or ERP key "\\u001b]0;x\\u0007"', 'there is no user "bob\\u202e"']);
    expect(plan.rejected.map((rejection) => textProblem(rejection.reason))).toEqual([null, null]);
  });
});

describe('planByRules', () => {
  it('gives each unassigned customer the collector of the first rule that matches', () => {
    const customers = [customer('100', { country: 'AT' }), customer('150', { currency: 'USD' }), customer('250', { riskClass: 'critical' }), customer('900'), customer('120', { collectorId: 'u-bob', country: 'AT' })];
    const rules: AssignmentRule[] = [
      { collector: 'ann', countries: ['AT'] },
      { collector: 'bob', currencies: ['USD'] },
      { collector: 'ann', riskClasses: ['critical'], numbers: { from: '200', to: '299' } },
    ];
    const plan = planByRules(rules, customers, COLLECTORS);
    expect(plan.assign.map((entry) => [entry.number, entry.collectorUsername])).toEqual([
      ['100', 'ann'],
      ['150', 'bob'],
      ['250', 'ann'],
    ]);
    expect(plan.unmatched).toBe(1);
    // Everyone: the assigned Austrian customer moves to the first rule's collector too.
    expect(planByRules(rules, customers, COLLECTORS, { everyone: true }).assign.map((entry) => entry.number)).toContain('120');
  });

  it('plans nothing from a rule set that names an unknown or disabled collector', () => {
    expect(planByRules([{ collector: 'ann' }, { collector: 'gone' }, { collector: 'zed' }], [customer('1')], COLLECTORS)).toEqual({
      assign: [],
      unchanged: 0,
      unmatched: 0,
      rejected: [
        { line: 2, value: 'gone', reason: 'the user "gone" is disabled' },
        { line: 3, value: 'zed', reason: 'there is no user "zed"' },
      ],
    });
  });

  it('is idempotent: once a plan is applied, planning again assigns nothing', () => {
    const customerArb = fc.record({
      number: fc.integer({ min: 1, max: 500 }).map(String),
      country: fc.constantFrom('DE', 'AT', 'FR'),
      currency: fc.constantFrom('EUR', 'USD'),
      riskClass: fc.constantFrom(...RISK_CLASSES),
      collectorId: fc.constantFrom(null, 'u-ann', 'u-bob'),
    });
    const ruleArb = fc.record(
      {
        collector: fc.constantFrom('ann', 'bob'),
        countries: fc.subarray(['DE', 'AT', 'FR'], { minLength: 1 }),
        currencies: fc.subarray(['EUR', 'USD'], { minLength: 1 }),
        numbers: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 })).map(([x, y]) => ({ from: String(Math.min(x, y)), to: String(Math.max(x, y)) })),
      },
      { requiredKeys: ['collector'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(customerArb, { selector: (c) => c.number, maxLength: 30 }), fc.array(ruleArb, { maxLength: 5 }), fc.boolean(), (rows, rules, everyone) => {
        const customers = rows.map((row) => customer(row.number, row));
        const first = planByRules(rules, customers, COLLECTORS, { everyone });
        const moved = new Map(first.assign.map((entry) => [entry.customerId, entry.collectorId]));
        const applied = customers.map((c) => ({ ...c, collectorId: moved.get(c.id) ?? c.collectorId }));
        const second = planByRules(rules, applied, COLLECTORS, { everyone });
        expect(second.assign).toEqual([]);
        expect(second.unchanged).toBe(first.unchanged + first.assign.length - (everyone ? 0 : first.assign.length));
      }),
    );
  });
});
