import { describe, expect, it } from 'vitest';
import { minorDigits } from '../../shared/domain/money';
import { ISO_DIGITS_FACTORS, RESCALED_MONEY_COLUMNS, isoDigitsRescaleStatements } from '../../shared/sync/iso-digits-rescale';
import { SYNCED_ITEM_TABLES, SYNCED_TABLES, type TableSpec } from '../../shared/sync/tables';

/** Money columns declared after the move to ISO precision: born at it, so no migration rescales them. */
const BORN_AT_ISO_PRECISION: readonly string[] = [];

const declaredMoneyColumns = (): string[] =>
  Object.entries<TableSpec>({ ...SYNCED_TABLES, ...SYNCED_ITEM_TABLES }).flatMap(([table, spec]) =>
    Object.entries(spec.columns)
      .filter(([, column]) => column.kind === 'money')
      .map(([column]) => `${table}.${column}`),
  );

describe('the move of stored amounts to ISO 4217 precision', () => {
  it('covers every money column of the synced tables', () => {
    const rescaled = RESCALED_MONEY_COLUMNS.flatMap(({ table, columns }) => columns.map((column) => `${table}.${column}`));
    expect(rescaled.sort()).toEqual(declaredMoneyColumns().filter((column) => !BORN_AT_ISO_PRECISION.includes(column)).sort());
  });

  it('multiplies each listed currency up to its ISO digits from fewer', () => {
    for (const [code, factor] of Object.entries(ISO_DIGITS_FACTORS)) {
      const shifted = Math.log10(factor);
      expect(Number.isInteger(shifted) && shifted > 0 && shifted <= minorDigits(code), code).toBe(true);
    }
    expect(ISO_DIGITS_FACTORS).toMatchObject({ HUF: 100, IDR: 100, COP: 100, IQD: 1000 });
    expect(ISO_DIGITS_FACTORS).not.toHaveProperty('EUR');
    expect(ISO_DIGITS_FACTORS).not.toHaveProperty('JPY');
  });

  it('holds a multiplied amount at the safe-integer bounds and scopes the dispute items by their dispute', () => {
    const statements = isoDigitsRescaleStatements();
    expect(statements).toHaveLength(2 * RESCALED_MONEY_COLUMNS.length);
    expect(statements.find((statement) => statement.startsWith('UPDATE dispute_items'))).toContain('dispute_id IN (SELECT id FROM disputes WHERE currency IN (');
    expect(statements.find((statement) => statement.startsWith('UPDATE payments') && statement.includes("'IQD'"))).toBe(
      "UPDATE payments SET amount_minor = CASE WHEN amount_minor > 9007199254740 THEN 9007199254740991 WHEN amount_minor < -9007199254740 THEN -9007199254740991 ELSE amount_minor * 1000 END WHERE currency IN ('IQD')",
    );
  });
});
