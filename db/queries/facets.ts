/** The values the worklist filters offer: only those present in the portfolio. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { WorklistFacetsSchema } from '../../shared/api/schemas';
import { RISK_CLASSES, type RiskClass } from '../../shared/domain/codes';
import type { DomainSettings } from '../summary/compute';
import { prepared } from '../statements';
import { jsonEachArray } from './stored-values';

export type WorklistFacets = z.output<typeof WorklistFacetsSchema>;

export function queryFacets(sqlite: ReadDb, settings: DomainSettings): WorklistFacets {
  const currencies = prepared<[], { currency: string }>(
    sqlite,
    // The summaries already list each customer's item currencies: 2,000 small rows instead of 100,000 items.
    `SELECT currency FROM customers UNION SELECT a.value ->> 'currency' FROM customer_summary s, ${jsonEachArray('s.aging_json')} a
      WHERE a.value ->> 'currency' GLOB '[A-Z][A-Z][A-Z]' ORDER BY 1`,
  ).all();
  const countries = prepared<[], { country: string }>(sqlite, 'SELECT DISTINCT country FROM customers ORDER BY country').all();
  const risks = new Set(prepared<[], { risk_class: RiskClass }>(sqlite, 'SELECT DISTINCT risk_class FROM customers').all().map((row) => row.risk_class));
  return {
    buckets: settings.aging.buckets.map((bucket) => ({ key: bucket.key, label: bucket.label })),
    currencies: currencies.map((row) => row.currency),
    countries: countries.map((row) => row.country),
    riskClasses: RISK_CLASSES.filter((risk) => risks.has(risk)),
  };
}
