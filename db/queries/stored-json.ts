/**
 * JSON the store itself wrote (summaries' aging and factors) can still be spoilt by an older
 * client, an import or a bug; a read takes what is well formed and drops the rest, never fails.
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
