/** Excel's rules for worksheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */

export const SHEET_NAME_MAX_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** At most `count` UTF-16 units (Excel's measure) without cutting a surrogate pair in half. */
function firstChars(text: string, count: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > count) break;
    out += char;
  }
  return out;
}

/** A valid sheet name for `wanted`, not yet in `taken` (lower-cased names; the new one is added). */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  // Excel also refuses a name starting or ending with an apostrophe and the reserved name "History".
  const cleaned = wanted.replace(FORBIDDEN, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim();
  const base = cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet' : cleaned;
  let candidate = firstChars(base, SHEET_NAME_MAX_LENGTH);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = `${firstChars(base, SHEET_NAME_MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
