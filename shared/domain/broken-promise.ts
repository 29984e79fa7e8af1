/**
 * The follow-up the server's promise evaluation opens when it finds a promise broken
 * (shared/mutations/promise-evaluation.ts). Its id is derived from the promise, so however often
 * the evaluation runs, there is one.
 */
import { v5 as uuidv5 } from 'uuid';

const BROKEN_FOLLOW_UP_NAMESPACE = '6f3b2d9e-4c1a-5e8b-9d7f-2a1c3e5b7d90';

export const brokenPromiseFollowUpId = (promiseId: string): string => uuidv5(`broken-promise:${promiseId}`, BROKEN_FOLLOW_UP_NAMESPACE);

export const brokenPromiseFollowUpTitle = (promisedDate: string): string => `Promise of ${promisedDate} broken: call the customer`;

/** Whom the follow-up goes to: the promise's author, else the customer's collector. */
export const brokenPromiseFollowUpAssignee = (createdBy: string | null, collectorId: string | null): string | null => createdBy ?? collectorId;
