/**
 * The desktop user's "today": the calendar day in the zone they chose in the app, or else the
 * computer's own zone (shared/domain/time-zone.ts). Asked on every operation, so a changed setting
 * applies at once; the computer's zone is the one the app started in (the runtime reads it once), so
 * a specialist whose laptop changed zone on landing sees the new day after a restart, or at once by
 * choosing the zone in the setting.
 */
import { todayIn, type Clock } from '../../shared/domain/clock';
import { systemTimeZone } from '../../shared/domain/time-zone';
import type { PreferenceStore } from '../handlers/preferences';

export interface UserDaySource {
  readonly clock: Clock;
  readonly preferences: PreferenceStore;
}

export const userTimeZone = (preferences: PreferenceStore): string => preferences.get().timeZone ?? systemTimeZone();

export const userToday = (source: UserDaySource): string => todayIn(source.clock, userTimeZone(source.preferences));
