/** Timeline titles worded in the interface language from their kind and values; the stored English in English and where an entry has none. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { timelineTitle } from '../../../renderer/src/account/timelineTitle';
import { currentLocale, setDisplayLocale } from '../../../renderer/src/common/format';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

const PROMISE = { title: 'Promise to pay by 2024-03-15 (level 2)', date: '2024-03-15', titleKey: 'promise', titleParams: { date: '2024-03-15', level: 2 } } as const;
const DISPUTE = { title: 'Dispute: Pricing', date: null, titleKey: 'dispute', titleParams: { reason: 'pricing' } } as const;

const locale = currentLocale();

afterEach(async () => {
  setDisplayLocale(locale);
  await i18n.changeLanguage('en');
});

describe('timeline title', () => {
  it('is in English the stored title, with its date in the user’s format', async () => {
    await i18n.changeLanguage('en');
    expect(timelineTitle(i18n.t, DISPUTE)).toBe('Dispute: Pricing');
    const promise = timelineTitle(i18n.t, PROMISE);
    expect(promise).toMatch(/^Promise to pay by .+ \(level 2\)$/);
    expect(promise).not.toContain('2024-03-15');
  });

  it('is German in German: a promise with a German date, a dispute with its reason', async () => {
    await i18n.changeLanguage('de');
    setDisplayLocale('de-DE');
    expect(timelineTitle(i18n.t, PROMISE)).toBe('Zahlungszusage bis 15. März 2024 (Stufe 2)');
    expect(timelineTitle(i18n.t, DISPUTE)).toBe(`Reklamation: ${i18n.t('common.codes.disputeReason.pricing')}`);
    expect(timelineTitle(i18n.t, DISPUTE)).not.toContain('Pricing');
    expect(timelineTitle(i18n.t, { title: 'Payment received', date: null, titleKey: 'payment', titleParams: {} })).toBe('Zahlung eingegangen');
  });

  it('shows the stored title for an entry without a title kind, or with a code it does not know', async () => {
    await i18n.changeLanguage('de');
    expect(timelineTitle(i18n.t, { title: 'Dispute: Pricing', date: null })).toBe('Dispute: Pricing');
    expect(timelineTitle(i18n.t, { ...DISPUTE, titleParams: { reason: 'not_a_reason' } })).toBe('Dispute: Pricing');
  });
});
