/**
 * A mutation kind, written once: its arguments, the customer it changes and the rule that decides
 * it, run by the desktop (db/mutations/sqlite-driver.ts) and by the server
 * (server/sync/definition-applier.ts) alike. A refusal is a DomainError with a code and a field.
 */
import type { z } from 'zod';
import type { PromiseRules } from '../domain/promise';
import type { TeamActor } from '../domain/team';
import type { Step } from './effects';

export interface DecideContext {
  /** When the user acted: every row the mutation writes carries it. */
  readonly now: string;
  /** The user's day, which date rules are checked against. */
  readonly asOf: string;
  /** Who acted (null on a desktop before its first sign-in). */
  readonly userId: string | null;
  /** Who acted, with the role and team a team lead's rights depend on (null as userId). */
  readonly actor: TeamActor | null;
  /** Grace and tolerance of promises, which a rule judging a promise before it replaces it applies. */
  readonly promiseRules: PromiseRules;
}

/** A customer a mutation names, and the field of its args that names it. */
export interface NamedCustomer {
  readonly id: string;
  readonly field: string;
}

export interface MutationDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly name: string;
  readonly args: S;
  /**
   * The customer the mutation changes; DomainError not_found when a row the args refer to does
   * not exist. Both drivers check it before `decide` runs: the server its caller's scope (which an
   * unknown customer fails too), the desktop that the customer is in its store. So `decide` may
   * take the customer as there.
   */
  customerOf(args: z.output<S>): Step<string>;
  decide(ctx: DecideContext, args: z.output<S>): Step<R>;
  /**
   * Every customer the mutation changes, when it names more than one (a reassignment), each with
   * the field that names it: both drivers check each before `decide`, as `customerOf`'s (the
   * server the caller's scope, the desktop that the customer is in its store).
   */
  customersOf?(args: z.output<S>): readonly NamedCustomer[];
  /**
   * True when, for these args, the rule reads no activity or note another mutation of the same
   * push may have created, so the server may write its new activities and notes in one batch.
   */
  bufferable?(args: z.output<S>): boolean;
}

/** customerOf of a mutation that names its customer: whether it exists is the scope check's business. */
// A generator without yields: the customer is in the args.
// eslint-disable-next-line require-yield
export function* namedCustomer(args: { readonly customerId: string }): Step<string> {
  return args.customerId;
}

// Method parameters are bivariant, so a specific definition fits the registry of all of them.
export const defineMutation = <S extends z.ZodType, R>(definition: MutationDefinition<S, R>): MutationDefinition<S, R> => definition;
