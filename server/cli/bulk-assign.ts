/**
 * `assign-from-file`: the bulk assignment of customers to collectors from a mapping (CSV with the
 * columns customer, collector) or a rule set (JSON `{ "rules": [...] }`), planned by the shared rule
 * (shared/domain/bulk-assignment.ts) and written in one transaction, all or nothing. Each customer
 * that moves bumps its version and is logged, with who assigned it (nobody: an administrator's file),
 * when and why, as a team lead's reassignment is.
 */
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TextSchema } from '../../shared/api/text-schema';
import type { Clock } from '../../shared/domain/clock';
import { RISK_CLASSES } from '../../shared/domain/codes';
import { planByMapping, planByRules, type AssignmentPlan, type AssignmentRule, type MappingRow } from '../../shared/domain/bulk-assignment';
import { assignmentValues } from '../../shared/domain/team';
import { quotedForDisplay, REASON_MAX } from '../../shared/domain/text';
import { recordChange } from '../db/change-log';
import type { ServerDatabase } from '../db/schema';
import { AdminError } from './admin-error';

type Db = Kysely<ServerDatabase>;

const Name = TextSchema.trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const RuleSchema = z
  .object({
    // Usernames are stored lower-case; a mapping's are lowered too.
    collector: Name.transform((name) => name.toLowerCase()),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166 country codes such as "DE"')).min(1).optional(),
    currencies: z.array(z.string().regex(/^[A-Z]{3}$/, 'must be ISO 4217 currency codes such as "EUR"')).min(1).optional(),
    riskClasses: z.array(z.enum(RISK_CLASSES)).min(1).optional(),
    numbers: z.object({ from: Name, to: Name }).strict().optional(),
  })
  .strict();
const RulesFileSchema = z.object({ rules: z.array(RuleSchema).min(1, 'must name at least one rule').max(1000, 'must have at most 1,000 rules') }).strict();
export const AssignmentReasonSchema = TextSchema.trim().min(1, 'must not be empty').max(REASON_MAX, `must be at most ${String(REASON_MAX)} characters`);

export type AssignmentSource = { readonly kind: 'mapping'; readonly rows: readonly MappingRow[] } | { readonly kind: 'rules'; readonly rules: readonly AssignmentRule[] };

const issuesOf = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ');

/** The file as a mapping (.csv: a header with `customer` and `collector`) or a rule set (.json). */
export function readAssignmentFile(name: string, content: string): AssignmentSource {
  const extension = extname(name).toLowerCase();
  if (extension === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new AdminError(`${basename(name)} is not JSON.`);
    }
    const parsed = RulesFileSchema.safeParse(json);
    if (!parsed.success) throw new AdminError(`${basename(name)}: ${issuesOf(parsed.error)}.`);
    return { kind: 'rules', rules: parsed.data.rules };
  }
  if (extension !== '.csv') throw new AdminError(`${basename(name)}: give a .csv mapping (customer, collector) or a .json rule set.`);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // `info` gives each record the line it ends on, so the report names the right line past blank or multi-line ones.
    records = parse<{ record: Record<string, string>; info: { lines: number } }>(content, {
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    });
  } catch (error) {
    throw new AdminError(`${basename(name)} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const first = records[0]?.record;
  if (first === undefined) throw new AdminError(`${basename(name)} has no rows.`);
  if (!('customer' in first) || !('collector' in first)) throw new AdminError(`${basename(name)} needs the columns "customer" and "collector".`);
  return {
    kind: 'mapping',
    rows: records.map(({ record, info }) => ({ line: info.lines, customer: record['customer'] ?? '', collector: (record['collector'] ?? '').toLowerCase() })),
  };
}

export interface BulkAssignmentReport {
  /** What the file was: a rejection's `line` is a line of a mapping, the position of a rule. */
  readonly source: AssignmentSource['kind'];
  readonly committed: boolean;
  readonly dryRun: boolean;
  readonly assigned: number;
  /** Customers moved per collector username. */
  readonly byCollector: Readonly<Record<string, number>>;
  readonly unchanged: number;
  readonly unmatched: number;
  readonly rejected: AssignmentPlan['rejected'];
}

export interface BulkAssignmentOptions {
  readonly source: AssignmentSource;
  readonly reason: string;
  readonly dryRun?: boolean;
  /** Rules: apply to every customer, not only the unassigned ones. */
  readonly everyone?: boolean;
}

/** Plans and writes in one transaction (customers locked), so what is reported is what was done. */
export async function assignFromSource(db: Db, clock: Clock, options: BulkAssignmentOptions): Promise<BulkAssignmentReport> {
  return db.transaction().execute(async (trx) => {
    const customers = (
      await trx.selectFrom('customers').select(['id', 'number', 'erp_key', 'country', 'currency', 'risk_class', 'collector_id']).orderBy('number').forUpdate().execute()
    ).map((row) => ({ id: row.id, number: row.number, erpKey: row.erp_key, country: row.country, currency: row.currency, riskClass: row.risk_class, collectorId: row.collector_id }));
    const collectors = (await trx.selectFrom('users').select(['id', 'username', 'team_id', 'disabled']).execute()).map((row) => ({
      id: row.id,
      username: row.username,
      teamId: row.team_id,
      disabled: row.disabled,
    }));
    const { source } = options;
    const plan = source.kind === 'mapping' ? planByMapping(source.rows, customers, collectors) : planByRules(source.rules, customers, collectors, { everyone: options.everyone === true });
    const byCollector: Record<string, number> = {};
    for (const assignment of plan.assign) byCollector[assignment.collectorUsername] = (byCollector[assignment.collectorUsername] ?? 0) + 1;
    const write = plan.rejected.length === 0 && options.dryRun !== true;
    if (write) await writeAssignments(trx, plan.assign, clock.now().toISOString(), options.reason);
    return { source: source.kind, committed: write, dryRun: options.dryRun === true, assigned: plan.assign.length, byCollector, unchanged: plan.unchanged, unmatched: plan.unmatched, rejected: plan.rejected };
  });
}

/** Each customer to its collector and the collector's team, logged; who, when and why as a reassignment records them. */
export async function writeAssignments(
  trx: Db,
  assignments: readonly { readonly customerId: string; readonly collectorId: string; readonly teamId: string | null }[],
  now: string,
  reason: string | null,
): Promise<void> {
  for (const assignment of assignments) {
    const seq = await recordChange(trx, { entity: 'customers', entityId: assignment.customerId, customerId: assignment.customerId, op: 'upsert' }, now);
    await trx
      .updateTable('customers')
      .set((eb) => ({ ...assignmentValues({ id: assignment.collectorId, teamId: assignment.teamId }, null, now, reason), updated_seq: seq, version: eb('version', '+', 1) }))
      .where('id', '=', assignment.customerId)
      .execute();
  }
}

/** The report of a bulk assignment as the terminal shows it. */
export function formatAssignmentReport(report: BulkAssignmentReport): string[] {
  const verb = report.committed ? 'Assigned' : report.dryRun && report.rejected.length === 0 ? 'Would assign' : 'Would have assigned';
  const per = Object.entries(report.byCollector).map(([username, count]) => `${username} ${String(count)}`);
  return [
    `${verb} ${String(report.assigned)} customer${report.assigned === 1 ? '' : 's'}${per.length > 0 ? ` (${per.join(', ')})` : ''}; ${String(report.unchanged)} already with that collector; ${String(report.unmatched)} matched no rule.`,
    ...report.rejected.map((rejection) => `${report.source === 'rules' ? 'rule' : 'line'} ${String(rejection.line)}: ${quotedForDisplay(rejection.value)}: ${rejection.reason}`),
  ];
}
