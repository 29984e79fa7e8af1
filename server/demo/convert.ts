/**
 * The demo portfolio (the shared rules' shape: notes.version, no customer_id on clearings and
 * dispute events) in the server's columns, with the customers split between the
 * two demo collectors. `version` and `updated_seq` are left to the insert (see bulk-insert.ts).
 */
import type { generateDemo } from '../../shared/demo/generate';
import type { NewServerRow, ServerDatabase } from '../db/schema';
import { DEMO_TEAM, DEMO_USERNAMES } from './credentials';

export type DemoRows = ReturnType<typeof generateDemo>;

type SeedRow<T extends keyof ServerDatabase> = Omit<NewServerRow<T>, 'updated_seq' | 'version'> & { readonly id: string };

/** Rows of every synced table, parents first: the order they are inserted and logged in. */
export interface ServerDemoRows {
  readonly customers: SeedRow<'customers'>[];
  readonly contact_persons: SeedRow<'contact_persons'>[];
  readonly open_items: SeedRow<'open_items'>[];
  readonly payments: SeedRow<'payments'>[];
  readonly clearings: SeedRow<'clearings'>[];
  readonly activities: SeedRow<'activities'>[];
  readonly promises: SeedRow<'promises'>[];
  readonly disputes: SeedRow<'disputes'>[];
  readonly dispute_events: SeedRow<'dispute_events'>[];
  readonly notes: SeedRow<'notes'>[];
  readonly follow_ups: SeedRow<'follow_ups'>[];
  readonly escalations: SeedRow<'escalations'>[];
  /** The generator makes no files: attachments come from the people using the demo. */
  readonly attachments: SeedRow<'attachments'>[];
}

export interface ServerDemo {
  readonly synced: ServerDemoRows;
  readonly promiseItems: NewServerRow<'promise_items'>[];
  readonly disputeItems: NewServerRow<'dispute_items'>[];
  /** Users without their password hash, which the seed adds. */
  readonly users: Omit<NewServerRow<'users'>, 'password_hash'>[];
}

/** The generator keeps its scripted scenarios (shared/demo/README.md) in the first customers: they stay with the local profile. */
export const SCRIPTED_CUSTOMERS = 17;

/**
 * Whether the customer at generation position `index` of `total` goes to the second collector:
 * a third of all customers, spread evenly over those after the scripted ones, so the split is
 * the same for a seed whatever the machine.
 */
function goesToSecondCollector(index: number, total: number): boolean {
  const pool = total - SCRIPTED_CUSTOMERS;
  const share = Math.round(total / 3);
  if (index < SCRIPTED_CUSTOMERS || pool <= 0) return false;
  const position = index - SCRIPTED_CUSTOMERS;
  return Math.floor(((position + 1) * share) / pool) > Math.floor((position * share) / pool);
}

function userIdOf(rows: DemoRows, username: string): string {
  const user = rows.users.find((candidate) => candidate.username === username);
  if (user === undefined) throw new Error(`the demo generator made no user "${username}"`);
  return user.id;
}

function lookup(map: ReadonlyMap<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo ${what} ${key} is missing`);
  return value;
}

export function toServerDemo(rows: DemoRows): ServerDemo {
  const jordan = userIdOf(rows, DEMO_USERNAMES.collector);
  const priya = userIdOf(rows, DEMO_USERNAMES.secondCollector);
  const priyasCustomers = new Set(rows.customers.filter((_, index) => goesToSecondCollector(index, rows.customers.length)).map((customer) => customer.id));
  /** On the second collector's customers her name replaces the local profile's wherever a user is named. */
  const actor = (customerId: string, userId: string | null | undefined): string | null => (userId === jordan && priyasCustomers.has(customerId) ? priya : (userId ?? null));

  const itemCustomer = new Map(rows.open_items.map((item) => [item.id, item.customer_id]));
  const disputeCustomer = new Map(rows.disputes.map((dispute) => [dispute.id, dispute.customer_id]));

  const synced: ServerDemoRows = {
    customers: rows.customers.map((c) => ({
      id: c.id,
      erp_key: c.erp_key,
      number: c.number,
      name: c.name,
      country: c.country,
      currency: c.currency,
      payment_terms: c.payment_terms,
      payment_terms_days: c.payment_terms_days,
      credit_limit_minor: c.credit_limit_minor,
      credit_hold: c.credit_hold ?? false,
      risk_class: c.risk_class,
      collector_id: priyasCustomers.has(c.id) ? priya : jordan,
      team_id: DEMO_TEAM.id,
      language: c.language ?? null,
      updated_at: c.updated_at,
    })),
    contact_persons: rows.contact_persons.map((p) => ({
      id: p.id,
      customer_id: p.customer_id,
      name: p.name,
      role: p.role,
      phone: p.phone,
      email: p.email,
      preferred_channel: p.preferred_channel,
      language: p.language ?? null,
      is_primary: p.is_primary ?? false,
      created_at: p.created_at,
      updated_at: p.updated_at,
    })),
    open_items: rows.open_items.map((i) => ({
      id: i.id,
      erp_key: i.erp_key,
      customer_id: i.customer_id,
      kind: i.kind,
      document_number: i.document_number,
      reference: i.reference,
      document_date: i.document_date,
      due_date: i.due_date,
      currency: i.currency,
      original_minor: i.original_minor,
      open_minor: i.open_minor,
      disputed_minor: i.disputed_minor ?? 0,
      dunning_level: i.dunning_level ?? 0,
      cleared_at: i.cleared_at,
      updated_at: i.updated_at,
    })),
    payments: rows.payments.map((p) => ({
      id: p.id,
      erp_key: p.erp_key,
      customer_id: p.customer_id,
      amount_minor: p.amount_minor,
      currency: p.currency,
      value_date: p.value_date,
      method: p.method,
      reference: p.reference,
      updated_at: p.updated_at,
    })),
    clearings: rows.clearings.map((c) => ({
      id: c.id,
      customer_id: lookup(itemCustomer, c.open_item_id, 'open item'),
      payment_id: c.payment_id,
      open_item_id: c.open_item_id,
      amount_minor: c.amount_minor,
      currency: c.currency,
      cleared_on: c.cleared_on,
    })),
    activities: rows.activities.map((a) => ({
      id: a.id,
      customer_id: a.customer_id,
      contact_person_id: a.contact_person_id,
      channel: a.channel,
      direction: a.direction,
      outcome: a.outcome,
      note: a.note ?? '',
      duration_seconds: a.duration_seconds,
      follow_up_date: a.follow_up_date,
      occurred_at: a.occurred_at,
      user_id: actor(a.customer_id, a.user_id),
      created_at: a.created_at,
    })),
    promises: rows.promises.map((p) => ({
      id: p.id,
      customer_id: p.customer_id,
      activity_id: p.activity_id,
      plan_id: p.plan_id,
      amount_minor: p.amount_minor,
      currency: p.currency,
      promised_date: p.promised_date,
      payment_method: p.payment_method,
      note: p.note ?? '',
      status: p.status,
      level: p.level ?? 1,
      paid_minor: p.paid_minor ?? 0,
      superseded_by: p.superseded_by,
      evaluated_on: p.evaluated_on,
      made_on: p.made_on ?? null,
      created_by: actor(p.customer_id, p.created_by),
      created_at: p.created_at,
      updated_at: p.updated_at,
    })),
    disputes: rows.disputes.map((d) => ({
      id: d.id,
      customer_id: d.customer_id,
      activity_id: d.activity_id,
      reason_code: d.reason_code,
      description: d.description ?? '',
      status: d.status,
      owner: d.owner,
      due_date: d.due_date,
      currency: d.currency,
      disputed_minor: d.disputed_minor,
      resolution: d.resolution,
      root_cause: d.root_cause,
      created_by: actor(d.customer_id, d.created_by),
      created_at: d.created_at,
      updated_at: d.updated_at,
      resolved_at: d.resolved_at,
      closed_at: d.closed_at,
    })),
    dispute_events: rows.dispute_events.map((e) => {
      const customerId = lookup(disputeCustomer, e.dispute_id, 'dispute');
      return {
        id: e.id,
        dispute_id: e.dispute_id,
        customer_id: customerId,
        from_status: e.from_status,
        to_status: e.to_status,
        comment: e.comment ?? '',
        user_id: actor(customerId, e.user_id),
        at: e.at,
      };
    }),
    notes: rows.notes.map((n) => ({
      id: n.id,
      customer_id: n.customer_id,
      open_item_id: n.open_item_id,
      lineage_id: n.lineage_id,
      note_version: n.version,
      is_current: n.is_current ?? true,
      body: n.body,
      created_by: actor(n.customer_id, n.created_by),
      created_at: n.created_at,
    })),
    follow_ups: rows.follow_ups.map((f) => ({
      id: f.id,
      customer_id: f.customer_id,
      open_item_id: f.open_item_id,
      activity_id: f.activity_id,
      due_date: f.due_date,
      title: f.title,
      status: f.status,
      assigned_to: actor(f.customer_id, f.assigned_to),
      created_by: actor(f.customer_id, f.created_by),
      created_at: f.created_at,
      done_at: f.done_at,
    })),
    escalations: rows.escalations.map((e) => ({
      id: e.id,
      customer_id: e.customer_id,
      kind: e.kind,
      amount_minor: e.amount_minor,
      currency: e.currency,
      reason: e.reason,
      status: e.status,
      requested_by: actor(e.customer_id, e.requested_by),
      requested_at: e.requested_at,
      decided_by: actor(e.customer_id, e.decided_by),
      decided_at: e.decided_at,
      decision_comment: e.decision_comment,
    })),
    attachments: [],
  };

  return {
    synced,
    promiseItems: rows.promise_items.map((item) => ({ promise_id: item.promise_id, open_item_id: item.open_item_id })),
    disputeItems: rows.dispute_items.map((item) => ({ dispute_id: item.dispute_id, open_item_id: item.open_item_id, disputed_minor: item.disputed_minor })),
    users: rows.users.map((u) => ({
      id: u.id,
      username: u.username,
      display_name: u.display_name,
      email: u.email,
      role: u.role,
      team_id: DEMO_TEAM.id,
      created_at: u.created_at,
      updated_at: u.created_at,
    })),
  };
}
