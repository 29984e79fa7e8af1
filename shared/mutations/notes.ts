/** note.add / note.edit: notes on a customer or one of its items; an edit is a new version, the old one kept. */
import { NoteAddSchema, NoteEditSchema } from '../api/collector-schemas';
import { refused } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer } from './definition';
import { insertRow, newId, updateRow } from './effects';
import { requiredRow, requireItemOf } from './guards';

export const noteAdd = defineMutation({
  name: 'note.add',
  args: NoteAddSchema,
  customerOf: namedCustomer,
  // Reads only the customer and the item, which no push creates.
  bufferable: () => true,
  *decide(ctx, args) {
    yield* requireItemOf(args.itemId, args.customerId);
    const id = yield* newId('notes');
    // A lineage is named by its first version's id.
    const row: SyncedRow<'notes'> = {
      id,
      customer_id: args.customerId,
      open_item_id: args.itemId,
      lineage_id: id,
      version: 1,
      is_current: true,
      body: args.body,
      created_by: ctx.userId,
      created_at: ctx.now,
    };
    yield* insertRow('notes', args.customerId, row, 'create');
    return row;
  },
});

export const noteEdit = defineMutation({
  name: 'note.edit',
  args: NoteEditSchema,
  *customerOf(args) {
    return (yield* requiredRow('notes', args.noteId, 'noteNotFound', 'noteId')).customer_id;
  },
  *decide(ctx, args) {
    const before = yield* requiredRow('notes', args.noteId, 'noteNotFound', 'noteId', { lock: true });
    // Editing an older version would fork the lineage: the editor must start from the current text.
    if (!before.is_current) throw refused('conflict', 'noteEditedSince', 'noteId');
    if (before.body === args.body) throw refused('validation', 'noteUnchanged', 'body');
    yield* updateRow('notes', before.customer_id, before.id, { is_current: false }, 'retire');
    const row: SyncedRow<'notes'> = {
      id: yield* newId('notes'),
      customer_id: before.customer_id,
      open_item_id: before.open_item_id,
      lineage_id: before.lineage_id,
      version: before.version + 1,
      is_current: true,
      body: args.body,
      created_by: ctx.userId,
      created_at: ctx.now,
    };
    yield* insertRow('notes', before.customer_id, row, 'edit');
    return row;
  },
});
