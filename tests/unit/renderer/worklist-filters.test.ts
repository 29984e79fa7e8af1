import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersKey, toggleFlag, toggleListValue, without } from '../../../renderer/src/worklist/filters';

describe('worklist filter helpers', () => {
  it('adds and removes list values, dropping an emptied list entirely', () => {
    const one = toggleListValue({}, 'currencies', 'EUR');
    expect(one).toEqual({ currencies: ['EUR'] });
    const two = toggleListValue(one, 'currencies', 'USD');
    expect(two).toEqual({ currencies: ['EUR', 'USD'] });
    expect(toggleListValue(toggleListValue(two, 'currencies', 'EUR'), 'currencies', 'USD')).toEqual({});
  });

  it('toggles flags on and off without leaving false values behind', () => {
    const on = toggleFlag({ riskClasses: ['high'] }, 'hasDispute');
    expect(on).toEqual({ riskClasses: ['high'], hasDispute: true });
    expect(toggleFlag(on, 'hasDispute')).toEqual({ riskClasses: ['high'] });
  });

  it('counts active filters and clears one', () => {
    const filters = { buckets: ['over-120'], countries: [], followUpDue: true, hasBrokenPromise: false };
    expect(activeFilterCount(filters)).toBe(2);
    expect(without(filters, 'buckets')).toEqual({ countries: [], followUpDue: true, hasBrokenPromise: false });
  });

  it('keys filters independently of property order', () => {
    expect(filtersKey({ hasDispute: true, currencies: ['EUR'] })).toBe(filtersKey({ currencies: ['EUR'], hasDispute: true }));
  });
});
