/**
 * The mutation kinds written once (shared/mutations), by name. A Map, not an object: the name
 * comes from a client, and "toString" or "__proto__" must find nothing.
 */
import { contactPersonSave } from './contact-persons';
import type { MutationDefinition } from './definition';
import { followUpCancel, followUpComplete, followUpCreate } from './follow-ups';
import { noteAdd, noteEdit } from './notes';

const DEFINITIONS: readonly MutationDefinition[] = [noteAdd, noteEdit, followUpCreate, followUpComplete, followUpCancel, contactPersonSave];

export const MUTATION_DEFINITIONS: ReadonlyMap<string, MutationDefinition> = new Map(DEFINITIONS.map((definition) => [definition.name, definition]));
