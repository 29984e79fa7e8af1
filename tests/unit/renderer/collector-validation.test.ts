import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  amountText,
  formFieldFor,
  optionalTextProblem,
  parseAmount,
  requiredTextProblem,
  validateContact,
  validateContactPerson,
  validateDispute,
  validatePromise,
  type ContactForm,
  type DisputeForm,
  type PromiseForm,
} from '../../../renderer/src/collector/validation';
import { DomainError } from '../../../shared/api/result';
import { validateInstalments } from '../../../shared/domain/promise-plan';
import { TEXT_PROBLEM_REFUSALS, type TextProblem } from '../../../shared/domain/text';
import { refusalMessage } from '../../../shared/i18n/refusals';

const TEXT_PROBLEM_MESSAGES = Object.fromEntries(
  Object.entries(TEXT_PROBLEM_REFUSALS).map(([problem, key]) => [problem, refusalMessage({ key })]),
) as Readonly<Record<TextProblem, string>>;

const TODAY = '2026-11-23';

const contact: ContactForm = {
  channel: 'phone',
  direction: 'outbound',
  contactPersonId: '',
  newName: '',
  newPhone: '',
  newEmail: '',
  outcome: 'no_answer',
  note: '',
  durationMinutes: '',
  followUpDate: '',
};

const promise: PromiseForm = {
  amount: '1,000.00',
  currency: 'EUR',
  promisedDate: '2026-11-30',
  itemIds: [],
  paymentMethod: '',
  note: '',
  plan: false,
  instalments: [],
};

const dispute: DisputeForm = {
  items: [
    { itemId: 'a', documentNumber: '9001', openMinor: 10_000, currency: 'EUR', amount: '100.00' },
    { itemId: 'b', documentNumber: '9002', openMinor: 5_000, currency: 'EUR', amount: '20' },
  ],
  reasonCode: 'pricing',
  description: '',
  dueDate: '',
  ownerId: '',
};

describe('parseAmount', () => {
  it('reads grouped amounts into minor units', () => {
    expect(parseAmount('1,234.50', 'EUR')).toEqual({ ok: true, minor: 123_450 });
    expect(parseAmount('1234', 'JPY')).toEqual({ ok: true, minor: 1_234 });
  });

  it('refuses empty, zero, negative, malformed and over-precise amounts', () => {
    expect(parseAmount('  ', 'EUR')).toEqual({ ok: false, message: 'is required' });
    expect(parseAmount('0', 'EUR')).toEqual({ ok: false, message: 'must be more than zero' });
    expect(parseAmount('-5', 'EUR')).toEqual({ ok: false, message: 'must be more than zero' });
    expect(parseAmount('1,2,3', 'EUR').ok).toBe(false);
    expect(parseAmount('1.234', 'EUR').ok).toBe(false);
  });

  it('round-trips with amountText', () => {
    for (const minor of [1, 99, 100, 123_456_789]) expect(parseAmount(amountText(minor, 'EUR'), 'EUR')).toEqual({ ok: true, minor });
    expect(amountText(5, 'EUR')).toBe('0.05');
    expect(amountText(500, 'JPY')).toBe('500');
  });
});

describe('dates', () => {
  it('adds months clamped to the month end, and days', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-23', 2)).toBe('2027-01-23');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('validateContact', () => {
  it('passes a plain call and asks for an outcome', () => {
    expect(validateContact(contact, TODAY)).toEqual({});
    expect(validateContact({ ...contact, outcome: '' }, TODAY)).toHaveProperty('outcome');
  });

  it('checks duration, follow-up date and the inline contact person', () => {
    const errors = validateContact({ ...contact, durationMinutes: '2.5', followUpDate: '23.11.2026', contactPersonId: 'new' }, TODAY);
    expect(Object.keys(errors).sort()).toEqual(['durationSeconds', 'followUpDate', 'newContactPerson.name', 'newContactPerson.phone']);
    expect(validateContact({ ...contact, durationMinutes: '1441' }, TODAY).durationSeconds).toBe('must be at most one day');
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: 'ann@example.com' }, TODAY)).toEqual({});
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newPhone: 'call me' }, TODAY)).toHaveProperty('newContactPerson.phone');
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: 'ann@' }, TODAY)).toHaveProperty('newContactPerson.email');
    // The server's limit on an address: 254 characters.
    const domain = `${'d'.repeat(60)}.example.com`;
    const longest = `${'a'.repeat(254 - domain.length - 1)}@${domain}`;
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: longest }, TODAY)).toEqual({});
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: `a${longest}` }, TODAY)).toEqual({
      'newContactPerson.email': 'must be at most 254 characters',
    });
    // The text rule too: the address check would let a control or bidi character through.
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: 'ann\u0000@example.com' }, TODAY)).toEqual({
      'newContactPerson.email': TEXT_PROBLEM_MESSAGES.control_character,
    });
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: 'Ann', newEmail: 'ann\u202E@example.com' }, TODAY)).toEqual({
      'newContactPerson.email': TEXT_PROBLEM_MESSAGES.bidi_control,
    });
  });
});

describe('validateContactPerson', () => {
  const person = { name: 'Ines Duarte', role: '', phone: '', email: '' };

  it('takes a name alone, as contactPerson.save does (an imported person may have no phone or email yet)', () => {
    expect(validateContactPerson(person)).toEqual({});
    expect(validateContactPerson({ ...person, name: ' ' })).toHaveProperty('name');
  });

  it('checks role, phone and email as the server does, trimmed', () => {
    expect(validateContactPerson({ ...person, role: 'r'.repeat(101) })).toEqual({ role: 'must be at most 100 characters' });
    expect(validateContactPerson({ ...person, phone: 'call me' })).toEqual({ phone: 'must be a phone number such as +49 30 1234567' });
    expect(validateContactPerson({ ...person, email: ' ines@example.com ' })).toEqual({});
    expect(validateContactPerson({ ...person, email: 'ines@' })).toHaveProperty('email');
  });
});

describe('validatePromise', () => {
  it('names fields the way the server does, with the prefix', () => {
    expect(validatePromise(promise, TODAY)).toEqual({});
    expect(validatePromise({ ...promise, promisedDate: '2026-11-01' }, TODAY, 'promise.')).toEqual({ 'promise.promisedDate': 'may not lie in the past' });
    expect(validatePromise({ ...promise, promisedDate: '9999-12-31' }, TODAY).promisedDate).toBe('must be at most a year ahead (by 2027-11-23)');
    expect(validatePromise({ ...promise, amount: '' }, TODAY)).toEqual({ amountMinor: 'is required' });
  });

  it('lets the amount default to the items and refuses more than they owe', () => {
    expect(validatePromise({ ...promise, amount: '', itemIds: ['a'] }, TODAY, '', 50_000)).toEqual({});
    // The commands' own rule and words (shared/domain/amount-limits.ts), with the items or, without them, the account's ceiling.
    expect(validatePromise({ ...promise, itemIds: ['a'] }, TODAY, '', 50_000)).toEqual({ amountMinor: 'the promised €1,000.00 exceeds the €500.00 still owed and not disputed' });
    expect(validatePromise(promise, TODAY, '', 100_000)).toEqual({});
    expect(validatePromise({ ...promise, amount: '1,000.01' }, TODAY, '', 100_000)).toEqual({ amountMinor: 'the promised €1,000.01 exceeds the €1,000.00 still owed and not disputed' });
  });

  it('checks a payment plan: at least two instalments, increasing dates, amounts adding up', () => {
    const plan: PromiseForm = {
      ...promise,
      plan: true,
      instalments: [
        { date: '2026-12-01', amount: '500.00' },
        { date: '2027-01-01', amount: '500.00' },
      ],
    };
    expect(validatePromise(plan, TODAY)).toEqual({});
    expect(validatePromise({ ...plan, instalments: plan.instalments.slice(0, 1) }, TODAY)).toHaveProperty('instalments');
    expect(validatePromise({ ...plan, instalments: [plan.instalments[1], plan.instalments[0]].filter((i) => i !== undefined) }, TODAY)).toHaveProperty([
      'instalments.1.promisedDate',
    ]);
    expect(validatePromise({ ...plan, amount: '1,000.01' }, TODAY).totalMinor).toBe('the instalments add up to 1000.00, not 1000.01');
    expect(validatePromise({ ...plan, amount: '', itemIds: ['a'] }, TODAY, '', 100_001).totalMinor).toBe('the instalments add up to 1000.00, not 1000.01');
  });

  it('reports a plan that does not add up together with the other mistakes', () => {
    const plan: PromiseForm = {
      ...promise,
      plan: true,
      amount: '1,000.00',
      instalments: [
        { date: '2026-11-01', amount: '300.00' },
        { date: '2027-01-01', amount: 'abc' },
        { date: '2027-02-01', amount: '200.00' },
      ],
    };
    const errors = validatePromise(plan, TODAY);
    expect(errors).toHaveProperty(['instalments.0.promisedDate']);
    expect(errors).toHaveProperty(['instalments.1.amountMinor']);
    expect(errors.totalMinor).toBe('the instalments add up to 500.00 so far (1 amount still to fix), not 1000.00');
  });
});

describe('validateDispute', () => {
  it('limits each disputed amount to what the item has open', () => {
    expect(validateDispute(dispute, TODAY)).toEqual({});
    const over = { ...dispute, items: dispute.items.map((item, index) => (index === 1 ? { ...item, amount: '50.01' } : item)) };
    expect(validateDispute(over, TODAY, 'dispute.')).toEqual({ 'dispute.items.1.disputedMinor': 'may not exceed the open amount 50.00' });
  });

  it('needs items, a reason, one currency and a due date not in the past', () => {
    expect(Object.keys(validateDispute({ ...dispute, items: [], reasonCode: '', dueDate: '2026-11-22' }, TODAY)).sort()).toEqual(['dueDate', 'items', 'reasonCode']);
    const mixed = { ...dispute, items: dispute.items.map((item, index) => (index === 1 ? { ...item, currency: 'USD' } : item)) };
    expect(validateDispute(mixed, TODAY).items).toBe('all items must be in one currency');
  });
});

describe('formFieldFor', () => {
  const known = ['promise.amountMinor', 'promise.itemIds', 'dispute.items', 'dispute.items.0.disputedMinor'];

  it('maps a server field to the nearest field on the form', () => {
    expect(formFieldFor('promise.itemIds.1', known)).toBe('promise.itemIds');
    expect(formFieldFor('dispute.items.0.disputedMinor', known)).toBe('dispute.items.0.disputedMinor');
    expect(formFieldFor('dispute.items.3.itemId', known)).toBe('dispute.items');
    expect(formFieldFor('customerId', known)).toBeUndefined();
    expect(formFieldFor(undefined, known)).toBeUndefined();
    expect(formFieldFor('promise.amountMinorX', known)).toBeUndefined();
  });
});

describe('the form and the command judge plan instalments alike', () => {
  it('flags the instalment dates the command refuses, on the field it names', () => {
    const dates = [
      ['2026-12-01', '2026-11-30', '2027-01-01'],
      ['2026-11-01', '2026-12-01'],
      ['2026-12-01', '2032-01-01'],
      ['2026-12-01', '2026-12-01'],
      ['2026-12-01', '2027-01-01'],
    ];
    for (const list of dates) {
      const form: PromiseForm = { ...promise, plan: true, amount: '', instalments: list.map((date) => ({ date, amount: '1.00' })) };
      const flagged = Object.keys(validatePromise(form, TODAY)).filter((key) => key.endsWith('.promisedDate'));
      let refused: string | undefined;
      try {
        validateInstalments(list.map((promisedDate) => ({ promisedDate, amountMinor: 100 })), TODAY, 'EUR');
      } catch (error) {
        refused = error instanceof DomainError ? error.field : undefined;
      }
      expect(flagged[0], list.join(' ')).toBe(refused);
    }
  });
});

describe('the text rule as the user types', () => {
  const refused: readonly (readonly [string, string])[] = [
    ['Paid\u0000 in full', TEXT_PROBLEM_MESSAGES.control_character],
    ['RTL[\u202Eexe.live]', TEXT_PROBLEM_MESSAGES.bidi_control],
    ['isolate \u2066x\u2069', TEXT_PROBLEM_MESSAGES.bidi_control],
    ['broken \uD83D text', TEXT_PROBLEM_MESSAGES.lone_surrogate],
  ];

  it('refuses control, bidi and broken characters in required and optional texts, with the server\'s words', () => {
    for (const [text, message] of refused) {
      expect(requiredTextProblem(text, 200), text).toBe(message);
      expect(optionalTextProblem(text, 5_000), text).toBe(message);
    }
    expect(requiredTextProblem('Tab\tand\nline breaks, emoji \uD83D\uDE00 and <b>markup</b>', 200)).toBe('');
    expect(optionalTextProblem('', 5_000)).toBe('');
    expect(optionalTextProblem('x'.repeat(5_001), 5_000)).toBe('must be at most 5,000 characters');
  });

  it('puts the problem under the field of every form that takes free text', () => {
    const [text, message] = refused[1] ?? ['', ''];
    expect(validateContact({ ...contact, note: text }, TODAY)).toEqual({ note: message });
    expect(validateContact({ ...contact, contactPersonId: 'new', newName: text, newEmail: 'ann@example.com' }, TODAY)).toEqual({ 'newContactPerson.name': message });
    expect(validatePromise({ ...promise, note: text }, TODAY, 'promise.')).toEqual({ 'promise.note': message });
    expect(validateDispute({ ...dispute, description: text }, TODAY)).toEqual({ description: message });
  });
});
