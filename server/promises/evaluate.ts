/**
 * The server's judgement of open promises: the shared rule (shared/mutations/promise-evaluation.ts)
 * run in a PostgreSQL transaction, each verdict a row change with its change_log entry and each
 * newly broken promise's follow-up opened, so every client pulls the same verdicts. It runs daily
 * (./schedule.ts) and inside each import that brings payments or clearings (server/import/run.ts).
 */
import type { Kysely } from 'kysely';
import { evaluateOpenPromises, type PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';
import type { ServerDatabase } from '../db/schema';
import { runServerStep } from '../sync/definition-applier';
import { SERVER_PROMISE_RULES } from './rules';

export interface ServerEvaluation {
  /** The day judged as of: the server's. */
  readonly asOf: string;
  readonly now: string;
}

/** Judges the open promises inside `trx`, the caller's transaction: every one, or those of the given customers. */
export const evaluatePromisesIn = (trx: Kysely<ServerDatabase>, run: ServerEvaluation, customerIds?: readonly string[]): Promise<PromiseEvaluationRun> =>
  runServerStep(trx, run.now, evaluateOpenPromises({ asOf: run.asOf, now: run.now, promiseRules: SERVER_PROMISE_RULES }, { openFollowUps: true }, customerIds));

/** Judges every open promise in a transaction of its own. */
export const evaluatePromisesOnServer = (db: Kysely<ServerDatabase>, run: ServerEvaluation): Promise<PromiseEvaluationRun> =>
  db.transaction().execute((trx) => evaluatePromisesIn(trx, run));
