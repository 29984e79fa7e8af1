/**
 * The reads of one customer (its account and the collector's work on it) find that customer's rows
 * through an index: a full scan grows with the whole portfolio, and at the xl size the one scan
 * left (every follow-up, to list the customer's) cost more than the rest of the account together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_QUERIES } from '../../../db/queries/account';
import { CUSTOMER_WORK_QUERIES, ESCALATIONS } from '../../../db/queries/customer-work';
import { createTempStore, type TempStore } from '../../support/temp-store';

const READS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(ACCOUNT_QUERIES).map(([name, source]) => [`account ${name}`, source])),
  ...Object.fromEntries(Object.entries(CUSTOMER_WORK_QUERIES).map(([name, source]) => [`work ${name}`, source])),
  'work escalations': ESCALATIONS,
};

let temp: TempStore;
beforeAll(async () => {
  temp = await createTempStore();
});
afterAll(async () => {
  await temp.cleanup();
});

/** The plan's steps (SQLite's EXPLAIN QUERY PLAN details), with a placeholder for every parameter. */
function plan(source: string): string[] {
  const parameters = (source.match(/\?/g) ?? []).map(() => 'x');
  const steps = temp.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as { detail: string }[];
  return steps.map((step) => step.detail);
}

describe("one customer's reads", () => {
  it.each(Object.entries(READS))('%s searches an index and scans no table', (_name, source) => {
    const steps = plan(source);
    expect(steps.some((step) => step.startsWith('SEARCH'))).toBe(true);
    expect(steps.filter((step) => /^SCAN /.test(step))).toEqual([]);
  });

  it("the account's follow-ups, open and done, come through the index by customer", () => {
    expect(plan(ACCOUNT_QUERIES.followUps)[0]).toMatch(/^SEARCH f USING INDEX follow_ups_customer \(customer_id=\?\)/);
    expect(plan(CUSTOMER_WORK_QUERIES.followUps)[0]).toMatch(/^SEARCH follow_ups USING INDEX follow_ups_customer \(customer_id=\? AND status=\?\)/);
  });
});
