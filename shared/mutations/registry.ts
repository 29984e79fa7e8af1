/**
 * The mutation kinds written once (shared/mutations), by name. A Map, not an object: the name
 * comes from a client, and "toString" or "__proto__" must find nothing.
 */
import { attachmentAdd } from './attachments';
import { contactLog } from './contact-logs';
import { contactPersonSave } from './contact-persons';
import type { MutationDefinition } from './definition';
import { disputeCreate, disputeTransition } from './disputes';
import { escalationRequest, escalationWithdraw } from './escalations';
import { followUpCancel, followUpComplete, followUpCreate } from './follow-ups';
import { noteAdd, noteEdit } from './notes';
import { promiseCancel, promiseCreate, promisePlan } from './promises';
import { customerReassign, escalationDecide } from './team';

const DEFINITIONS: readonly MutationDefinition[] = [
  contactLog,
  contactPersonSave,
  noteAdd,
  noteEdit,
  followUpCreate,
  followUpComplete,
  followUpCancel,
  promiseCreate,
  promiseCancel,
  promisePlan,
  disputeCreate,
  disputeTransition,
  escalationRequest,
  escalationWithdraw,
  customerReassign,
  escalationDecide,
  attachmentAdd,
];

export const MUTATION_DEFINITIONS: ReadonlyMap<string, MutationDefinition> = new Map(DEFINITIONS.map((definition) => [definition.name, definition]));
