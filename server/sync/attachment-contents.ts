/**
 * The bytes of attachments, by id, for a desktop whose pull brought their descriptions: only those
 * of customers in the caller's scope, in the order asked, until the answer's byte budget is spent.
 */
import { sql, type Kysely } from 'kysely';
import { ATTACHMENT_FETCH_BUDGET_BYTES, countWithinBudget, type AttachmentFetchResponse } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { customerScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase>;

export async function attachmentContents(db: Db, principal: Principal, ids: readonly string[], budget = ATTACHMENT_FETCH_BUDGET_BYTES): Promise<AttachmentFetchResponse> {
  const scoped = db.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal));
  // The sizes first: the bytes are read only for the files that fit the budget.
  const sizes = await db
    .selectFrom('attachments')
    .innerJoin('attachment_contents', 'attachment_contents.attachment_id', 'attachments.id')
    .select(['attachments.id', 'attachments.size_bytes'])
    .where('attachments.id', 'in', [...ids])
    .where('attachments.customer_id', 'in', scoped)
    .execute();
  const sizeOf = new Map(sizes.map((row) => [row.id, row.size_bytes]));
  const missing = ids.filter((id) => !sizeOf.has(id));
  const present = ids.filter((id) => sizeOf.has(id));
  const wanted = present.slice(0, countWithinBudget(present.map((id) => sizeOf.get(id) ?? 0), budget));
  if (wanted.length === 0) return { contents: [], missing };
  const rows = await sql<{ id: string; content: string }>`
    SELECT attachment_id AS id, translate(encode(content, 'base64'), E'\\n', '') AS content
    FROM attachment_contents WHERE attachment_id IN (${sql.join(wanted)})`.execute(db);
  const contentOf = new Map(rows.rows.map((row) => [row.id, row.content]));
  return { contents: wanted.flatMap((id) => { const content = contentOf.get(id); return content === undefined ? [] : [{ id, content }]; }), missing };
}
