/** ERP side of the demo: users, customers, contact persons, open and cleared items, payments. */
import { canonicalLanguageTag } from '../i18n/languages';
import type { Channel, ItemKind, RiskClass } from '../domain/codes';
import { isoTimestamp, msOf, workday } from './calendar';
import { CONTACT_ROLES, COUNTRIES, MEDIAN_INVOICE, PAYMENT_TERMS, type CountryProfile } from './catalog';
import {
  addClearing,
  addItem,
  addPayment,
  PAYMENT_METHOD_WEIGHTS,
  type CustomerState,
  type DemoUsers,
  type GenContext,
  type DemoRows,
  type ItemState,
} from './context';
import { slug, type NameSource } from './names';
import type { IdFactory } from './ids';

/**
 * The one team of the demo (the desktop's alone and the demo server's): every demo user and customer
 * is in it. Its language is what documents fall back to for a customer whose own has no translation.
 */
export const DEMO_TEAM = { id: 'ar-emea-1', name: 'AR EMEA 1', language: 'en' } as const;
const DEMO_LOCAL_TEAM = DEMO_TEAM.id;

export function addUsers(rows: DemoRows, id: IdFactory, asOfDay: number): DemoUsers {
  const createdAt = msOf(asOfDay - 900, 480);
  const people = [
    { key: 'me', username: 'jordan.reyes', name: 'Jordan Reyes', role: 'collector', local: true },
    { key: 'lead', username: 'sabine.krueger', name: 'Sabine Krüger', role: 'team_lead', local: false },
    { key: 'former', username: 'tom.becker', name: 'Tom Becker', role: 'collector', local: false },
    { key: 'coordinator', username: 'priya.natarajan', name: 'Priya Natarajan', role: 'collector', local: false },
    { key: 'admin', username: 'admin', name: 'System Administrator', role: 'admin', local: false },
  ] as const;
  const ids = new Map<string, string>();
  for (const [offset, person] of people.entries()) {
    const userId = id(createdAt + offset);
    ids.set(person.key, userId);
    rows.users.push({
      id: userId,
      username: person.username,
      display_name: person.name,
      email: `${person.username}@ledgerline.example`,
      role: person.role,
      team_id: DEMO_LOCAL_TEAM,
      is_local_profile: person.local,
      created_at: isoTimestamp(createdAt + offset),
    });
  }
  const get = (key: string): string => {
    const value = ids.get(key);
    if (value === undefined) throw new Error(`demo user ${key} missing`);
    return value;
  };
  return {
    me: get('me'),
    lead: get('lead'),
    formerCollector: get('former'),
    coordinator: get('coordinator'),
    coordinatorName: 'Priya Natarajan',
    leadName: 'Sabine Krüger',
  };
}

const RISK_WEIGHTS: readonly (readonly [RiskClass, number])[] = [
  ['low', 40],
  ['medium', 35],
  ['high', 18],
  ['critical', 7],
];

/** Median days late, and share of items not yet due, by risk class. */
const BEHAVIOUR: Readonly<Record<RiskClass, { lateness: number; currentShare: number }>> = {
  low: { lateness: 8, currentShare: 0.6 },
  medium: { lateness: 20, currentShare: 0.45 },
  high: { lateness: 45, currentShare: 0.3 },
  critical: { lateness: 90, currentShare: 0.2 },
};

const ITEM_KIND_WEIGHTS: readonly (readonly [ItemKind, number])[] = [
  ['invoice', 88],
  ['credit_memo', 5],
  ['debit_memo', 3],
  ['payment_on_account', 4],
];

const PREFERRED_CHANNELS: readonly (readonly [Channel | null, number])[] = [
  ['email', 45],
  ['phone', 35],
  ['portal', 5],
  [null, 15],
];

/** Customers that must exist whatever the seed, so every worklist filter finds something. */
const FORCED_COUNTRIES = ['DE', 'US', 'GB', 'CH', 'SE', 'PL', 'FR', 'NL'];
const FORCED_RISKS: readonly RiskClass[] = ['low', 'medium', 'high', 'critical'];

export function invoiceMinor(ctx: GenContext, customer: CustomerState, currency: string): number {
  const median = (MEDIAN_INVOICE[currency] ?? 2_000) * customer.sizeFactor;
  const units = Math.max(10, ctx.rng.logNormal(median, 0.85));
  return Math.round(units * 100);
}

export function dunningLevel(asOfDay: number, dueDay: number): number {
  const late = asOfDay - dueDay;
  return late <= 0 ? 0 : Math.min(4, 1 + Math.floor(late / 30));
}

function phoneNumber(ctx: GenContext, country: CountryProfile): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(ctx.rng.int(0, 9))).join('');
  if (country.dialCode === '+1') return `+1 (${ctx.rng.int(201, 989)}) ${ctx.rng.int(200, 999)}-${digits(4)}`;
  return `${country.dialCode} ${ctx.rng.int(20, 99)} ${digits(3)} ${digits(4)}`;
}

/** A preferred channel the contact can actually be reached on. */
function reachable(preferred: Channel | null, phone: string | null, email: string | null): Channel | null {
  if (preferred === 'email' && email === null) return phone === null ? null : 'phone';
  if (preferred === 'phone' && phone === null) return email === null ? null : 'email';
  return preferred;
}

function uniqueName(names: NameSource, country: CountryProfile, taken: Set<string>): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = names.company(country);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const name = `${names.company(country)} ${country.code}-${taken.size}`;
  taken.add(name);
  return name;
}

export function addCustomer(ctx: GenContext, names: NameSource, index: number, takenNames: Set<string>): { customer: CustomerState; risk: RiskClass } {
  const { rng } = ctx;
  const forcedCountry = FORCED_COUNTRIES[index];
  const country =
    (forcedCountry === undefined ? undefined : COUNTRIES.find((c) => c.code === forcedCountry)) ??
    rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
  const risk = FORCED_RISKS[index] ?? rng.weighted(RISK_WEIGHTS);
  const terms = rng.weighted(PAYMENT_TERMS);
  const sinceDay = ctx.asOfDay - rng.int(420, 3_000);
  const name = uniqueName(names, country, takenNames);
  const otherCurrencies = ['EUR', 'USD', 'GBP'].filter((code) => code !== country.currency);
  const mixed = index === 9 || index === 10 || rng.chance(0.08);
  const customer: CustomerState = {
    index,
    id: ctx.id(msOf(sinceDay, 300)),
    name,
    country,
    currency: country.currency,
    secondCurrency: mixed ? rng.pick(otherCurrencies) : null,
    termsDays: terms.days,
    latenessDays: BEHAVIOUR[risk].lateness,
    sizeFactor: rng.logNormal(1, 0.6),
    sinceDay,
    contacts: [],
    items: [],
    holdApproved: false,
    contactGapDays: rng.weighted([
      [rng.int(0, 7), 60],
      [rng.int(8, 30), 25],
      [rng.int(31, 120), 15],
    ]),
  };
  const domain = `${slug(name.split(/[\s,-]+/)[0] ?? name) || 'customer'}.${country.domain}`;
  const contactCount = rng.weighted([
    [1, 25],
    [2, 40],
    [3, 25],
    [4, 10],
  ]);
  for (let k = 0; k < contactCount; k++) {
    const person = names.person(country);
    const createdAt = isoTimestamp(msOf(sinceDay + k * 30, 600));
    const contactId = ctx.id(msOf(sinceDay + k * 30, 600));
    const fullName = `${person.first} ${person.last}`;
    customer.contacts.push({ id: contactId, name: fullName });
    const role = rng.weighted(CONTACT_ROLES);
    const phone = rng.chance(0.9) ? phoneNumber(ctx, country) : null;
    const email = rng.chance(0.92) ? `${slug(person.first)}.${slug(person.last)}@${domain}` : null;
    ctx.rows.contact_persons.push({
      id: contactId,
      customer_id: customer.id,
      name: fullName,
      role,
      phone,
      email,
      preferred_channel: reachable(rng.weighted(PREFERRED_CHANNELS), phone, email),
      is_primary: k === 0,
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
  return { customer, risk };
}

function reference(ctx: GenContext): string | null {
  return ctx.rng.weighted<string | null>([
    [`4500${String(ctx.rng.int(0, 999_999)).padStart(6, '0')}`, 45],
    [`PO-${ctx.rng.int(10_000, 99_999)}`, 25],
    [null, 30],
  ]);
}

/** Days since the document date of an open item, shaped by how late the customer pays. */
function openItemAge(ctx: GenContext, customer: CustomerState, risk: RiskClass): number {
  const { rng } = ctx;
  if (rng.chance(BEHAVIOUR[risk].currentShare)) return rng.int(0, Math.max(0, customer.termsDays - 1));
  const late = Math.min(720, 1 + Math.round(rng.logNormal(customer.latenessDays, 0.9)));
  return customer.termsDays + late;
}

/** The first customers carry scripted scenarios (promises.ts, disputes.ts) that need overdue invoices to work on. */
const FORCED_SCENARIOS = 16;

/** Ages of one invoice per default aging bucket, so the first customer shows every bucket. */
const BUCKET_SAMPLE_LATENESS = [-5, 10, 45, 75, 105, 200];

export function addOpenItems(ctx: GenContext, customer: CustomerState, risk: RiskClass, count: number): void {
  const { rng, asOfDay } = ctx;
  for (let k = 0; k < count; k++) {
    const currency = customer.secondCurrency !== null && rng.chance(0.25) ? customer.secondCurrency : customer.currency;
    const forcedLateness = customer.index === 0 ? BUCKET_SAMPLE_LATENESS[k] : customer.index <= FORCED_SCENARIOS && k < 3 ? 20 + 15 * k : undefined;
    // Customer 0 has invoices only: credits and unapplied cash would net a bucket sample to zero.
    const kind = forcedLateness === undefined && customer.index !== 0 ? rng.weighted(ITEM_KIND_WEIGHTS) : 'invoice';
    if (kind === 'invoice' || kind === 'debit_memo') {
      const age = forcedLateness === undefined ? openItemAge(ctx, customer, risk) : customer.termsDays + forcedLateness;
      const docDay = workday(asOfDay - age);
      const dueDay = docDay + (kind === 'invoice' ? customer.termsDays : 14);
      const original = kind === 'invoice' ? invoiceMinor(ctx, customer, currency) : Math.round(invoiceMinor(ctx, customer, currency) * 0.2);
      const item = addItem(ctx, customer, {
        kind,
        docDay,
        dueDay,
        currency,
        originalMinor: original,
        openMinor: original,
        reference: reference(ctx),
        dunningLevel: kind === 'invoice' ? dunningLevel(asOfDay, dueDay) : 0,
        clearedDay: null,
      });
      if (customer.index === 0 && forcedLateness !== undefined) item.reserved = true;
      else if (dueDay < asOfDay - 5 && rng.chance(0.07)) payPart(ctx, customer, item, 0.2 + rng.float() * 0.5, rng.int(Math.max(docDay + 1, dueDay - 10), asOfDay - 1));
    } else if (kind === 'credit_memo') {
      const docDay = workday(asOfDay - rng.int(1, 120));
      const amount = -Math.round(invoiceMinor(ctx, customer, currency) * 0.25);
      addItem(ctx, customer, { kind, docDay, dueDay: docDay, currency, originalMinor: amount, openMinor: amount, reference: reference(ctx), dunningLevel: 0, clearedDay: null });
    } else {
      const valueDay = workday(asOfDay - rng.int(1, 60));
      const amount = invoiceMinor(ctx, customer, currency);
      const remittance = `RF${rng.int(10, 99)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`;
      addPayment(ctx, customer, { amountMinor: amount, currency, valueDay, method: 'bank_transfer', reference: remittance });
      addItem(ctx, customer, { kind, docDay: valueDay, dueDay: valueDay, currency, originalMinor: -amount, openMinor: -amount, reference: remittance, dunningLevel: 0, clearedDay: null });
    }
  }
}

/** A payment that clears part of an open item; the item stays open with the rest. */
export function payPart(ctx: GenContext, customer: CustomerState, item: ItemState, share: number, valueDay: number): number {
  const paid = Math.max(1, Math.min(item.row.open_minor - 1, Math.round(item.row.open_minor * share)));
  if (paid <= 0 || paid >= item.row.open_minor) return 0;
  const paymentId = addPayment(ctx, customer, {
    amountMinor: paid,
    currency: item.row.currency,
    valueDay,
    method: ctx.rng.weighted(PAYMENT_METHOD_WEIGHTS),
    reference: `Partial payment ${item.row.document_number}`,
  });
  addClearing(ctx, paymentId, item.row, paid, valueDay);
  item.row.open_minor -= paid;
  return paid;
}

/** A cleared invoice (history) with `cleared_at` on `paidDay`; the caller books what cleared it. */
export function addClearedInvoice(ctx: GenContext, customer: CustomerState, docDay: number, paidDay: number): ItemState {
  const original = invoiceMinor(ctx, customer, customer.currency);
  const dueDay = docDay + customer.termsDays;
  return addItem(ctx, customer, {
    kind: 'invoice',
    docDay,
    dueDay,
    currency: customer.currency,
    originalMinor: original,
    openMinor: 0,
    reference: reference(ctx),
    dunningLevel: Math.min(dunningLevel(paidDay, dueDay), 3),
    clearedDay: paidDay,
  });
}

/** One payment clearing a set of items in full on `day`. */
export function payInFull(ctx: GenContext, customer: CustomerState, items: readonly ItemState[], day: number): void {
  const total = items.reduce((sum, item) => sum + item.row.original_minor, 0);
  const first = items[0];
  if (first === undefined || total <= 0) return;
  const paymentId = addPayment(ctx, customer, {
    amountMinor: total,
    currency: first.row.currency,
    valueDay: day,
    method: ctx.rng.weighted(PAYMENT_METHOD_WEIGHTS),
    reference: items.map((item) => item.row.document_number).join(' '),
  });
  for (const item of items) addClearing(ctx, paymentId, item.row, item.row.original_minor, day);
}

/** Paid history: invoices of the past year cleared by payments of one to three invoices each. */
export function addPaidHistory(ctx: GenContext, customer: CustomerState, count: number): void {
  const { rng, asOfDay } = ctx;
  let left = count;
  while (left > 0) {
    const size = Math.min(left, rng.int(1, 3));
    left -= size;
    const docDay = workday(asOfDay - rng.int(customer.termsDays + 20, 420));
    const dueDay = docDay + customer.termsDays;
    const late = Math.round(rng.normal() * customer.latenessDays * 0.5 + customer.latenessDays * 0.6);
    const paidDay = workday(Math.min(asOfDay - 1, Math.max(docDay + 3, dueDay + late)));
    const items: ItemState[] = [];
    for (let k = 0; k < size; k++) items.push(addClearedInvoice(ctx, customer, docDay - k * rng.int(0, 5), paidDay));
    payInFull(ctx, customer, items, paidDay);
  }
}

export function customerRow(ctx: GenContext, customer: CustomerState, risk: RiskClass, collectorId: string): DemoRows['customers'][number] {
  const { rng } = ctx;
  const own = customer.items.filter((item) => item.row.currency === customer.currency).reduce((sum, item) => sum + item.row.open_minor, 0);
  // Most limits leave headroom; about one customer in ten is over its limit.
  const exceeded = customer.index === 11 || rng.chance(0.1);
  const base = Math.max(own, (MEDIAN_INVOICE[customer.currency] ?? 2_000) * 100 * 5);
  const limit = exceeded ? Math.max(0, Math.round(own * (0.5 + rng.float() * 0.4))) : Math.round(base * (1.3 + rng.float() * 2));
  const roundedLimit = Math.round(limit / 100_000) * 100_000;
  const number = `${customer.country.code === 'US' ? 3 : 1}${String(customer.index + 10_001).padStart(6, '0')}`;
  return {
    id: customer.id,
    erp_key: `1000/${number}`,
    number,
    name: customer.name,
    country: customer.country.code,
    currency: customer.currency,
    payment_terms: PAYMENT_TERMS.find(([terms]) => terms.days === customer.termsDays)?.[0].label ?? `Net ${customer.termsDays}`,
    payment_terms_days: customer.termsDays,
    credit_limit_minor: roundedLimit,
    credit_hold: (risk === 'critical' && rng.chance(0.4)) || rng.chance(0.02) || customer.holdApproved,
    risk_class: risk,
    collector_id: collectorId,
    team_id: DEMO_LOCAL_TEAM,
    // The ERP's correspondence language: the country's ("de-CH", "pl", "en-US").
    language: canonicalLanguageTag(customer.country.locale),
    updated_at: ctx.erpSyncedAt,
  };
}

export const isOverdueInvoice = (ctx: GenContext, item: ItemState): boolean =>
  item.row.kind === 'invoice' && item.dueDay < ctx.asOfDay && item.row.open_minor > 0 && !item.promised && !item.disputed && !item.reserved;

