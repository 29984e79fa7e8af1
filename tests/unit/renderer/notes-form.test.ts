import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/api/default-preferences';
import { INCOMPLETE_DATE } from '../../../renderer/src/common/dateEntry';
import { initialNotesForm, localErrors, notesFilterOf } from '../../../renderer/src/reports/notesForm';

const form = initialNotesForm('2026-11-23');

describe('the notes export form', () => {
  it('starts on the as-of month, with nothing to complain about', () => {
    expect([form.from, form.to]).toEqual(['2026-11-01', '2026-11-30']);
    expect(localErrors(form)).toEqual({});
  });

  it('refuses a date begun but not finished, on its own field, instead of taking it for no bound', () => {
    expect(localErrors({ ...form, from: INCOMPLETE_DATE })).toEqual({ from: 'reports.notes.errors.incompleteDate' });
    expect(localErrors({ ...form, to: INCOMPLETE_DATE })).toEqual({ to: 'reports.notes.errors.incompleteDate' });
    expect(localErrors({ ...form, from: '', to: '' })).toEqual({});
  });

  it('says an end before the start only of two whole dates', () => {
    expect(localErrors({ ...form, from: '2026-11-20', to: '2026-11-10' })).toEqual({ to: 'reports.notes.errors.endBeforeStart' });
    expect(localErrors({ ...form, from: INCOMPLETE_DATE, to: '2026-11-10' })).toEqual({ from: 'reports.notes.errors.incompleteDate' });
  });

  it('leaves an empty date out of the filter', () => {
    expect(notesFilterOf({ ...form, from: '' }, DEFAULT_PREFERENCES.lastFilters)).not.toHaveProperty('from');
  });
});
