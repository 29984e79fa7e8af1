/**
 * A refusal as a zod issue's words: the English message, and the key and values in `params`, which
 * dispatch's `issueReason` hands on as the error's reason (shared/api/dispatch.ts), so the client
 * words it in the user's language. For refinements: `.refine(check, refusalIssue(...))` or
 * `ctx.addIssue({ code: 'custom', ...refusalIssue(...) })`.
 */
import { refusalMessage, type Refusal } from '../i18n/refusals';

export interface RefusalIssue {
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export const refusalIssue = (refusal: Refusal): RefusalIssue => ({ message: refusalMessage(refusal), params: { ...refusal.params, reason: refusal.key } });
