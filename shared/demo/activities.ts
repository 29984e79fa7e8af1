/** The bulk of the contact history: calls, e-mails, letters, meetings and portal messages. */
import type { Outcome } from '../domain/codes';
import { isoDate, weekday } from './calendar';
import { CHANNEL_WEIGHTS, OUTCOME_NOTES, OUTCOME_WEIGHTS } from './catalog';
import { addActivity, fillTemplate, money, officeTime, personOf, pickContact, type CustomerState, type GenContext } from './context';

/** Outcomes after which a collector usually sets a date to check again. */
const FOLLOW_UP_OUTCOMES: ReadonlySet<Outcome> = new Set(['call_back_later', 'awaiting_approval', 'in_payment_run', 'invoice_not_received', 'payment_sent']);

const HISTORY_DAYS = 540;

export function addContactHistory(ctx: GenContext, customer: CustomerState, count: number): void {
  const { rng, asOfDay } = ctx;
  const start = Math.max(customer.sinceDay, asOfDay - HISTORY_DAYS);
  const end = Math.max(start, asOfDay - 1 - customer.contactGapDays);
  const docs = customer.items.filter((item) => item.row.kind === 'invoice');
  for (let k = 0; k < count; k++) {
    // The most recent contact lands exactly on the customer's last-contact day.
    let day = k === 0 ? end : rng.int(start, end);
    const dow = weekday(day);
    if (dow === 0 || dow === 6) day = Math.max(start, day - (dow === 0 ? 2 : 1));
    const channel = rng.weighted(CHANNEL_WEIGHTS);
    const outcome = rng.weighted(OUTCOME_WEIGHTS[channel]);
    const item = docs.length > 0 ? rng.pick(docs) : null;
    const contact = pickContact(ctx, customer);
    const note = fillTemplate(rng.pick(OUTCOME_NOTES[outcome]), {
      person: personOf(contact),
      doc: item?.row.document_number ?? 'the open invoices',
      amount: item === null ? 'the overdue balance' : money(item.row.open_minor, item.row.currency),
      date: isoDate(day + rng.int(1, 10)),
      reason: 'see dispute case',
    });
    const durationSeconds =
      channel === 'phone' ? (outcome === 'no_answer' ? rng.int(15, 40) : rng.int(45, 900)) : channel === 'meeting' ? rng.int(1_800, 5_400) : null;
    addActivity(ctx, customer, {
      at: officeTime(ctx, day),
      channel,
      direction: channel === 'letter' || rng.chance(0.8) ? 'outbound' : 'inbound',
      outcome,
      note,
      durationSeconds,
      followUpDay: FOLLOW_UP_OUTCOMES.has(outcome) && rng.chance(0.6) ? Math.min(day + rng.int(2, 10), asOfDay + 10) : null,
      userId: day < asOfDay - 365 && rng.chance(0.5) ? ctx.users.formerCollector : ctx.users.me,
      contact,
    });
  }
}
