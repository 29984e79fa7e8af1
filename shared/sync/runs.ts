/**
 * Runs (PullResponse.runs) are snapshot upserts with the column names said once per entity; these
 * turn them back into the changes they stand for, for the rows that need the change's form.
 */
import type { Change, RowRun, SyncEntity } from './protocol';

/** The row object of one run row: each column name with its value. */
export function rowOfRun(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let index = 0; index < columns.length; index++) row[columns[index] ?? ''] = values[index];
  return row;
}

/** The upsert a run row stands for: its id, and the customer it belongs to (a customer belongs to itself). */
export function changeOfRunRow(entity: SyncEntity, columns: readonly string[], values: readonly unknown[]): Change {
  const row = rowOfRun(columns, values);
  const id = String(row.id);
  return { op: 'upsert', entity, id, customerId: entity === 'customers' ? id : String(row.customer_id), row };
}

export function changesOfRun(run: RowRun): Change[] {
  return run.rows.map((values) => changeOfRunRow(run.entity, run.columns, values));
}
