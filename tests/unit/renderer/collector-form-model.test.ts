import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, OpenItem } from '../../../renderer/src/account/types';
import { contactInput, disputeTerms, initialForm, itemsOpenTotal, restoreDraft } from '../../../renderer/src/collector/formModel';
import { OUTCOME_KEYS, outcomeForKey, OUTCOMES_SHOWN } from '../../../renderer/src/collector/keys';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

const CUSTOMER = '00000000-0000-7000-8000-000000000001';
const PERSON = '00000000-0000-7000-8000-0000000000aa';

function item(id: string, openMinor: number, overrides: Partial<OpenItem> = {}): OpenItem {
  return {
    id,
    kind: 'invoice',
    documentNumber: `INV-${id.slice(-2)}`,
    reference: null,
    documentDate: '2026-09-01',
    dueDate: '2026-10-01',
    currency: 'EUR',
    originalMinor: openMinor,
    openMinor,
    disputedMinor: 0,
    dunningLevel: 0,
    erpDisputed: false,
    daysPastDue: 53,
    bucketKey: '31-60',
    promised: false,
    ...overrides,
  };
}

const items = [item('00000000-0000-7000-8000-000000000011', 10_000), item('00000000-0000-7000-8000-000000000012', 5_000, { disputedMinor: 1_000 })];

const account = {
  customer: { id: CUSTOMER, currency: 'CHF' },
  asOf: '2026-11-23',
  openItems: items,
  contacts: [],
  timeline: [],
} as unknown as Account;

describe('initialForm', () => {
  it('pre-fills the promise and dispute from the selected items, undisputed', () => {
    const form = initialForm(account, items, { channel: 'email', direction: 'inbound', contactPersonId: PERSON });
    expect(form.contact).toMatchObject({ channel: 'email', direction: 'inbound', contactPersonId: PERSON, outcome: '' });
    expect(form.promise).toMatchObject({ amount: '140.00', currency: 'EUR', itemIds: items.map((i) => i.id) });
    expect(form.dispute.items.map((i) => i.amount)).toEqual(['100.00', '40.00']);
    expect(itemsOpenTotal(items)).toBe(14_000);
  });

  it('without items covers the account in its currency, with an empty amount', () => {
    const form = initialForm(account, [], null);
    expect(form.promise).toMatchObject({ amount: '', currency: 'CHF', itemIds: [] });
    expect(form.contact.channel).toBe('phone');
    expect(itemsOpenTotal([items[0] as OpenItem, item('00000000-0000-7000-8000-000000000013', 1, { currency: 'USD' })])).toBeUndefined();
  });
});

describe('restoreDraft', () => {
  const fresh = initialForm(account, items, null);

  it('brings back what was typed', () => {
    const typed = { ...fresh, contact: { ...fresh.contact, outcome: 'promise_to_pay' as const, note: 'half a sentence' }, promise: { ...fresh.promise, promisedDate: '2026-12-01' } };
    const restored = restoreDraft(fresh, JSON.parse(JSON.stringify(typed)));
    expect(restored.contact.note).toBe('half a sentence');
    expect(restored.contact.outcome).toBe('promise_to_pay');
    expect(restored.promise.promisedDate).toBe('2026-12-01');
    expect(restored.promise.itemIds).toEqual(fresh.promise.itemIds);
  });

  it('ignores malformed drafts and unknown codes', () => {
    expect(restoreDraft(fresh, 'nonsense')).toEqual(fresh);
    const restored = restoreDraft(fresh, { contact: { channel: 'pigeon', outcome: 'hung_up', note: 42 }, dispute: { reasonCode: 'bad', items: 'x' } });
    expect(restored.contact.channel).toBe(fresh.contact.channel);
    expect(restored.contact.outcome).toBe('');
    expect(restored.contact.note).toBe('');
    expect(restored.dispute.reasonCode).toBe('');
    expect(restored.dispute.items).toEqual(fresh.dispute.items);
  });
});

describe('dispute owner', () => {
  const fresh = initialForm(account, items, null);
  const OTHER = '00000000-0000-7000-8000-0000000000bb';

  it('leaves the owner to the command (the local profile) until someone else is chosen', () => {
    expect(fresh.dispute.ownerId).toBe('');
    expect(disputeTerms(fresh.dispute).ownerId).toBeUndefined();
    expect(disputeTerms({ ...fresh.dispute, ownerId: OTHER }).ownerId).toBe(OTHER);
  });

  it('keeps the chosen owner in the draft', () => {
    const typed = { ...fresh, dispute: { ...fresh.dispute, ownerId: OTHER, description: 'short delivery' } };
    const restored = restoreDraft(fresh, JSON.parse(JSON.stringify(typed)));
    expect(restored.dispute).toMatchObject({ ownerId: OTHER, description: 'short delivery' });
    expect(restoreDraft(fresh, { dispute: { ownerId: 7 } }).dispute.ownerId).toBe('');
  });
});

describe('command inputs', () => {
  const fresh = initialForm(account, items, null);

  it('sends the promise inline only with the promise outcome', () => {
    const form = { ...fresh, contact: { ...fresh.contact, outcome: 'promise_to_pay' as const, durationMinutes: '3' }, promise: { ...fresh.promise, promisedDate: '2026-12-01' } };
    const input = contactInput(CUSTOMER, form, 'contact:x');
    expect(input.promise).toMatchObject({ amountMinor: 14_000, currency: 'EUR', promisedDate: '2026-12-01' });
    expect(input.dispute).toBeUndefined();
    expect(input.durationSeconds).toBe(180);
    expect(input.draftKey).toBe('contact:x');
    expect(contactInput(CUSTOMER, { ...form, contact: { ...form.contact, outcome: 'no_answer' } }, 'k').promise).toBeUndefined();
  });

  it('adds a new contact person and the payment plan inline, so the contact and the plan are one command', () => {
    const form = {
      ...fresh,
      contact: { ...fresh.contact, outcome: 'promise_to_pay' as const, contactPersonId: 'new', newName: ' Ann ', newEmail: 'ann@example.com' },
      promise: { ...fresh.promise, plan: true, instalments: [{ date: '2026-12-01', amount: '70.00' }, { date: '2027-01-01', amount: '70.00' }] },
    };
    const input = contactInput(CUSTOMER, form, 'k');
    expect(input.contactPersonId).toBeNull();
    expect(input.newContactPerson).toEqual({ name: 'Ann', phone: null, email: 'ann@example.com' });
    expect(input.promise).toBeUndefined();
    expect(input.plan?.instalments).toEqual([
      { promisedDate: '2026-12-01', amountMinor: 7_000 },
      { promisedDate: '2027-01-01', amountMinor: 7_000 },
    ]);
    expect(contactInput(CUSTOMER, { ...form, contact: { ...form.contact, outcome: 'no_answer' } }, 'k').plan).toBeUndefined();
  });

  it("titles the follow-up in the collector's language, and sends no title without a follow-up", async () => {
    const form = { ...fresh, contact: { ...fresh.contact, outcome: 'call_back_later' as const, followUpDate: '2026-12-01' } };
    try {
      expect(contactInput(CUSTOMER, form, 'k').followUpTitle).toBe('Follow up: Call back later');
      await i18n.changeLanguage('de');
      expect(contactInput(CUSTOMER, form, 'k').followUpTitle).toBe('Wiedervorlage: Später zurückrufen');
      expect(contactInput(CUSTOMER, { ...form, contact: { ...form.contact, followUpDate: '' } }, 'k').followUpTitle).toBeUndefined();
      // Others read it: the pseudo-locale's accents are never stored.
      await i18n.changeLanguage('en-XA');
      expect(contactInput(CUSTOMER, form, 'k').followUpTitle).toBe('Follow up: Call back later');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('outcome hotkeys', () => {
  it('gives every outcome its own key', () => {
    const keys = OUTCOMES_SHOWN.map((outcome) => OUTCOME_KEYS[outcome]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(outcomeForKey('p')).toBe('promise_to_pay');
    expect(outcomeForKey('D')).toBe('dispute_raised');
    expect(outcomeForKey('Enter')).toBeUndefined();
    expect(outcomeForKey('z')).toBeUndefined();
  });
});
