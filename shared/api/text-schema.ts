/** The zod form of the text rule (shared/domain/text.ts): the base of every text field a person or an ERP export fills. */
import { z } from 'zod';
import { textRefusal } from '../domain/text';
import { refusalIssue } from './refusal-issue';

/** The rule as a refinement, for a string schema that needs its own type error (the import's). */
export function refuseUnsafeText(value: string, ctx: z.RefinementCtx): void {
  const refusal = textRefusal(value);
  if (refusal !== null) ctx.addIssue({ code: 'custom', ...refusalIssue(refusal), input: value });
}

/** A string that passes the text rule; chain trim, min, max and the rest as on z.string(). */
export const TextSchema = z.string().superRefine(refuseUnsafeText);
