/**
 * The desktop's own judgement of its open promises, as of its user's day: the shared rule
 * (shared/mutations/promise-evaluation.ts) run against the local store, so a collector offline
 * sees a promise whose deadline passed as broken. These verdicts are provisional: they travel as no
 * outbox mutation and open no follow-up; the server judges the same promises daily and after each
 * import of payments, and its verdicts and follow-ups arrive with the pull and replace these
 * (docs/SYNC.md, "Promise verdicts"). Each change is audited and the touched customers' summaries
 * are refreshed.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { evaluateOpenPromises, type PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';
import { runStep, type StepTx } from '../mutations/sqlite-driver';
import { build, execute, selectFirst } from '../typed-sql';
import { DEFAULT_DOMAIN_SETTINGS, promiseRulesOf, refreshCustomerSummaries, type DomainSettings } from '../summary/refresh';

export type { PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';

export interface EvaluateOptions {
  readonly asOf: string;
  /** Timestamp of the rows written. */
  readonly now: string;
  readonly settings?: DomainSettings;
}

/** Where the last run's date and rules are kept, so a read can tell whether a run is due (migration 002's triggers delete it). */
export const PROMISES_EVALUATED_KEY = 'promises_evaluated';

const lastRun = build.selectFrom('sync_state').select('value').where('key', '=', PROMISES_EVALUATED_KEY);
const stamp = (asOf: string, settings: DomainSettings): string => JSON.stringify({ asOf, rules: promiseRulesOf(settings) });

/** Runs in the caller's transaction when there is one (better-sqlite3 nests it as a savepoint). */
export function evaluatePromisesSync(sqlite: BetterSqlite3.Database, options: EvaluateOptions): PromiseEvaluationRun {
  const { asOf, now } = options;
  const settings = options.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const promiseRules = promiseRulesOf(settings);
  return sqlite.transaction(() => {
    const touched = new Set<string>();
    const tx: StepTx = {
      sqlite,
      audit(entity, entityId, action, before, after) {
        const entry = { id: uuidv7(), at: now, user_id: null, entity, entity_id: entityId, action, before_json: JSON.stringify(before), after_json: JSON.stringify(after), mutation_id: null };
        execute(sqlite, build.insertInto('audit_log').values(entry));
      },
      touch(customerId) {
        touched.add(customerId);
      },
    };
    const run = runStep(tx, evaluateOpenPromises({ asOf, now, promiseRules }, { openFollowUps: false }));
    refreshCustomerSummaries(sqlite, touched, asOf, settings, now);
    const remember = { key: PROMISES_EVALUATED_KEY, value: stamp(asOf, settings) };
    execute(sqlite, build.insertInto('sync_state').values(remember).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: remember.value })));
    return run;
  }).immediate();
}

/** Evaluates when the date or the rules moved since the last run; true when it ran. */
export function evaluatePromisesIfDue(sqlite: BetterSqlite3.Database, options: EvaluateOptions): boolean {
  const last = selectFirst(sqlite, lastRun)?.value;
  if (last === stamp(options.asOf, options.settings ?? DEFAULT_DOMAIN_SETTINGS)) return false;
  evaluatePromisesSync(sqlite, options);
  return true;
}

