/**
 * The follow-up opened when a promise is found broken. Every client judges promises on its own
 * (the same rule, the same data), so each would open "the" follow-up: its id is derived from the
 * promise, and the server, told by any of them, creates it once under that id.
 */
import { v5 as uuidv5 } from 'uuid';

const BROKEN_FOLLOW_UP_NAMESPACE = '6f3b2d9e-4c1a-5e8b-9d7f-2a1c3e5b7d90';

export const brokenPromiseFollowUpId = (promiseId: string): string => uuidv5(`broken-promise:${promiseId}`, BROKEN_FOLLOW_UP_NAMESPACE);

export const brokenPromiseFollowUpTitle = (promisedDate: string): string => `Promise of ${promisedDate} broken: call the customer`;

/**
 * Whom the follow-up goes to: the promise's author, else whoever found it broken (on a
 * workstation the signed-in user, who is also the one whose push tells the server).
 */
export const brokenPromiseFollowUpAssignee = (createdBy: string | null, evaluatorId: string | null): string | null => createdBy ?? evaluatorId;
