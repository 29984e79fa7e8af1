/**
 * Mutation names the server applies; any other name is rejected as `unsupported_mutation`. A Map,
 * not an object: the name comes from the client, and "toString" or "__proto__" must find nothing.
 * The kinds written once (shared/mutations/registry.ts) first, then the ones not moved there yet.
 */
import { MUTATION_DEFINITIONS } from '../../shared/mutations/registry';
import { brokenPromiseFollowUp, type Applier } from './appliers';
import { definitionApplier } from './definition-applier';

export const APPLIERS: ReadonlyMap<string, Applier> = new Map<string, Applier>([
  ...[...MUTATION_DEFINITIONS].map(([name, definition]) => [name, definitionApplier(definition)] as const),
  ['promise.brokenFollowUp', brokenPromiseFollowUp],
]);
