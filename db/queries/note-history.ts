/** note.history: every version of a note, newest first. */
import type { ReadDb } from '../read-db';
import { refused } from '../../shared/i18n/refusals';
import type { Row } from '../schema';
import { prepared } from '../statements';
import { toNoteView, type NoteView } from '../commands/note';

const LINEAGE = 'SELECT lineage_id FROM notes WHERE id = ?';
const VERSIONS = 'SELECT * FROM notes WHERE lineage_id = ? ORDER BY version DESC';

/** Any version's id finds the whole lineage. */
export function queryNoteHistory(sqlite: ReadDb, noteId: string): NoteView[] {
  const lineage = prepared<[string], { lineage_id: string }>(sqlite, LINEAGE).get(noteId);
  if (!lineage) throw refused('not_found', { key: 'noteNotFound', params: { id: noteId } }, 'noteId');
  return prepared<[string], Row<'notes'>>(sqlite, VERSIONS).all(lineage.lineage_id).map(toNoteView);
}
