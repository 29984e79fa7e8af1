/**
 * The bytes of attachments the pull described but did not carry: which ones this store still
 * lacks, and keeping those the server sent. A file is kept only when it is as large as its
 * description says and of the kind its name says, so a damaged answer is asked for again at the
 * next sync rather than shown.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { contentProblem, type AttachmentMediaType } from '../../shared/domain/attachments';
import type { AttachmentFetchResponse } from '../../shared/sync/protocol';
import { prepared } from '../statements';

/** Attachments described here whose bytes are not, oldest first, leaving out `skip` (ids the server said it does not have). */
export function attachmentsWithoutContent(sqlite: BetterSqlite3.Database, limit: number, skip: ReadonlySet<string> = new Set()): string[] {
  return prepared<[string, number], { id: string }>(
    sqlite,
    `SELECT a.id FROM attachments a
     WHERE NOT EXISTS (SELECT 1 FROM attachment_contents c WHERE c.attachment_id = a.id)
       AND a.id NOT IN (SELECT value FROM json_each(?))
     ORDER BY a.created_at, a.id LIMIT ?`,
  )
    .all(JSON.stringify([...skip]), limit)
    .map((row) => row.id);
}

export interface StoredContents {
  /** Files kept. */
  readonly stored: number;
  /** Ids whose bytes did not match their description: not kept. */
  readonly damaged: readonly string[];
}

/** Keeps the bytes the server sent, in one transaction; an attachment removed meanwhile is skipped. */
export function storeAttachmentContents(sqlite: BetterSqlite3.Database, contents: AttachmentFetchResponse['contents']): StoredContents {
  return sqlite
    .transaction((): StoredContents => {
      const described = prepared<[string], { size_bytes: number; media_type: AttachmentMediaType }>(sqlite, 'SELECT size_bytes, media_type FROM attachments WHERE id = ?');
      const insert = prepared<[string, Buffer]>(sqlite, 'INSERT INTO attachment_contents (attachment_id, content) VALUES (?, ?) ON CONFLICT (attachment_id) DO NOTHING');
      let stored = 0;
      const damaged: string[] = [];
      for (const { id, content } of contents) {
        const file = described.get(id);
        if (file === undefined) continue;
        const bytes = Buffer.from(content, 'base64');
        // The size its description says, and the kind its name says: the rule that took it on the other desktop.
        if (bytes.length !== file.size_bytes || contentProblem(file.media_type, content) !== null) {
          damaged.push(id);
          continue;
        }
        insert.run(id, bytes);
        stored += 1;
      }
      return { stored, damaged };
    })
    .immediate();
}
