/**
 * promise.plan on the desktop: a payment plan, N instalment promises written by one command under
 * one plan id (shared/mutations/promises.ts), the unit a team lead approves and a later promise
 * supersedes as a whole.
 */
import type { z } from 'zod';
import type { PromisePlanResultSchema } from '../../shared/api/collector-schemas';
import { promisePlan, type RecordedPlan } from '../../shared/mutations/promises';
import { definitionCommand } from '../mutations/sqlite-driver';
import { recordedPromiseView } from './promise';

export type PromisePlanResult = z.output<typeof PromisePlanResultSchema>;

export const planView = (plan: RecordedPlan): PromisePlanResult => ({
  planId: plan.planId,
  totalMinor: plan.totalMinor,
  promises: plan.promises.map(recordedPromiseView),
});

export const createPaymentPlanCommand = definitionCommand(promisePlan, planView);
