import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContactPersonSaveSchema } from '../../shared/api/schemas';
import { isEmailAddress, isPhoneNumber } from '../../shared/domain/contact-fields';

const CUSTOMER = '00000000-0000-7000-8000-000000000001';
const accepts = (field: 'phone' | 'email', value: string): boolean => ContactPersonSaveSchema.safeParse({ customerId: CUSTOMER, name: 'Ann', [field]: value }).success;

describe('contact fields: one rule for the form and the command', () => {
  it("accepts an email exactly when zod's own email check does", () => {
    const samples = ['a@b.co', 'a-b@c-d.com', 'a..b@c.com', '.a@b.com', 'a@b', 'x+y@z.org', "o'neil@x.ie", 'a@-b.com', 'ap@example.com'];
    for (const sample of samples) expect(isEmailAddress(sample), sample).toBe(z.regexes.email.test(sample));
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })), (value) => {
        expect(isEmailAddress(value)).toBe(z.regexes.email.test(value));
      }),
    );
  });

  it('agrees with the command on phones and emails a user may type', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\+?[0-9 ()./-]{0,20}$/), fc.string({ maxLength: 30 })), (value) => {
        const typed = value.trim();
        if (typed === '') return;
        expect(accepts('phone', value)).toBe(isPhoneNumber(typed));
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })), (value) => {
        if (value === '' || value.length > 254) return;
        expect(accepts('email', value)).toBe(isEmailAddress(value));
      }),
    );
  });
});
