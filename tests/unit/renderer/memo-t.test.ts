/** The remembering `t` of bulk renders: the same answers as i18next's, each worked out once, never stale across languages. */
import type { TFunction } from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { memoT } from '../../../renderer/src/i18n/memoT';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

/** i18next's own t, counting its calls. */
function countingT(): { readonly t: TFunction; readonly calls: () => number } {
  let calls = 0;
  const fixed = i18n.getFixedT('en');
  const counting = (...args: Parameters<typeof fixed>) => {
    calls += 1;
    return fixed(...args);
  };
  return { t: counting as unknown as TFunction, calls: () => calls };
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('memoT', () => {
  it('answers as i18next does, for keys with and without values, plurals included', () => {
    const { t } = countingT();
    const memo = memoT(t);
    expect(memo('worklist.row.neverContacted')).toBe(i18n.t('worklist.row.neverContacted'));
    expect(memo('worklist.row.oldestDays', { days: 630 })).toBe(i18n.t('worklist.row.oldestDays', { days: 630 }));
    for (const count of [1, 2, 5]) expect(memo('worklist.row.brokenMark', { count })).toBe(i18n.t('worklist.row.brokenMark', { count }));
  });

  it('works a key and its values out once, and tells different values apart', () => {
    const { t, calls } = countingT();
    const memo = memoT(t);
    for (let round = 0; round < 5; round++) {
      memo('worklist.row.oldestDays', { days: 630 });
      memo('worklist.row.oldestDays', { days: 631 });
      memo('worklist.row.neverContacted');
    }
    expect(calls()).toBe(3);
    expect(memo('worklist.row.oldestDays', { days: 631 })).not.toBe(memo('worklist.row.oldestDays', { days: 630 }));
  });

  it('keeps no more than its capacity: a full memory is emptied and refilled', () => {
    const { t, calls } = countingT();
    const memo = memoT(t, 3);
    for (const days of [1, 2, 3, 4]) memo('worklist.row.oldestDays', { days });
    expect(calls()).toBe(4);
    memo('worklist.row.oldestDays', { days: 4 });
    expect(calls()).toBe(4);
    memo('worklist.row.oldestDays', { days: 1 });
    expect(calls()).toBe(5);
  });

  it('a new language brings a new t and so new answers', async () => {
    const english = memoT(i18n.getFixedT('en'));
    const german = memoT(i18n.getFixedT('de'));
    await i18n.changeLanguage('de');
    expect(german('worklist.row.neverContacted')).toBe(i18n.t('worklist.row.neverContacted'));
    expect(german('worklist.row.neverContacted')).not.toBe(english('worklist.row.neverContacted'));
  });
});
