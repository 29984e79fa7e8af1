/**
 * Values the store holds can be spoilt by an older client, an import or a bug, within what the
 * column's constraints allow; a read takes what is well formed and drops the rest, never fails.
 */
import type { z } from 'zod';

/** The elements of a stored JSON array that match `schema`; malformed text or a non-array reads as empty. */
export function parseStoredArray<T>(text: string | null, schema: z.ZodType<T>): T[] {
  if (text === null || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    const checked = schema.safeParse(entry);
    return checked.success ? [checked.data] : [];
  });
}

/** `json_each` over a column that should hold a JSON array: anything else iterates as empty instead of raising "malformed JSON". */
export const jsonEachArray = (column: string): string =>
  `json_each(CASE WHEN json_valid(${column}) AND json_type(${column}) = 'array' THEN ${column} ELSE '[]' END)`;

/** A code the column only checks for length (escalations.currency): upper-cased, or NULL when it is still no ISO 4217 code. */
export const storedCurrency = (column: string): string =>
  `CASE WHEN upper(${column}) GLOB '[A-Z][A-Z][A-Z]' THEN upper(${column}) END`;

/** `storedCurrency` for a row already read. */
export function currencyOrNull(code: string | null): string | null {
  const upper = code?.toUpperCase() ?? null;
  return upper !== null && /^[A-Z]{3}$/.test(upper) ? upper : null;
}

/** A stored share in basis points (customer_summary.credit_used_bp): a whole number from 0 up, else none. */
export const storedBp = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);
