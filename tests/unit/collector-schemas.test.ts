import { describe, expect, it } from 'vitest';
import { ContactLogSchema, DraftSaveSchema, PromisePlanSchema, PromiseTermsSchema } from '../../shared/api/collector-schemas';

const customerId = '01900000-0000-7000-8000-000000000001';
const issuePath = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues[0]?.path.join('.');

describe('ContactLogSchema (what the quick-log form validates as the user types)', () => {
  it('fills the defaults a three-keystroke log relies on', () => {
    expect(ContactLogSchema.parse({ customerId, channel: 'phone', outcome: 'no_answer' })).toEqual({
      customerId,
      channel: 'phone',
      direction: 'outbound',
      contactPersonId: null,
      outcome: 'no_answer',
      note: '',
      durationSeconds: null,
      followUpDate: null,
    });
  });

  it.each([
    [{ outcome: 'no_answer', promise: { promisedDate: '2026-12-01', amountMinor: 1 } }, 'promise'],
    [{ outcome: 'promise_to_pay', dispute: { items: [{ itemId: customerId, disputedMinor: 1 }], reasonCode: 'tax' } }, 'dispute'],
    [{ outcome: 'no_answer', contactPersonId: customerId, newContactPerson: { name: 'A', email: 'a@example.com' } }, 'newContactPerson'],
    [{ outcome: 'no_answer', newContactPerson: { name: 'A' } }, 'newContactPerson.phone'],
    [{ outcome: 'no_answer', newContactPerson: { name: 'A', phone: 'call me' } }, 'newContactPerson.phone'],
    [{ outcome: 'no_answer', durationSeconds: 1.5 }, 'durationSeconds'],
    [{ outcome: 'no_answer', followUpDate: '2026-13-01' }, 'followUpDate'],
    [{ outcome: 'no_answer', note: 'x'.repeat(5_001) }, 'note'],
    [{ outcome: 'promise_to_pay', promise: { promisedDate: '2026-12-01', amountMinor: -5 } }, 'promise.amountMinor'],
  ])('names the field of %j', (patch, path) => {
    expect(issuePath(ContactLogSchema.safeParse({ customerId, channel: 'phone', ...patch }))).toBe(path);
  });
});

describe('promise schemas', () => {
  it('trim notes and default the item list', () => {
    expect(PromiseTermsSchema.parse({ promisedDate: '2026-12-01', note: '  friday  ' })).toMatchObject({ note: 'friday', itemIds: [], paymentMethod: null });
  });

  it('bound a plan to 2..60 instalments', () => {
    const instalment = { promisedDate: '2026-12-01', amountMinor: 1 };
    expect(issuePath(PromisePlanSchema.safeParse({ customerId, instalments: [instalment] }))).toBe('instalments');
    expect(PromisePlanSchema.safeParse({ customerId, instalments: [instalment, instalment] }).success).toBe(true);
  });
});

describe('DraftSaveSchema', () => {
  it('takes any JSON up to the size limit, nothing else', () => {
    expect(DraftSaveSchema.safeParse({ key: 'contact:1', value: { note: 'a', items: [1, null, true] } }).success).toBe(true);
    expect(issuePath(DraftSaveSchema.safeParse({ key: 'contact:1', value: 'x'.repeat(100_000) }))).toBe('value');
    expect(issuePath(DraftSaveSchema.safeParse({ key: '  ', value: 1 }))).toBe('key');
  });
});
