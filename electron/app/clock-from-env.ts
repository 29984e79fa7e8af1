/** LEDGERLINE_CLOCK=<ISO timestamp> freezes the app's clock, so demos and tests see a fixed "today". */
import { manualClock, systemClock, type Clock } from '../../shared/domain/clock';

export const CLOCK_ENV = 'LEDGERLINE_CLOCK';

export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const frozen = env[CLOCK_ENV];
  if (frozen === undefined || frozen.trim() === '') return systemClock;
  // manualClock throws on a bad value: better a loud start-up failure than a silently wrong "today".
  return manualClock(frozen.trim());
}
