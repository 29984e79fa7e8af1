/** A refusal's wording from the server is an extra: one this client cannot take never costs it the answer. */
import { describe, expect, it } from 'vitest';
import { PushResponseSchema, refusalWording, RejectionSchema } from '../../shared/sync/protocol';

const ID = '00000000-0000-7000-8000-000000000001';

describe('RejectionSchema', () => {
  it('keeps a reason and values it can take', () => {
    expect(RejectionSchema.parse({ code: 'validation', message: 'the text is unchanged', field: 'args.body', reason: 'noteUnchanged', params: { max: 3, name: 'Łódź' } })).toEqual({
      code: 'validation',
      message: 'the text is unchanged',
      field: 'args.body',
      reason: 'noteUnchanged',
      params: { max: 3, name: 'Łódź' },
    });
  });

  it("parses an older server's rejection, which has neither", () => {
    expect(RejectionSchema.parse({ code: 'conflict', message: 'x' })).toEqual({ code: 'conflict', message: 'x' });
  });

  it.each([
    ['a reason over 64 characters', { reason: 'r'.repeat(65) }, { params: { max: 3 } }],
    ['a value over 1,000 characters', { params: { name: 'x'.repeat(1_001) } }, { reason: 'noteUnchanged' }],
    ['a value that is no string or number', { params: { nested: { a: 1 } } }, { reason: 'noteUnchanged' }],
  ])('drops %s and keeps the rest of the push answer', (_label, bad, kept) => {
    const error = { code: 'validation', message: 'refused', reason: 'noteUnchanged', params: { max: 3 }, ...bad };
    const parsed = PushResponseSchema.parse({ results: [{ id: ID, status: 'rejected', error }], lastAppliedSeq: 1 });
    expect(parsed.results[0]?.error).toEqual({ code: 'validation', message: 'refused', ...kept });
  });
});

describe('refusalWording', () => {
  it('gives both, or nothing when either is not what the protocol allows', () => {
    expect(refusalWording('tooLong', { max: 200 })).toEqual({ reason: 'tooLong', params: { max: 200 } });
    expect(refusalWording('noteUnchanged', undefined)).toEqual({ reason: 'noteUnchanged' });
    expect(refusalWording('noteUnchanged', null)).toEqual({ reason: 'noteUnchanged' });
    expect(refusalWording('tooLong', { max: 'x'.repeat(1_001) })).toEqual({});
    expect(refusalWording('tooLong', [200])).toEqual({});
    expect(refusalWording('r'.repeat(65), { max: 200 })).toEqual({});
    expect(refusalWording(42, undefined)).toEqual({});
    expect(refusalWording(undefined, { max: 200 })).toEqual({});
  });
});
