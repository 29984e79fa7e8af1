/** The worklist grid's cell styles: one line each, cut with an ellipsis; figures right-aligned in even-width digits. */
export const CELL_SX = { px: 1, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' } as const;
export const NUMERIC_CELL_SX = { ...CELL_SX, textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
