/**
 * Turns what a user typed into a safe FTS5 query: only runs of letters and digits survive, each
 * quoted as a prefix term, so quotes, `*`, `NEAR`, `OR` or column filters are plain text, never syntax.
 */
const TOKEN = /[\p{L}\p{N}]+/gu;
/** More terms than this add nothing to finding a customer and only slow the match down. */
const MAX_TERMS = 12;

export function toFtsQuery(input: string): string | null {
  const tokens = (input.normalize('NFC').match(TOKEN) ?? []).slice(0, MAX_TERMS);
  if (tokens.length === 0) return null;
  // A token is letters and digits only, so wrapping it in double quotes needs no escaping.
  return tokens.map((token) => `"${token}"*`).join(' ');
}
