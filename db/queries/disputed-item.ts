/**
 * Whether an item was disputed, as every figure of a customer's dispute history counts it (the
 * account's disputed invoices, the forecast's dispute rate): the ERP flagged it, or a case here
 * holds it. SQL over the item aliased `alias`.
 */
export const disputedItemSql = (alias: string): string =>
  `(${alias}.erp_disputed = 1 OR EXISTS (SELECT 1 FROM dispute_items di WHERE di.open_item_id = ${alias}.id))`;
