/** A server error belongs to a field: editing that field (or, for a list, one of its parts) takes it away. */
import { describe, expect, it } from 'vitest';
import { errorIsAbout } from '../../../renderer/src/collector/useCommand';

describe('errorIsAbout', () => {
  const error = (field?: string) => ({ code: 'validation' as const, message: 'may not lie in the past', ...(field === undefined ? {} : { field }) });

  it('matches the field the server named and the parts of it', () => {
    expect(errorIsAbout(error('dueDate'), 'dueDate')).toBe(true);
    expect(errorIsAbout(error('items.0.amountMinor'), 'items')).toBe(true);
  });

  it('leaves errors about other fields, about no field, and no error alone', () => {
    expect(errorIsAbout(error('title'), 'dueDate')).toBe(false);
    expect(errorIsAbout(error('dueDateFrom'), 'dueDate')).toBe(false);
    expect(errorIsAbout(error(), 'dueDate')).toBe(false);
    expect(errorIsAbout(null, 'dueDate')).toBe(false);
  });
});
