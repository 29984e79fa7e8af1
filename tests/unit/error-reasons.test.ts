/** A refused input carries a reason and its values for the client to word; the English message stays as it was. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract } from '../../shared/api/contract';
import { validationError } from '../../shared/api/dispatch';
import { DomainError, ERROR_REASONS } from '../../shared/api/result';

const CUSTOMER = '01900000-0000-7000-8000-000000000001';

function refusal(operation: keyof typeof apiContract, input: unknown) {
  const parsed = apiContract[operation].input.safeParse(input);
  if (parsed.success) throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
  return validationError(parsed.error, '', input);
}

describe('validationError', () => {
  it('gives a too-long name the reason tooLong with the most characters allowed', () => {
    expect(refusal('contactPerson.save', { customerId: CUSTOMER, name: 'x'.repeat(201) })).toEqual({
      code: 'validation',
      message: 'name must be at most 200 characters',
      field: 'name',
      reason: 'tooLong',
      params: { max: 200 },
    });
  });

  it('gives a missing or empty required field the reason required', () => {
    expect(refusal('note.add', { customerId: CUSTOMER })).toEqual({
      code: 'validation',
      message: 'body Invalid input: expected string, received undefined',
      field: 'body',
      reason: 'required',
    });
    expect(refusal('note.add', { customerId: CUSTOMER, body: '' })).toMatchObject({ field: 'body', reason: 'required', message: 'body is required' });
  });

  it('tells a value of the wrong type from a missing one', () => {
    expect(refusal('note.add', { customerId: 5, body: 'hi' })).toMatchObject({ field: 'customerId', reason: 'wrongType' });
  });

  it('names an unknown key as the field, with the reason unknownField', () => {
    expect(refusal('note.add', { customerId: CUSTOMER, body: 'hi', extra: 1 })).toEqual({
      code: 'validation',
      message: 'extra Unrecognized key: "extra"',
      field: 'extra',
      reason: 'unknownField',
    });
  });

  it('words numbers, lists, choices and formats by reason', () => {
    expect(refusal('worklist.query', { limit: 100_000 })).toMatchObject({ field: 'limit', message: 'limit must be at most 500', reason: 'tooLarge', params: { max: 500 } });
    expect(refusal('prefs.set', { language: 'xx' })).toMatchObject({ field: 'language', reason: 'notOneOf' });
    const schema = z.strictObject({ tags: z.array(z.string()).max(2), mail: z.email(), count: z.number().positive() });
    const first = (input: unknown) => {
      const parsed = schema.safeParse(input);
      if (parsed.success) throw new Error('accepted');
      return validationError(parsed.error, 'args', input);
    };
    expect(first({ tags: ['a', 'b', 'c'], mail: 'a@b.de', count: 1 })).toMatchObject({ field: 'args.tags', reason: 'tooMany', params: { max: 2 } });
    expect(first({ tags: [], mail: 'no', count: 1 })).toMatchObject({ field: 'args.mail', reason: 'invalidFormat', params: { format: 'email' } });
    expect(first({ tags: [], mail: 'a@b.de', count: 0 })).toMatchObject({ field: 'args.count', reason: 'notAbove', params: { min: 0 } });
  });

  it('gives a custom rule a reason only when it names one', () => {
    const named = z.string().refine(() => false, { message: 'too wordy', params: { reason: 'tooLong', max: 3, ignored: true } });
    const plain = z.string().refine(() => false, { message: 'not like that' });
    const namedError = named.safeParse('abcd').error;
    const plainError = plain.safeParse('abcd').error;
    if (namedError === undefined || plainError === undefined) throw new Error('accepted');
    expect(validationError(namedError, 'text')).toEqual({ code: 'validation', message: 'text too wordy', field: 'text', reason: 'tooLong', params: { max: 3 } });
    expect(validationError(plainError, 'text')).toEqual({ code: 'validation', message: 'text not like that', field: 'text' });
  });

  it('keeps the reason as JSON carries it, and through a DomainError', () => {
    const error = refusal('contactPerson.save', { customerId: CUSTOMER, name: 'x'.repeat(201) });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error);
    expect(ERROR_REASONS).toContain(error.reason);
    const thrown = new DomainError('validation', error.message, error.field, { reason: 'tooLong', params: { max: 200 } });
    expect(thrown.toApiError()).toEqual(error);
    expect(new DomainError('conflict', 'taken').toApiError()).toEqual({ code: 'conflict', message: 'taken' });
  });
});
