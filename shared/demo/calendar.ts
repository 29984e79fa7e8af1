/**
 * Day arithmetic for the generator on day numbers (days since 1970-01-01 UTC), which is what
 * hundreds of thousands of generated rows need: plain integers, converted to ISO text at the end.
 */
const DAY_MS = 86_400_000;

export const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

const dateTexts = new Map<number, string>();

/** Cached: a portfolio uses a few thousand distinct days for hundreds of thousands of dates. */
export function isoDate(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateTexts.set(day, text);
  }
  return text;
}

/** The epoch milliseconds of a minute of a day. */
export const msOf = (day: number, minuteOfDay: number): number => day * DAY_MS + minuteOfDay * 60_000;

export const isoTimestamp = (ms: number): string => new Date(ms).toISOString();

/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** The same day if it is Monday to Friday, else the Friday before. */
export function workday(day: number): number {
  const dow = weekday(day);
  if (dow === 6) return day - 1;
  if (dow === 0) return day - 2;
  return day;
}
