/**
 * draft.get / draft.save / draft.clear: what a form held, kept in SQLite so a half-typed note
 * survives a crash or restart. Local UI state: no audit entry, no outbox mutation. Each draft
 * belongs to the local profile that typed it, so whoever signs in next on the same workstation
 * never sees it.
 */
import type { ReadDb } from '../read-db';
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { DraftSchema } from '../../shared/api/collector-schemas';
import { prepared } from '../statements';

export type Draft = z.output<typeof DraftSchema>;

/** The owner of drafts typed while `userId` is the local profile; none yet is an owner of its own. */
export const draftOwner = (userId: string | null): string => userId ?? '';

const GET = 'SELECT key, value_json, updated_at FROM drafts WHERE owner = ? AND key = ?';
const SAVE =
  'INSERT INTO drafts (owner, key, value_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (owner, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at';
const CLEAR = 'DELETE FROM drafts WHERE owner = ? AND key = ?';

export function getDraft(sqlite: ReadDb, owner: string, key: string): Draft | null {
  const row = prepared<[string, string], { key: string; value_json: string; updated_at: string }>(sqlite, GET).get(owner, key);
  return row ? { key: row.key, value: JSON.parse(row.value_json) as Draft['value'], updatedAt: row.updated_at } : null;
}

export function saveDraft(sqlite: BetterSqlite3.Database, owner: string, key: string, value: Draft['value'], now: string): Draft {
  prepared(sqlite, SAVE).run(owner, key, JSON.stringify(value), now);
  return { key, value, updatedAt: now };
}

/** True when there was a draft to clear. */
export function clearDraft(sqlite: BetterSqlite3.Database, owner: string, key: string): boolean {
  return prepared(sqlite, CLEAR).run(owner, key).changes > 0;
}
