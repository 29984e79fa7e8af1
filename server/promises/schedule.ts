/**
 * Judges promises when the server starts (before it is ready) and again whenever its day changes,
 * until the app closes.
 * A run that fails (the database away, a deadlock with a push) is logged and tried again at the
 * next check; a run changes only verdicts that moved, so running twice on one day is harmless.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { todayUtc, type Clock } from '../../shared/domain/clock';
import type { ServerDatabase } from '../db/schema';
import { evaluatePromisesOnServer } from './evaluate';

/** How often the day is checked: a verdict is due at most this long after midnight (UTC). */
export const DAY_CHECK_MS = 10 * 60_000;

export function scheduleDailyEvaluation(app: FastifyInstance, db: Kysely<ServerDatabase>, clock: Clock, checkMs = DAY_CHECK_MS): void {
  let judgedDay: string | null = null;
  let running: Promise<void> | null = null;
  const check = (): void => {
    const day = todayUtc(clock);
    if (day === judgedDay || running !== null) return;
    running = evaluatePromisesOnServer(db, { asOf: day, now: clock.now().toISOString() })
      .then(
        (run) => {
          judgedDay = day;
          app.log.info({ promises: run }, 'promises judged');
        },
        (error: unknown) => {
          app.log.warn({ err: error }, 'judging promises failed; tried again at the next check');
        },
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(check, checkMs);
  timer.unref();
  // The first run is part of starting: clients that sync at once pull today's verdicts, not yesterday's.
  app.addHook('onReady', async () => {
    check();
    await running;
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
