/** The priority factors worded in the interface language from their values; the stored English where a summary has none. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scorePriority, DEFAULT_PRIORITY_WEIGHTS, type PriorityInput } from '../../../shared/domain/priority';
import { factorDetail, factorLabel } from '../../../renderer/src/common/factorText';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

const INPUT: PriorityInput = {
  baseCurrency: 'EUR',
  overdueBaseMinor: 1_234_500,
  convertedFrom: [{ currency: 'CHF', rate: '1.05' }],
  oldestDaysPastDue: 1,
  brokenPromises: 2,
  promiseDueSoon: false,
  followUpDue: true,
  disputesNearDeadline: 0,
  creditLimitExceeded: false,
  riskClass: 'high',
  daysSinceLastContact: 12,
  promisedNotDueShare: 0,
  futureFollowUp: false,
};

const words = () => scorePriority(INPUT, DEFAULT_PRIORITY_WEIGHTS).factors.map((factor) => `${factorLabel(i18n.t, factor)}: ${factorDetail(i18n.t, factor)}`);

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('factor text', () => {
  it('is in English what the score itself writes', async () => {
    await i18n.changeLanguage('en');
    for (const factor of scorePriority(INPUT, DEFAULT_PRIORITY_WEIGHTS).factors) {
      expect(factorLabel(i18n.t, factor)).toBe(factor.label);
      expect(factorDetail(i18n.t, factor)).toBe(factor.detail);
    }
  });

  it('is German in German, with the language’s plurals', async () => {
    await i18n.changeLanguage('de');
    expect(words()).toEqual(
      expect.arrayContaining([
        'Ältester überfälliger Posten: ältester Posten 1 Tag überfällig',
        'Nicht eingehaltene Zusagen: 2 nicht eingehaltene Zusagen',
        'Risikoklasse: hohes Risiko',
        'Kein aktueller Kontakt: letzter Kontakt vor 12 Tagen',
      ]),
    );
  });

  it('falls back to the stored English detail of a summary kept before the values were', async () => {
    await i18n.changeLanguage('es');
    expect(factorDetail(i18n.t, { key: 'overdueAmount', label: 'Overdue amount', detail: 'EUR 5.00 overdue' })).toBe('EUR 5.00 overdue');
    expect(factorLabel(i18n.t, { key: 'somethingNew', label: 'Something new', detail: '' })).toBe('Something new');
  });
});
