/**
 * Attachments on the desktop: added to a note, a dispute or a logged contact in one transaction
 * with their bytes and the outbox entry; refused whole when the rule says no; read back for the
 * preview; opened as a private copy that the next start removes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_PARENT_MAX } from '../../../shared/domain/attachments';
import { clearOpenedCopies, markAsFromElsewhere, openedCopiesDir } from '../../../db/handlers/attachment-handlers';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

const pdf = (text: string): string => Buffer.from(`%PDF-1.4\n${text}\n`).toString('base64');
const count = (table: string): number => (f.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('attachment.add', () => {
  it('keeps the file and its bytes with one outbox entry, and the account lists it', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'Remittance received' });
    const before = count('outbox');
    const added = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: 'remittance.pdf', content: pdf('run 12') });
    expect(added).toMatchObject({ parentKind: 'note', parentId: note.lineageId, fileName: 'remittance.pdf', mediaType: 'application/pdf', sizeBytes: Buffer.from(pdf('run 12'), 'base64').length, downloaded: true, createdBy: f.userId });
    expect(count('outbox')).toBe(before + 1);
    expect((await f.api.call('customer.work', { customerId: f.customerId })).attachments).toEqual([added]);
    const content = await f.api.call('attachment.content', { attachmentId: added.id });
    expect(content).toEqual({ fileName: 'remittance.pdf', mediaType: 'application/pdf', content: pdf('run 12') });
  });

  it('takes files on a dispute and on a logged contact, under their own ids', async () => {
    const dispute = await f.api.call('dispute.create', { customerId: f.customerId, reasonCode: 'damaged_or_quality', items: [{ itemId: f.items[0], disputedMinor: 500 }] });
    const logged = await f.api.call('contact.log', { customerId: f.customerId, channel: 'email', direction: 'inbound', outcome: 'payment_sent' });
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');
    const onDispute = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'dispute', parentId: dispute.id, fileName: 'pallet.jpg', content: photo });
    const { activityId } = logged;
    const onContact = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'activity', parentId: activityId, fileName: 'their mail.eml', content: Buffer.from('Subject: paid\n').toString('base64') });
    expect([onDispute.parentId, onDispute.mediaType]).toEqual([dispute.id, 'image/jpeg']);
    expect([onContact.parentId, onContact.mediaType]).toEqual([activityId, 'message/rfc822']);
  });

  it('refuses a file the rule does not take and leaves nothing behind', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'files' });
    const other = await f.api.call('note.add', { customerId: f.otherCustomerId, body: 'elsewhere' });
    const before = { ...snapshot(f.sqlite), attachments: count('attachments'), contents: count('attachment_contents') };
    const refusals: [object, string, string][] = [
      [{ fileName: 'setup.exe', content: pdf('x') }, 'validation', 'fileName'],
      [{ fileName: '../../evil.pdf', content: pdf('x') }, 'validation', 'fileName'],
      [{ fileName: 'statement.pdf', content: Buffer.from('PK\u0003\u0004').toString('base64') }, 'validation', 'content'],
      [{ fileName: 'empty.txt', content: '' }, 'validation', 'content'],
      [{ fileName: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(ATTACHMENT_MAX_BYTES)]).toString('base64') }, 'validation', 'content'],
      [{ fileName: 'ok.pdf', content: 'not base64!' }, 'validation', 'content'],
      [{ fileName: 'ok.pdf', content: pdf('x'), parentId: other.id }, 'not_found', 'parentId'],
      [{ fileName: 'ok.pdf', content: pdf('x'), parentKind: 'dispute' }, 'not_found', 'parentId'],
    ];
    for (const [args, code, field] of refusals) {
      const error = expectError(await f.api.raw('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, ...args }));
      expect([error.code, error.field], JSON.stringify(args).slice(0, 80)).toEqual([code, field]);
    }
    expect({ ...snapshot(f.sqlite), attachments: count('attachments'), contents: count('attachment_contents') }).toEqual(before);
  });

  it(`takes at most ${String(ATTACHMENTS_PER_PARENT_MAX)} files on one note, kept through its edits`, async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'many files' });
    for (let index = 0; index < ATTACHMENTS_PER_PARENT_MAX; index += 1) {
      await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: `page ${String(index)}.pdf`, content: pdf(String(index)) });
    }
    const edited = await f.api.call('note.edit', { noteId: note.id, body: 'many files, all pages' });
    const error = expectError(await f.api.raw('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: edited.id, fileName: 'one more.pdf', content: pdf('x') }));
    expect(error).toMatchObject({ code: 'validation', field: 'parentId' });
    expect(error.message).toContain(`already has ${String(ATTACHMENTS_PER_PARENT_MAX)} attachments`);
  });

  it('says a file added on another desktop is not here yet, rather than showing nothing', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'from the other desktop' });
    const added = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: 'pod.pdf', content: pdf('pod') });
    f.sqlite.prepare('DELETE FROM attachment_contents WHERE attachment_id = ?').run(added.id);
    expect((await f.api.call('customer.work', { customerId: f.customerId })).attachments[0]?.downloaded).toBe(false);
    const error = expectError(await f.api.raw('attachment.content', { attachmentId: added.id }));
    expect(error).toMatchObject({ code: 'conflict', field: 'attachmentId' });
    expect(error.message).toContain('has not been downloaded to this computer yet');
  });
});

describe('attachment.open', () => {
  it('hands a private copy under the file name to the system viewer; the next start removes it', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'open me' });
    const added = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: 'Überweisung März.pdf', content: pdf('März') });
    const opened: string[] = [];
    const handlers = createHandlers({ ...f.api.ctx, openFile: (path) => {
      opened.push(path);
      return Promise.resolve('');
    } });
    const result = await dispatch(handlers, 'attachment.open', { attachmentId: added.id });
    expect(result).toEqual({ ok: true, value: { opened: true } });
    const [path = ''] = opened;
    expect(path.startsWith(openedCopiesDir(f.api.dir))).toBe(true);
    expect(path.endsWith('Überweisung März.pdf')).toBe(true);
    expect(readFileSync(path).toString('base64')).toBe(pdf('März'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    clearOpenedCopies(f.api.dir);
    expect(existsSync(path)).toBe(false);
  });

  it('opens the same copy again, and gives a stored name no file system takes a plain one', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'twice' });
    const added = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: 'pod.pdf', content: pdf('pod') });
    // A store edited by hand, or by a tool that skipped the rule.
    const odd = '0190a0b0-0000-7000-8000-000000000001';
    f.sqlite
      .prepare("INSERT INTO attachments (id, customer_id, parent_kind, parent_id, file_name, media_type, size_bytes, created_at) VALUES (?, ?, 'note', ?, 'a/b:c.pdf', 'application/pdf', ?, '2026-11-23T09:00:00.000Z')")
      .run(odd, f.customerId, note.lineageId, Buffer.from(pdf('odd'), 'base64').length);
    f.sqlite.prepare('INSERT INTO attachment_contents (attachment_id, content) VALUES (?, ?)').run(odd, Buffer.from(pdf('odd'), 'base64'));
    const opened: string[] = [];
    const handlers = createHandlers({ ...f.api.ctx, openFile: (path) => {
      opened.push(path);
      return Promise.resolve('');
    } });
    for (const attachmentId of [added.id, added.id, odd]) expect(await dispatch(handlers, 'attachment.open', { attachmentId })).toEqual({ ok: true, value: { opened: true } });
    expect(opened[0]).toBe(opened[1]);
    expect(opened[2]?.endsWith(`${odd}/attachment.pdf`)).toBe(true);
    expect(readFileSync(opened[2] ?? '').toString('base64')).toBe(pdf('odd'));
  });

  it('marks the copy as a file from elsewhere on Windows, so Office opens it in Protected View', () => {
    const path = `${f.api.dir}/statement.xlsx`;
    markAsFromElsewhere(path, 'linux');
    expect(existsSync(`${path}:Zone.Identifier`)).toBe(false);
    // Elsewhere than NTFS the stream is a file of that name: what Windows would keep beside the copy.
    markAsFromElsewhere(path, 'win32');
    expect(readFileSync(`${path}:Zone.Identifier`, 'utf8')).toBe('[ZoneTransfer]\r\nZoneId=3\r\n');
  });

  it('says why when the system cannot open it, and in a browser that there is nothing to open with', async () => {
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'no viewer' });
    const added = await f.api.call('attachment.add', { customerId: f.customerId, parentKind: 'note', parentId: note.id, fileName: 'scan.tif', content: Buffer.from('II*\u0000').toString('base64') });
    const failing = createHandlers({ ...f.api.ctx, openFile: () => Promise.resolve('No application is associated with the file') });
    const failed = await dispatch(failing, 'attachment.open', { attachmentId: added.id });
    expect(failed).toMatchObject({ ok: false, error: { code: 'conflict', message: 'the system could not open scan.tif: No application is associated with the file' } });
    expect(expectError(await f.api.raw('attachment.open', { attachmentId: added.id }))).toMatchObject({ code: 'conflict', field: 'attachmentId' });
  });
});
