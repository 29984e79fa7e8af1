/**
 * Mutation names the server applies; any other name is rejected as `unsupported_mutation`. A Map,
 * not an object: the name comes from the client, and "toString" or "__proto__" must find nothing.
 */
import { brokenPromiseFollowUp, contactPersonSave, followUpClose, followUpCreate, noteAdd, noteEdit, type Applier } from './appliers';
import { contactLog } from './contact-appliers';
import { disputeCreate, disputeTransition } from './dispute-appliers';
import { escalationRequest, escalationWithdraw } from './escalation-appliers';
import { promiseCancel, promiseCreate, promisePlan } from './promise-appliers';
import { customerReassign, escalationDecide } from './team-appliers';

export const APPLIERS: ReadonlyMap<string, Applier> = new Map<string, Applier>([
  ['contact.log', contactLog],
  ['contactPerson.save', contactPersonSave],
  ['note.add', noteAdd],
  ['note.edit', noteEdit],
  ['followUp.create', followUpCreate],
  ['promise.brokenFollowUp', brokenPromiseFollowUp],
  ['followUp.complete', followUpClose('done')],
  ['followUp.cancel', followUpClose('cancelled')],
  ['dispute.create', disputeCreate],
  ['dispute.transition', disputeTransition],
  ['escalation.request', escalationRequest],
  ['escalation.withdraw', escalationWithdraw],
  ['promise.create', promiseCreate],
  ['promise.cancel', promiseCancel],
  ['promise.plan', promisePlan],
  ['customer.reassign', customerReassign],
  ['escalation.decide', escalationDecide],
]);
