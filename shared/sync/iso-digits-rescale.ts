/**
 * One-time data move of both stores (desktop migration 013, server migration 011; sync protocol 3):
 * amounts used to be stored with the runtime's locale digits and are now stored with ISO 4217's
 * (shared/domain/iso4217.ts). For the currencies below the two differ, so their stored minor units
 * are multiplied by the factor: 1234 HUF stored as 1234 becomes 123400.
 *
 * Frozen on purpose: it describes the stores and the runtime as they were when the rule changed
 * (Node 20's ICU; the list was taken by comparing every code from AAA to ZZZ), not as they are now.
 * Later money columns are born at ISO precision and are not listed here.
 */

/** Factor by currency: 10 to the power of (ISO digits − locale digits). */
export const ISO_DIGITS_FACTORS: Readonly<Record<string, number>> = {
  ADP: 100, AFN: 100, ALL: 100, BYR: 100, COP: 100, ESP: 100, HUF: 100, IDR: 100, IQD: 1000, IRR: 100,
  ITL: 100, KPW: 100, LAK: 100, LBP: 100, LUF: 100, MGA: 100, MGF: 100, MMK: 100, MRO: 100, PKR: 100,
  SLL: 100, SOS: 100, STD: 100, SYP: 100, TMM: 100, TRL: 100, YER: 100, ZMK: 100, ZWD: 100,
};

/** The money columns of the synced tables at the time, and the currency column each is in. */
export const RESCALED_MONEY_COLUMNS: readonly { readonly table: string; readonly columns: readonly string[] }[] = [
  { table: 'customers', columns: ['credit_limit_minor'] },
  { table: 'open_items', columns: ['original_minor', 'open_minor', 'disputed_minor'] },
  { table: 'payments', columns: ['amount_minor'] },
  { table: 'clearings', columns: ['amount_minor'] },
  { table: 'promises', columns: ['amount_minor', 'paid_minor'] },
  { table: 'disputes', columns: ['disputed_minor'] },
  { table: 'escalations', columns: ['amount_minor'] },
  // In its dispute's currency: the row has none of its own.
  { table: 'dispute_items', columns: ['disputed_minor'] },
];

const SAFE = Number.MAX_SAFE_INTEGER;

/** `value × factor`, held at the safe-integer bounds so no multiplied row can fail a read (both dialects). */
function scaled(column: string, factor: number): string {
  const limit = Math.floor(SAFE / factor);
  return `CASE WHEN ${column} > ${String(limit)} THEN ${String(SAFE)} WHEN ${column} < -${String(limit)} THEN -${String(SAFE)} ELSE ${column} * ${String(factor)} END`;
}

function codesWithFactor(factor: number): string {
  return Object.entries(ISO_DIGITS_FACTORS)
    .filter(([, value]) => value === factor)
    .map(([code]) => `'${code}'`)
    .join(', ');
}

/** The UPDATE statements, valid in SQLite and PostgreSQL alike; run once, in the migration's transaction. */
export function isoDigitsRescaleStatements(): string[] {
  const factors = [...new Set(Object.values(ISO_DIGITS_FACTORS))];
  return factors.flatMap((factor) => {
    const codes = codesWithFactor(factor);
    return RESCALED_MONEY_COLUMNS.map(({ table, columns }) => {
      const set = columns.map((column) => `${column} = ${scaled(column, factor)}`).join(', ');
      const where = table === 'dispute_items' ? `dispute_id IN (SELECT id FROM disputes WHERE currency IN (${codes}))` : `currency IN (${codes})`;
      return `UPDATE ${table} SET ${set} WHERE ${where}`;
    });
  });
}
