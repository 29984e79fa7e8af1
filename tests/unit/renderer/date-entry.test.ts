import { format } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { enUS } from 'date-fns/locale/en-US';
import { de } from 'date-fns/locale/de';
import { es } from 'date-fns/locale/es';
import { zhCN } from 'date-fns/locale/zh-CN';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dateOfIso, fieldFormatOf, INCOMPLETE_DATE, isoOfDate, pickerLocaleOf } from '../../../renderer/src/common/dateEntry';
import { isCalendarDate } from '../../../shared/domain/dates';

const calendarDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Far east and west of UTC, and zones whose clocks jumped at midnight (no local 00:00 on that day). */
const ZONES = ['UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Sao_Paulo', 'America/Santiago', 'Asia/Tehran'];
const originalZone = process.env.TZ;

afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

describe('calendar dates to the picker and back', () => {
  for (const zone of ZONES) {
    it(`keeps every day in ${zone}, DST and leap days included`, () => {
      process.env.TZ = zone;
      for (const day of ['2018-11-04', '2019-04-06', '2022-09-11', '2024-02-29', '2026-03-29', '2026-10-25', '2026-12-31', '0001-01-01', '0050-06-15', '9999-12-31']) {
        expect(isoOfDate(dateOfIso(day))).toBe(day);
      }
      fc.assert(
        fc.property(calendarDate, (day) => isoOfDate(dateOfIso(day)) === day),
        { numRuns: 300 },
      );
    });
  }

  it('reads a picked Date by its day on the local wall clock, whatever its time', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(isoOfDate(new Date(2026, 11, 4, 23, 59))).toBe('2026-12-04');
    expect(isoOfDate(new Date(2026, 11, 4, 0, 0))).toBe('2026-12-04');
  });

  it('gives the picker its local midnight', () => {
    process.env.TZ = 'America/Santiago';
    const date = dateOfIso('2026-12-04');
    expect([date?.getFullYear(), date?.getMonth(), date?.getDate()]).toEqual([2026, 11, 4]);
  });

  it('is empty for no date, and an unfinished or impossible date is neither empty nor a day', () => {
    expect(isoOfDate(null)).toBe('');
    expect(isoOfDate(new Date(Number.NaN))).toBe(INCOMPLETE_DATE);
    expect(isCalendarDate(INCOMPLETE_DATE)).toBe(false);
    expect(INCOMPLETE_DATE.trim()).not.toBe('');
  });

  it.each(['', INCOMPLETE_DATE, '2026-02-30', '2026-13-01', '2026-1-5', '26-01-05', '2026-11-23T00:00:00Z', '04.12.2026'])('shows no date for %j', (value) => {
    expect(dateOfIso(value)).toBeNull();
  });
});

describe('the field format of a formatting locale', () => {
  it.each([
    ['en-US', 'MM/dd/yyyy'],
    ['en-GB', 'dd/MM/yyyy'],
    ['de-DE', 'dd.MM.yyyy'],
    ['de-CH', 'dd.MM.yyyy'],
    ['es-ES', 'dd/MM/yyyy'],
    ['zh-CN', 'yyyy/MM/dd'],
    ['en-CA', 'yyyy-MM-dd'],
  ])('%s types dates as %s', (locale, expected) => {
    expect(fieldFormatOf(locale)).toBe(expected);
  });

  it('writes a date as Intl does in every language the app formats in', () => {
    const day = new Date(2026, 11, 4);
    for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-DE', 'de-DE', 'de-AT', 'es-ES', 'es-MX', 'zh-CN', 'zh-SG', 'zh-Hans-SG']) {
      const intl = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' }).format(day);
      expect(format(day, fieldFormatOf(locale)), locale).toBe(intl);
    }
  });

  it('falls back to ISO order for a tag Intl refuses', () => {
    expect(fieldFormatOf('not a locale')).toBe('yyyy-MM-dd');
  });
});

describe('the calendar locale of a formatting locale', () => {
  it.each([
    ['en-US', enUS],
    ['en', enUS],
    ['en-GB', enGB],
    ['en-DE', enGB],
    ['de-DE', de],
    ['de-AT', de],
    ['es-MX', es],
    ['zh-CN', zhCN],
    ['zh-Hans-SG', zhCN],
    ['not a locale', enUS],
  ] as const)('%s', (locale, expected) => {
    expect(pickerLocaleOf(locale)).toBe(expected);
  });

  it('starts an American week on Sunday and a British or German one on Monday', () => {
    expect(pickerLocaleOf('en-US').options?.weekStartsOn).toBe(0);
    expect(pickerLocaleOf('en-GB').options?.weekStartsOn).toBe(1);
    expect(pickerLocaleOf('de-DE').options?.weekStartsOn).toBe(1);
  });
});
