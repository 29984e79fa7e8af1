/**
 * "Today" is the user's calendar day: the day on the wall clock where they work, not in UTC. A
 * collector in Los Angeles at 17:30 on 29 February is still on the 29th (01:30 UTC on 1 March);
 * in Sydney the new day starts eleven hours before it does in UTC. Aging, promise verdicts,
 * follow-ups due and the worklist all count from this day. Zones are IANA names ("Europe/Berlin"),
 * checked against the runtime's time-zone data, so a name it cannot use is refused where it is
 * typed rather than failing a read later.
 */
/** The longest IANA name is 32 characters ("America/Argentina/ComodRivadavia"); room for a few more. */
export const TIME_ZONE_MAX_LENGTH = 64;

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it, and "today" is asked on every read. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

type WallClockPart = 'year' | 'month' | 'day' | 'hour' | 'minute';

function wallClockParts(instant: Date, timeZone: string): Record<WallClockPart, string> {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const part = (type: WallClockPart): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The runtime's own spelling of `name` ("utc" → "UTC"), or null when it is no time zone it knows. */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > TIME_ZONE_MAX_LENGTH) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isTimeZone = (name: string): boolean => canonicalTimeZone(name) !== null;

/** The zone of the machine the code runs on (the OS setting, or the TZ variable), UTC where the runtime cannot tell. */
export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return canonicalTimeZone(zone) ?? 'UTC';
}

/** The calendar date (YYYY-MM-DD) of `instant` on the wall clocks of `timeZone`. */
export function calendarDayIn(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClockParts(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** `instant` as the wall clocks of `timeZone` show it, with the zone: "2024-02-29 17:30 America/Los_Angeles". */
export function wallClockIn(instant: Date, timeZone: string): string {
  const { year, month, day, hour, minute } = wallClockParts(instant, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute} ${timeZone}`;
}

/** How far the wall clocks of `timeZone` run ahead of UTC at `instant`, in ms (to the minute). */
function offsetAt(instant: number, timeZone: string): number {
  const { year, month, day, hour, minute } = wallClockParts(new Date(instant), timeZone);
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant `day` begins on the wall clocks of `timeZone` (ISO, UTC): a snooze "until the 1st"
 * ends at midnight where the user is. Where a DST change skips midnight, the first instant after.
 */
export function startOfDayIn(day: string, timeZone: string): string {
  const midnight = Date.parse(`${day}T00:00:00.000Z`);
  let guess = midnight - offsetAt(midnight, timeZone);
  guess = midnight - offsetAt(guess, timeZone);
  if (calendarDayIn(new Date(guess), timeZone) < day) guess += 3_600_000;
  return new Date(guess).toISOString();
}

/** Every zone the runtime offers, for a picker; sorted as the runtime lists them. */
export function knownTimeZones(): readonly string[] {
  return Intl.supportedValuesOf('timeZone');
}
