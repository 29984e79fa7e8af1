/** note.add / note.edit on the desktop: the shared rules (shared/mutations/notes.ts), answered with the note as the views show it. */
import type { z } from 'zod';
import type { NoteSchema } from '../../shared/api/collector-schemas';
import { noteAdd, noteEdit } from '../../shared/mutations/notes';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import type { Row } from '../schema';

export type NoteView = z.output<typeof NoteSchema>;
type NoteRow = Row<'notes'>;

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

const view = (row: SyncedRow<'notes'>): NoteView => toNoteView(toStoredRow('notes', row));

export const addNoteCommand = definitionCommand(noteAdd, view);
export const editNoteCommand = definitionCommand(noteEdit, view);
