/** note.add / note.edit: notes on a customer or one of its items; an edit is a new version, the old one kept. */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { NoteAddSchema, NoteEditSchema, type NoteSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import type { Row } from '../schema';
import { build, execute, selectFirst } from '../typed-sql';
import type { Command, CommandTx } from './run-command';
import { loadCustomer } from './open-items';

export type NoteView = z.output<typeof NoteSchema>;
type NoteRow = Row<'notes'>;

const selectNote = (tx: CommandTx, id: string): NoteRow | undefined => selectFirst(tx.sqlite, build.selectFrom('notes').selectAll().where('id', '=', id));

export const toNoteView = (row: NoteRow): NoteView => ({
  id: row.id,
  lineageId: row.lineage_id,
  customerId: row.customer_id,
  itemId: row.open_item_id,
  version: row.version,
  isCurrent: row.is_current === 1,
  body: row.body,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

function insert(tx: CommandTx, values: Omit<NoteRow, 'id' | 'is_current' | 'created_by' | 'created_at'>, id: string = uuidv7()): NoteRow {
  execute(tx.sqlite, build.insertInto('notes').values({ ...values, id, is_current: 1, created_by: tx.userId, created_at: tx.now }));
  const row = selectNote(tx, id);
  if (!row) throw new Error(`note ${id} vanished while saving`);
  return row;
}

/** Adds a note (note.add, and the note of a logged contact when it asks for one). */
export function addNote(tx: CommandTx, customerId: string, itemId: string | null, body: string): NoteView {
  loadCustomer(tx.sqlite, customerId);
  if (itemId !== null && selectFirst(tx.sqlite, build.selectFrom('open_items').select('customer_id').where('id', '=', itemId))?.customer_id !== customerId) {
    throw new DomainError('not_found', `open item ${itemId} does not exist for this customer`, 'itemId');
  }
  // A lineage is named by its first version's id: the server derives the same name from the id it is sent.
  const id = uuidv7();
  const row = insert(tx, { customer_id: customerId, open_item_id: itemId, lineage_id: id, version: 1, body }, id);
  tx.audit('note', row.id, 'create', null, row);
  tx.touch(customerId);
  return toNoteView(row);
}

export const addNoteCommand: Command<typeof NoteAddSchema, NoteView> = {
  name: 'note.add',
  input: NoteAddSchema,
  apply: (tx, input) => addNote(tx, input.customerId, input.itemId, input.body),
};

export const editNoteCommand: Command<typeof NoteEditSchema, NoteView> = {
  name: 'note.edit',
  input: NoteEditSchema,
  apply(tx, input) {
    const before = selectNote(tx, input.noteId);
    if (!before) throw new DomainError('not_found', `note ${input.noteId} does not exist`, 'noteId');
    // Editing an older version would fork the lineage: the editor must start from the current text.
    if (before.is_current !== 1) throw new DomainError('conflict', 'this note has been edited since; edit its current version', 'noteId');
    if (before.body === input.body) throw new DomainError('validation', 'the text is unchanged', 'body');
    execute(tx.sqlite, build.updateTable('notes').set({ is_current: 0 }).where('id', '=', before.id));
    tx.audit('note', before.id, 'retire', before, { ...before, is_current: 0 });
    const row = insert(tx, {
      customer_id: before.customer_id,
      open_item_id: before.open_item_id,
      lineage_id: before.lineage_id,
      version: before.version + 1,
      body: input.body,
    });
    tx.audit('note', row.id, 'edit', before, row);
    tx.touch(before.customer_id);
    return toNoteView(row);
  },
};
