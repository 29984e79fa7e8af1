/**
 * The work that time does to the local store, as one explicit step, so that no read writes: the
 * day's promise verdicts (db/promises/evaluate-all.ts), summaries aged to today (and recomputed
 * when the settings changed), and pins and snoozes whose time ran out moved back among the others.
 * The handler table runs it before every operation (db/handlers/create-handlers.ts); each part
 * checks first whether it is due, so on most calls it reads two rows of sync_state and changes
 * nothing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '../../shared/domain/clock';
import { evaluatePromisesIfDue } from '../promises/evaluate-all';
import type { ReadContext } from '../queries/worklist';
import { ensureSummariesCurrentSync, expireOverrides, type DomainSettings } from '../summary/refresh';

/** What a read sees: the user's day (./user-day.ts), the time, the settings; computing it writes nothing. */
export const readContextOf = (clock: Clock, today: () => string, settings: DomainSettings): ReadContext => ({ asOf: today(), now: clock.now().toISOString(), settings });

/**
 * Each part is a transaction of its own, taken only when it is due: a call on a day already rolled
 * over takes no write lock. A part that fails leaves the others done and is tried again next call.
 */
export function rollOver(sqlite: BetterSqlite3.Database, ctx: ReadContext): void {
  // Promises first: a promise broken overnight must count in the summaries recomputed for the new day.
  evaluatePromisesIfDue(sqlite, { asOf: ctx.asOf, now: ctx.now, settings: ctx.settings });
  ensureSummariesCurrentSync(sqlite, ctx.asOf, ctx.settings);
  expireOverrides(sqlite, ctx.now);
}
