/** The quick-log panel's outcome hotkeys: one key per outcome, shown on its button and in the help. */
import type { Outcome } from '../../../shared/domain/codes';

export const OUTCOME_KEYS: Readonly<Record<Outcome, string>> = {
  no_answer: 'n',
  left_voicemail: 'v',
  wrong_contact: 'w',
  call_back_later: 'c',
  invoice_not_received: 'i',
  awaiting_approval: 'a',
  in_payment_run: 'r',
  payment_sent: 's',
  promise_to_pay: 'p',
  dispute_raised: 'd',
  refused_to_pay: 'x',
  escalated: 'e',
};

/** In display order: the common outcomes first. */
export const OUTCOMES_SHOWN = Object.keys(OUTCOME_KEYS) as Outcome[];

export function outcomeForKey(key: string): Outcome | undefined {
  const lower = key.toLowerCase();
  return key.length === 1 ? OUTCOMES_SHOWN.find((outcome) => OUTCOME_KEYS[outcome] === lower) : undefined;
}

/** Adds a follow-up on the account: f is taken by "g f" (my follow-ups); u as in follow-up. */
export const ADD_FOLLOW_UP_KEY = 'u';
