/**
 * Attachments across desktops, through a real server over loopback HTTP: a file added offline on
 * one desktop is pushed (several megabytes split over pushes), described to the other by the pull
 * and its bytes fetched after it, byte for byte; the server hands out only the files of the
 * caller's customers; an answer that does not match a file's size is not kept.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { PROTOCOL_HEADER } from '../../../server/version';
import type { PullResponse } from '../../../shared/sync/protocol';
import { attachmentContents } from '../../../server/sync/attachment-contents';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_PARENT_MAX } from '../../../shared/domain/attachments';
import { applyPullPage } from '../../../db/sync/apply-pull';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../db/summary/refresh';
import { attachmentsWithoutContent, storeAttachmentContents } from '../../../db/sync/attachment-contents';
import { BACKENDS } from '../server/support/backends';
import { AS_OF, NOW, signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';
import { hookedFetch } from './support-fetch';

/** A PDF of `size` bytes: the header the type check reads, then noise that does not compress. */
const pdfOf = (size: number): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

const firstCustomer = (client: TestClient): string =>
  (client.workspace.store.sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;

describe.each(BACKENDS)('attachments synced through a server on %s', (kind) => {
  let server: SyncServer;
  const clients: TestClient[] = [];
  const client = async (username: string = DEMO_USERNAMES.collector, fetch?: typeof globalThis.fetch): Promise<TestClient> => {
    const opened = await signedInClient(server, username, fetch === undefined ? {} : { fetch });
    clients.push(opened);
    return opened;
  };

  beforeAll(async () => {
    server = await startSyncServer(kind);
  });
  afterAll(async () => {
    for (const opened of clients.splice(0)) await opened.close();
    await server.dispose();
  });

  it('brings a file added on one desktop to the other, byte for byte, with large ones split over pushes', async () => {
    const net = hookedFetch();
    const a = await client(DEMO_USERNAMES.collector, net.fetch);
    const b = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Remittance advice for the March run' });
    const files = [pdfOf(ATTACHMENT_MAX_BYTES), pdfOf(4 * 1024 * 1024), pdfOf(2_000)];
    const added = [];
    for (const [index, bytes] of files.entries()) {
      added.push(await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: `advice ${String(index)}.pdf`, content: bytes.toString('base64') }));
    }
    expect(added.map((attachment) => attachment.sizeBytes)).toEqual(files.map((bytes) => bytes.length));

    await a.workspace.engine?.syncOnce();
    expect(await a.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    // 5 MB and 4 MB of base64 do not fit one push's budget: the outbox went in more than one request.
    expect(net.sent.filter((request) => request.path === '/v1/sync/push').length).toBeGreaterThan(1);

    await b.workspace.engine?.syncOnce();
    const work = await b.call('customer.work', { customerId });
    const onNote = work.attachments.filter((attachment) => attachment.parentId === note.lineageId);
    expect(onNote.map((attachment) => [attachment.fileName, attachment.downloaded]).sort()).toEqual([
      ['advice 0.pdf', true],
      ['advice 1.pdf', true],
      ['advice 2.pdf', true],
    ]);
    for (const [index, attachment] of added.entries()) {
      const content = await b.call('attachment.content', { attachmentId: attachment.id });
      expect(content.mediaType).toBe('application/pdf');
      expect(Buffer.from(content.content, 'base64').equals(files[index] ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('keeps a file on its note through an edit of the note', async () => {
    const a = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Proof of delivery attached' });
    const attachment = await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'pod.pdf', content: pdfOf(500).toString('base64') });
    const edited = await a.call('note.edit', { noteId: note.id, body: 'Proof of delivery attached (signed by their warehouse)' });
    expect(edited.lineageId).toBe(attachment.parentId);
    await a.workspace.engine?.syncOnce();
    const stored = await server.h.testDb.db.selectFrom('attachments').select(['parent_kind', 'parent_id']).where('id', '=', attachment.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ parent_kind: 'note', parent_id: note.lineageId });
  });

  it('hands out only the files of customers in the caller scope', async () => {
    const a = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Their email about the credit note' });
    const attachment = await a.call('attachment.add', {
      customerId,
      parentKind: 'note',
      parentId: note.id,
      fileName: 'email.eml',
      content: Buffer.from('Subject: credit note\n\nPlease see attached.').toString('base64'),
    });
    await a.workspace.engine?.syncOnce();
    const db = server.h.testDb.db;
    const other = await db.selectFrom('users').select(['id', 'username', 'display_name', 'team_id']).where('username', '=', DEMO_USERNAMES.secondCollector).executeTakeFirstOrThrow();
    const principal = { userId: other.id, username: other.username, displayName: other.display_name, role: 'collector' as const, teamId: other.team_id };
    expect(await attachmentContents(db, principal, [attachment.id])).toEqual({ contents: [], missing: [attachment.id] });
  });

  it('answers within its byte budget and always with the first file', async () => {
    const a = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Two statements' });
    const first = await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'one.pdf', content: pdfOf(3_000).toString('base64') });
    const second = await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'two.pdf', content: pdfOf(3_000).toString('base64') });
    await a.workspace.engine?.syncOnce();
    const db = server.h.testDb.db;
    const me = await db.selectFrom('users').select(['id', 'username', 'display_name', 'team_id']).where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow();
    const principal = { userId: me.id, username: me.username, displayName: me.display_name, role: 'collector' as const, teamId: me.team_id };
    const answer = await attachmentContents(db, principal, [first.id, second.id], 1_000);
    expect(answer.contents.map((content) => content.id)).toEqual([first.id]);
    expect(answer.missing).toEqual([]);
  });

  it('leaves attachments out of the pull of a protocol 3 desktop, which would refuse the entity', async () => {
    const a = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'For the old desktop' });
    await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'new.pdf', content: pdfOf(100).toString('base64') });
    await a.workspace.engine?.syncOnce();
    const login = await server.h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD } });
    const token = login.json<{ accessToken: string }>().accessToken;
    const entitiesPulled = async (protocol: string, cursor: string | null): Promise<{ entities: Set<string>; cursor: string }> => {
      const entities = new Set<string>();
      let next = cursor;
      for (;;) {
        const response = await server.h.app.inject({
          method: 'POST',
          url: '/v1/sync/pull',
          headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: protocol },
          payload: { cursor: next, limit: 5_000 },
        });
        const page = response.json<PullResponse>();
        for (const change of page.changes) entities.add(change.entity);
        next = page.cursor;
        if (!page.hasMore) return { entities, cursor: next };
      }
    };
    const old = await entitiesPulled('3', null);
    expect(old.entities.has('notes')).toBe(true);
    expect(old.entities.has('attachments')).toBe(false);
    expect((await entitiesPulled('4', null)).entities.has('attachments')).toBe(true);
    // A delta after the snapshot: the new note comes, its file does not.
    const note2 = await a.call('note.add', { customerId, body: 'Later' });
    await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note2.id, fileName: 'later.pdf', content: pdfOf(100).toString('base64') });
    await a.workspace.engine?.syncOnce();
    const delta = await entitiesPulled('3', old.cursor);
    expect([...delta.entities]).toContain('notes');
    expect([...delta.entities]).not.toContain('attachments');
  });

  it('takes back a file the server refused, keeps what was typed in the sync issues and shows its size there, not its bytes', async () => {
    const a = await client();
    const b = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Twenty pages of a statement' });
    await a.workspace.engine?.syncOnce();
    await b.workspace.engine?.syncOnce();
    for (let page = 0; page < ATTACHMENTS_PER_PARENT_MAX; page += 1) {
      await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: `page ${String(page)}.pdf`, content: pdfOf(300).toString('base64') });
    }
    await a.workspace.engine?.syncOnce();
    // B has not seen A's files: to B the note has none, and the 21st goes in, until the server says no.
    const extra = pdfOf(1_500);
    const mine = await b.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'one too many.pdf', content: extra.toString('base64') });
    await b.workspace.engine?.syncOnce();
    const sqlite = b.workspace.store.sqlite;
    expect(sqlite.prepare('SELECT count(*) AS n FROM attachments WHERE id = ?').get(mine.id)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM attachment_contents WHERE attachment_id = ?').get(mine.id)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM attachment_contents c JOIN attachments a ON a.id = c.attachment_id WHERE a.parent_id = ?').get(note.lineageId)).toEqual({ n: ATTACHMENTS_PER_PARENT_MAX });
    const [issue] = await b.call('sync.issues', {});
    // The view gets the file's size in bytes, for the renderer to write in the user's language, not the bytes.
    expect(issue).toMatchObject({ name: 'attachment.add', error: { code: 'validation' }, args: { fileName: 'one too many.pdf', contentBytes: extra.length } });
    expect(issue?.args).not.toHaveProperty('content');
    const stored = sqlite.prepare('SELECT args_json FROM sync_issues').get() as { args_json: string };
    expect((JSON.parse(stored.args_json) as { content: string }).content).toBe(extra.toString('base64'));
  });

  it('drops a removed customer with its files and their bytes', async () => {
    const a = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'Their statement' });
    await a.call('attachment.add', { customerId, parentKind: 'note', parentId: note.id, fileName: 'statement.pdf', content: pdfOf(800).toString('base64') });
    const sqlite = a.workspace.store.sqlite;
    applyPullPage(sqlite, { changes: [{ op: 'remove', entity: 'customers', id: customerId, customerId, row: null }], cursor: 'x', hasMore: false, snapshot: false }, { asOf: AS_OF, now: NOW, settings: DEFAULT_DOMAIN_SETTINGS, resynced: [] });
    expect(sqlite.prepare('SELECT count(*) AS n FROM attachments WHERE customer_id = ?').get(customerId)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM attachment_contents c WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.id = c.attachment_id)').get()).toEqual({ n: 0 });
  });

  it('does not keep bytes that do not match the size of their file', async () => {
    const b = await client();
    const sqlite = b.workspace.store.sqlite;
    const customerId = firstCustomer(b);
    sqlite
      .prepare("INSERT INTO attachments (id, customer_id, parent_kind, parent_id, file_name, media_type, size_bytes, created_at) VALUES ('att-short', ?, 'note', 'n', 'cut.pdf', 'application/pdf', 10, '2026-03-02T09:00:00.000Z')")
      .run(customerId);
    const outcome = storeAttachmentContents(sqlite, [{ id: 'att-short', content: Buffer.from('%PDF-').toString('base64') }]);
    expect(outcome).toEqual({ stored: 0, damaged: ['att-short'] });
    expect(attachmentsWithoutContent(sqlite, 10)).toContain('att-short');
    expect((await b.call('customer.work', { customerId })).attachments.find((attachment) => attachment.id === 'att-short')?.downloaded).toBe(false);
  });
});
