/**
 * promise.plan: a payment plan, N instalment promises written by one command under one plan id,
 * the unit a team lead approves and a later promise supersedes as a whole.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { PromisePlanSchema, type PromisePlanResultSchema } from '../../shared/api/collector-schemas';
import { validateInstalments } from '../../shared/domain/promise-plan';
import type { Command } from './run-command';
import { promiseScope, recordPromises } from './promise';
import { requireNotAboveOwed } from '../../shared/domain/amount-limits';

export type PromisePlanResult = z.output<typeof PromisePlanResultSchema>;

export const createPaymentPlanCommand: Command<typeof PromisePlanSchema, PromisePlanResult> = {
  name: 'promise.plan',
  input: PromisePlanSchema,
  apply(tx, input) {
    const scope = promiseScope(tx, input.customerId, input.itemIds, input.currency, '');
    // Without a stated total, a plan over items pays off exactly what is owed on them.
    const expectedTotal = input.totalMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
    const totalMinor = validateInstalments(input.instalments, tx.asOf, scope.currency, expectedTotal);
    requireNotAboveOwed('plan', totalMinor, scope.owedMinor, scope.currency, 'totalMinor');
    const planId = uuidv7();
    const promises = recordPromises(tx, {
      customer: scope.customer,
      currency: scope.currency,
      items: scope.items,
      instalments: input.instalments,
      paymentMethod: input.paymentMethod,
      note: input.note,
      activityId: null,
      planId,
      itemsField: 'itemIds',
    });
    return { planId, totalMinor, promises };
  },
};
