/**
 * The one way data changes: validate, apply the domain rule, write rows, append audit entries and
 * the outbox mutation, refresh the touched customers' summaries, all in ONE transaction. Anything
 * thrown on the way rolls everything back.
 */
import type { ReadDb } from '../read-db';
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { validationError } from '../../shared/api/dispatch';
import { DomainError } from '../../shared/api/result';
import type { Clock } from '../../shared/domain/clock';
import type { PromiseRules } from '../../shared/domain/promise';
import type { LocalStore } from '../open';
import { enqueueMutation } from '../sync/outbox';
import { build, execute, selectFirst } from '../typed-sql';
import { DEFAULT_DOMAIN_SETTINGS, promiseRulesOf, refreshCustomerSummaries, type DomainSettings } from '../summary/refresh';

export interface CommandContext {
  readonly store: LocalStore;
  readonly clock: Clock;
  /** The user's calendar day (db/day/user-day.ts): what a command dates and judges as of. */
  readonly today: () => string;
  readonly settings?: DomainSettings;
}

/** What a command's rule sees while its transaction is open. */
export interface CommandTx {
  readonly sqlite: BetterSqlite3.Database;
  /** One timestamp for every row the command writes. */
  readonly now: string;
  readonly asOf: string;
  /** Grace and tolerance of promises (the domain settings'), for a rule that judges a promise. */
  readonly promiseRules: PromiseRules;
  /** The local profile the change is recorded for (null before a profile exists). */
  readonly userId: string | null;
  readonly mutationId: string;
  audit(entity: string, entityId: string, action: string, before: unknown, after: unknown): void;
  /** Marks a customer whose summary must be recomputed before commit. */
  touch(customerId: string): void;
}

export interface Command<S extends z.ZodType, R> {
  readonly name: string;
  readonly input: S;
  /** The user's private state (worklist pins and snoozes): audited, never synced, so no outbox mutation. */
  readonly localOnly?: boolean;
  apply(tx: CommandTx, input: z.output<S>): R;
}

export interface RunOptions {
  /** Runs last inside the transaction; tests use it to prove a late failure leaves nothing behind. */
  readonly beforeCommit?: (tx: CommandTx) => void;
}


const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export function localProfileId(sqlite: ReadDb): string | null {
  return selectFirst(sqlite, build.selectFrom('users').select('id').where('is_local_profile', '=', 1))?.id ?? null;
}

export function runCommand<S extends z.ZodType, R>(ctx: CommandContext, command: Command<S, R>, rawInput: unknown, options: RunOptions = {}): R {
  const parsed = command.input.safeParse(rawInput);
  if (!parsed.success) {
    const error = validationError(parsed.error, '', rawInput);
    throw new DomainError('validation', error.message, error.field, error.reason === undefined ? undefined : { reason: error.reason, ...(error.params === undefined ? {} : { params: error.params }) });
  }
  const input = parsed.data;
  const { sqlite } = ctx.store;
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;

  return sqlite.transaction(() => {
    const now = ctx.clock.now().toISOString();
    const touched = new Set<string>();
    const mutationId = uuidv7();
    const userId = localProfileId(sqlite);
    const tx: CommandTx = {
      sqlite,
      now,
      asOf: ctx.today(),
      promiseRules: promiseRulesOf(settings),
      userId,
      mutationId,
      audit(entity, entityId, action, before, after) {
        execute(
          sqlite,
          build.insertInto('audit_log').values({
            id: uuidv7(),
            at: now,
            user_id: userId,
            entity,
            entity_id: entityId,
            action,
            before_json: json(before),
            after_json: json(after),
            mutation_id: mutationId,
          }),
        );
      },
      touch(customerId) {
        touched.add(customerId);
      },
    };
    const result = command.apply(tx, input);
    if (command.localOnly !== true) {
      enqueueMutation(sqlite, { id: mutationId, name: command.name, args: input, createdAt: now, day: tx.asOf });
    }
    refreshCustomerSummaries(sqlite, touched, tx.asOf, settings, now);
    options.beforeCommit?.(tx);
    return result;
  }).immediate();
}
