/**
 * The team lead's views: each collector's load and the team's escalation requests waiting for a
 * decision. A team is the collectors sharing the lead's users.team_id (an admin sees everyone).
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { TeamEscalationSchema, TeamLoadSchema } from '../../shared/api/team-schemas';
import type { EscalationKind, EscalationStatus } from '../../shared/domain/codes';
import { addDays } from '../../shared/domain/dates';
import { clampMinor } from '../../shared/domain/money';
import { weekStart, type TeamActor } from '../../shared/domain/team';
import { prepared } from '../statements';
import { jsonEachArray, storedCurrency } from './stored-values';

export type TeamLoad = z.output<typeof TeamLoadSchema>;
export type TeamEscalation = z.output<typeof TeamEscalationSchema>;

/** Who may see the team views: the shared rule. */
export { requireTeamViewer } from '../../shared/domain/team';

/** Binds the actor's team; an admin's null binding means every team. */
const teamParams = (actor: TeamActor) => ({ everyone: actor.role === 'admin' ? 1 : 0, team: actor.teamId ?? '' });

const COLLECTORS = `SELECT id, display_name, disabled FROM users
  WHERE role = 'collector' AND (@everyone = 1 OR team_id = @team) ORDER BY display_name COLLATE NOCASE, id`;

const CUSTOMERS = `SELECT count(*) AS n FROM customers WHERE collector_id = ?`;

const OVERDUE = `SELECT a.value ->> 'currency' AS currency, sum(a.value ->> 'overdueMinor') AS amount
  FROM customers c JOIN customer_summary s ON s.customer_id = c.id, ${jsonEachArray('s.aging_json')} a
  WHERE c.collector_id = ? AND a.value ->> 'currency' GLOB '[A-Z][A-Z][A-Z]' AND json_type(a.value, '$.overdueMinor') = 'integer'
  GROUP BY 1 HAVING amount <> 0 ORDER BY amount DESC, currency`;

// An activity is recorded when it happened or later (created_at >= occurred_at on client and
// server), so the index on (user_id, created_at) bounds the scan to this week's rows.
const CONTACTS = `SELECT count(*) AS n FROM activities WHERE user_id = @user AND created_at >= @from AND occurred_at >= @from AND occurred_at < @to`;

const PROMISES = `SELECT coalesce(sum(p.status = 'open'), 0) AS open, coalesce(sum(p.status = 'broken'), 0) AS broken
  FROM customers c JOIN promises p ON p.customer_id = c.id WHERE c.collector_id = ?`;

export function queryTeamLoad(sqlite: ReadDb, actor: TeamActor, asOf: string): TeamLoad {
  const monday = weekStart(asOf);
  const from = `${monday}T00:00:00.000Z`;
  const to = `${addDays(monday, 7)}T00:00:00.000Z`;
  const collectors = prepared<[ReturnType<typeof teamParams>], { id: string; display_name: string; disabled: number }>(sqlite, COLLECTORS).all(teamParams(actor));
  return {
    asOf,
    weekStart: monday,
    collectors: collectors.map((collector) => {
      const promises = prepared<[string], { open: number; broken: number }>(sqlite, PROMISES).get(collector.id);
      return {
        collectorId: collector.id,
        displayName: collector.display_name,
        disabled: collector.disabled === 1,
        customers: prepared<[string], { n: number }>(sqlite, CUSTOMERS).get(collector.id)?.n ?? 0,
        overdue: prepared<[string], { currency: string; amount: number }>(sqlite, OVERDUE)
          .all(collector.id)
          // SQLite sums past 2^53 without complaint; a spoilt summary must not push the figure out of the safe range.
          .map((row) => ({ currency: row.currency, amountMinor: clampMinor(row.amount) })),
        contactsThisWeek: prepared<[{ user: string; from: string; to: string }], { n: number }>(sqlite, CONTACTS).get({ user: collector.id, from, to })?.n ?? 0,
        promisesOpen: promises?.open ?? 0,
        promisesBroken: promises?.broken ?? 0,
      };
    }),
  };
}

interface EscalationJoinRow {
  id: string;
  customer_id: string;
  customer_number: string;
  customer_name: string;
  collector_name: string | null;
  kind: EscalationKind;
  status: EscalationStatus;
  amount_minor: number | null;
  currency: string | null;
  reason: string;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: string;
}

// A customer without a collector is in the local store only because it is in the lead's scope.
const PENDING = `SELECT e.id, e.customer_id, c.number AS customer_number, c.name AS customer_name, col.display_name AS collector_name,
    e.kind, e.status, e.amount_minor, ${storedCurrency('e.currency')} AS currency, e.reason, e.requested_by, req.display_name AS requested_by_name, e.requested_at
  FROM escalations e
  JOIN customers c ON c.id = e.customer_id
  LEFT JOIN users col ON col.id = c.collector_id
  LEFT JOIN users req ON req.id = e.requested_by
  WHERE e.status = 'requested' AND (@everyone = 1 OR c.collector_id IS NULL OR col.team_id = @team)
  ORDER BY e.requested_at, e.id`;

/** The team's escalation requests waiting for a decision, oldest first. */
export function queryTeamEscalations(sqlite: ReadDb, actor: TeamActor): TeamEscalation[] {
  return prepared<[ReturnType<typeof teamParams>], EscalationJoinRow>(sqlite, PENDING)
    .all(teamParams(actor))
    .map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      customerNumber: row.customer_number,
      customerName: row.customer_name,
      collectorName: row.collector_name,
      kind: row.kind,
      status: row.status,
      amountMinor: row.amount_minor,
      currency: row.currency,
      reason: row.reason,
      requestedBy: row.requested_by,
      requestedByName: row.requested_by_name,
      requestedAt: row.requested_at,
    }));
}
