/**
 * The rules of shared/ refuse with a refusal key and its values (shared/i18n/refusals/rules.ts), so
 * each client words them in the user's language: the key and values are the right ones, the English
 * message is the one the rule always wrote, and another language writes the values its own way.
 */
import { describe, expect, it } from 'vitest';
import { PromiseCreateSchema } from '../../shared/api/collector-schemas';
import { validationError } from '../../shared/api/dispatch';
import { DomainError, type ApiError } from '../../shared/api/result';
import { TextSchema } from '../../shared/api/text-schema';
import { aboveOwedProblem } from '../../shared/domain/amount-limits';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { DISPUTE_STATUSES } from '../../shared/domain/codes';
import { allowedDisputeActions, DISPUTE_ACTIONS, transitionDispute, type DisputeAction } from '../../shared/domain/dispute';
import { formatMoney } from '../../shared/domain/money';
import { textRefusal } from '../../shared/domain/text';
import { checkReassignTarget, requireDecider } from '../../shared/domain/team';
import { fillRefusal, refusalMessage, refusalTemplate, type RefusalFormat } from '../../shared/i18n/refusals';
import { DEFAULT_PROMISE_RULES } from '../../shared/domain/promise';
import type { DecideContext } from '../../shared/mutations/definition';
import type { Effect, Step } from '../../shared/mutations/effects';
import { promiseCreate } from '../../shared/mutations/promises';

/** What `action` refuses with, as the API carries it. */
function refusalOf(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.toApiError();
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** German as a German interface writes values: "1.234", "191.027,75 €", "07.12.2026". */
const GERMAN: RefusalFormat = {
  count: (value) => value.toLocaleString('de-DE'),
  amount: (amountMinor, currency) => formatMoney({ amountMinor, currency }, 'de-DE'),
  date: (isoDate) => new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`)),
};

describe('promise.create above what is owed (the shared rule, driven without a store)', () => {
  const customerId = '01900000-0000-7000-8000-000000000001';
  const itemId = '01900000-0000-7000-8000-000000000002';
  const ctx: DecideContext = { now: '2026-03-02T10:00:00.000Z', asOf: '2026-03-02', userId: '01900000-0000-7000-8000-0000000000b1', actor: null, promiseRules: DEFAULT_PROMISE_RULES };
  const tables: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>> = {
    customers: [{ id: customerId, currency: 'EUR' }],
    open_items: [{ id: itemId, customer_id: customerId, document_number: 'INV-1001', currency: 'EUR', open_minor: 120_000, disputed_minor: 20_000 }],
  };

  function run(step: Step<unknown>): void {
    let next = step.next();
    while (next.done !== true) {
      const effect: Effect = next.value;
      const answer =
        effect.effect === 'read'
          ? (tables[effect.table] ?? []).filter((row) => Object.entries(effect.where).every(([column, value]) => (Array.isArray(value) ? value.includes(row[column]) : row[column] === value)))
          : undefined;
      next = step.next(answer);
    }
  }

  it('refuses with promiseAboveOwed, carrying the amount, what is owed and the currency, in the words it always had', () => {
    const args = PromiseCreateSchema.parse({ customerId, promisedDate: '2026-03-20', itemIds: [itemId], amountMinor: 150_000 });
    const error = refusalOf(() => {
      run(promiseCreate.decide(ctx, args));
    });
    expect(error).toEqual({
      code: 'validation',
      field: 'amountMinor',
      reason: 'promiseAboveOwed',
      params: { amountMinor: 150_000, owedMinor: 100_000, currency: 'EUR' },
      message: 'the promised €1,500.00 exceeds the €1,000.00 still owed and not disputed',
    });
  });

  it('gives the form the same refusal as the amount is typed', () => {
    expect(aboveOwedProblem('promise', 150_000, 100_000, 'EUR')).toEqual({ key: 'promiseAboveOwed', params: { amountMinor: 150_000, owedMinor: 100_000, currency: 'EUR' } });
    expect(aboveOwedProblem('plan', 150_000, 100_000, 'EUR')?.key).toBe('planAboveOwed');
    expect(aboveOwedProblem('promise', 100_000, 100_000, 'EUR')).toBeNull();
  });
});

describe('the text rule', () => {
  it('refuses a control character with its key, through the schema and the API error', () => {
    expect(textRefusal('Paid\u0000 in full')).toEqual({ key: 'textControlCharacter' });
    expect(textRefusal('RTL[\u202Eexe]')).toEqual({ key: 'textBidiControl' });
    expect(textRefusal('broken \uD83D text')).toEqual({ key: 'textLoneSurrogate' });
    expect(textRefusal('Tab\tand\nline breaks')).toBeNull();
    const parsed = TextSchema.safeParse('Paid\u0000 in full');
    if (parsed.success) throw new Error('the text rule let a NUL through');
    expect(validationError(parsed.error, 'note')).toEqual({
      code: 'validation',
      field: 'note',
      message: 'note contains a control character (only tab and line breaks are allowed)',
      reason: 'textControlCharacter',
    });
  });
});

describe('a status, a kind or a role is a key of its own, never a parameter', () => {
  it('names the dispute status and exactly the moves it allows', () => {
    expect(refusalOf(() => transitionDispute('resolved', 'void'))).toEqual({
      code: 'conflict',
      field: 'action',
      reason: 'disputeIsResolved',
      message: 'a dispute that is resolved can only be closed or reopened',
    });
    const done: Readonly<Record<DisputeAction, string>> = { start: 'started', escalate: 'escalated', resolve: 'resolved', close: 'closed', reopen: 'reopened', void: 'voided' };
    for (const status of DISPUTE_STATUSES) {
      const refusedAction = DISPUTE_ACTIONS.find((action) => !allowedDisputeActions(status).includes(action));
      if (refusedAction === undefined) continue;
      const [, allowed] = refusalOf(() => transitionDispute(status, refusedAction)).message.split(' can only be ');
      const allowedWords = allowed === undefined ? [] : allowed.split(/, | or /);
      expect(allowedWords.sort(), status).toEqual(allowedDisputeActions(status).map((action) => done[action]).sort());
    }
  });

  it('names who may not decide, and a target that is no collector, by role', () => {
    expect(refusalOf(() => requireDecider({ id: 'u1', role: 'admin', teamId: null }))).toMatchObject({
      code: 'forbidden',
      reason: 'decideSignedInAsAdmin',
      message: 'Only a team lead can approve or reject escalation requests; you are signed in as administrator.',
    });
    const lead = { id: 'lead', role: 'team_lead', teamId: 't1' } as const;
    const target = { id: 'x', displayName: 'Lena Lead', role: 'team_lead', teamId: 't1', disabled: false } as const;
    expect(
      refusalOf(() => {
        checkReassignTarget(lead, target);
      }),
    ).toEqual({
      code: 'validation',
      field: 'toCollectorId',
      reason: 'reassignTargetTeamLead',
      params: { name: 'Lena Lead' },
      message: 'Lena Lead is a team lead, not a collector',
    });
  });
});

describe('German wording', () => {
  it('writes a promise above what is owed with German amounts', () => {
    const params = { amountMinor: 19_102_775_000, owedMinor: 19_102_775, currency: 'EUR' };
    expect(fillRefusal(refusalTemplate('de', 'promiseAboveOwed'), params, GERMAN)).toBe(
      `die zugesagten ${formatMoney({ amountMinor: 19_102_775_000, currency: 'EUR' }, 'de-DE')} übersteigen die noch offenen, unbestrittenen ${formatMoney({ amountMinor: 19_102_775, currency: 'EUR' }, 'de-DE')}`,
    );
    expect(formatMoney({ amountMinor: 19_102_775, currency: 'EUR' }, 'de-DE')).toMatch(/^191\.027,75\s€$/);
  });

  it('writes a date outside its window with German dates, the English message unchanged', () => {
    const error = refusalOf(() => {
      requireDateInWindow('followUp', '2020-01-01', '2026-12-07', 'dueDate');
    });
    expect(error.message).toBe('2020-01-01 may not lie in the past (today is 2026-12-07)');
    expect(error.reason).toBe('dateInPastToday');
    expect(fillRefusal(refusalTemplate('de', 'dateInPastToday'), error.params ?? {}, GERMAN)).toBe('01.01.2020 darf nicht in der Vergangenheit liegen (heute ist der 07.12.2026)');
  });

  it('words a text problem and a count', () => {
    expect(refusalTemplate('de', 'textControlCharacter')).toBe('enthält ein Steuerzeichen (erlaubt sind nur Tabulator und Zeilenumbrüche)');
    expect(fillRefusal(refusalTemplate('de', 'draftTooLong'), { max: 100_000 }, GERMAN)).toBe('darf als JSON höchstens 100.000 Zeichen lang sein');
    expect(refusalMessage({ key: 'draftTooLong', params: { max: 100_000 } })).toBe('must be at most 100,000 characters as JSON');
  });
});
