import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../db/commands/run-command';
import { saveContactPerson } from '../../../db/commands/contact-person';
import { clearWorklistOverride, setWorklistOverride } from '../../../db/commands/worklist-override';
import { DomainError } from '../../../shared/api/result';
import { addContactPerson, addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
let customerId: string;
let userId: string;

beforeEach(async () => {
  api = await createTestApi();
  userId = addUser(api.store.sqlite, { is_local_profile: 1 }).id;
  customerId = addCustomer(api.store.sqlite, { collector_id: userId }).id;
  addItem(api.store.sqlite, customerId, { due_date: '2026-10-01', open_minor: 25_000 });
});
afterEach(async () => api.cleanup());

const count = (table: string): number =>
  (api.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const cmdCtx = () => api.commands;

describe('audit log', () => {
  it('refuses UPDATE and DELETE', async () => {
    await api.call('contactPerson.save', { customerId, name: 'Ana Pay' });
    const { sqlite } = api.store;
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'tampered'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(count('audit_log')).toBe(1);
  });
});

describe('contactPerson.save', () => {
  it('adds a contact person and records audit and outbox entries in the same mutation', async () => {
    const saved = await api.call('contactPerson.save', {
      customerId,
      name: '  Ana Pay ',
      role: 'AP clerk',
      phone: '+49 30 123456',
      email: 'ana@example.com',
      preferredChannel: 'email',
    });
    expect(saved).toMatchObject({ name: 'Ana Pay', role: 'AP clerk', phone: '+49 30 123456', email: 'ana@example.com', preferredChannel: 'email', isPrimary: false });
    const audit = api.store.sqlite.prepare('SELECT * FROM audit_log').all() as { entity: string; entity_id: string; action: string; before_json: string | null; after_json: string; user_id: string; at: string; mutation_id: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'contact_person', entity_id: saved.id, action: 'create', before_json: null, user_id: userId, at: '2026-11-23T09:00:00.000Z' });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ name: 'Ana Pay', customer_id: customerId });
    const outbox = api.store.sqlite.prepare('SELECT * FROM outbox').all() as { id: string; name: string; args_json: string; status: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ id: audit[0]?.mutation_id, name: 'contactPerson.save', status: 'pending' });
    expect(JSON.parse(outbox[0]?.args_json ?? '{}')).toMatchObject({ customerId, name: 'Ana Pay', email: 'ana@example.com' });
  });

  it('corrects an existing contact person, keeping its id and creation time', async () => {
    const existing = addContactPerson(api.store.sqlite, customerId, { name: 'Bob Wrong', email: 'bob@old.example' });
    api.clock.set('2026-11-23T10:00:00.000Z');
    const saved = await api.call('contactPerson.save', { id: existing.id, customerId, name: 'Bob Right', email: '' });
    expect(saved).toMatchObject({ id: existing.id, name: 'Bob Right', email: null });
    const row = api.store.sqlite.prepare('SELECT created_at, updated_at FROM contact_persons WHERE id = ?').get(existing.id);
    expect(row).toEqual({ created_at: existing.created_at, updated_at: '2026-11-23T10:00:00.000Z' });
    const audit = api.store.sqlite.prepare('SELECT action, before_json FROM audit_log').get() as { action: string; before_json: string };
    expect(audit.action).toBe('update');
    expect(JSON.parse(audit.before_json)).toMatchObject({ name: 'Bob Wrong' });
  });

  it('keeps the language the person is written to in, canonical; a correction that leaves it out keeps it', async () => {
    const saved = await api.call('contactPerson.save', { customerId, name: 'Urs Meier', language: 'de_ch' });
    expect(saved.language).toBe('de-CH');
    const renamed = await api.call('contactPerson.save', { id: saved.id, customerId, name: 'Urs Meier-Huber' });
    expect(renamed.language).toBe('de-CH');
    const cleared = await api.call('contactPerson.save', { id: saved.id, customerId, name: 'Urs Meier-Huber', language: null });
    expect(cleared.language).toBeNull();
    const account = await api.call('customer.account', { customerId });
    expect(account.contacts.find((person) => person.id === saved.id)?.language).toBeNull();
  });

  it('refuses a language that is no language code, naming the field, and stores nothing', async () => {
    const result = await api.raw('contactPerson.save', { customerId, name: 'Pat', language: 'Swiss German' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'language' } });
    expect(api.store.sqlite.prepare('SELECT count(*) AS n FROM contact_persons').get()).toEqual({ n: 0 });
  });

  it('keeps one primary contact per customer', async () => {
    const first = await api.call('contactPerson.save', { customerId, name: 'First', isPrimary: true });
    const second = await api.call('contactPerson.save', { customerId, name: 'Second', isPrimary: true });
    const primaries = api.store.sqlite.prepare('SELECT id FROM contact_persons WHERE customer_id = ? AND is_primary = 1').all(customerId);
    expect(primaries).toEqual([{ id: second.id }]);
    const demoted = api.store.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'update'").get(first.id);
    expect(demoted).toEqual({ n: 1 });
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: 'X', email: 'not-an-email' }, 'email'],
    [{ name: 'X', phone: 'call me maybe' }, 'phone'],
    [{ name: 'X', preferredChannel: 'pigeon' }, 'preferredChannel'],
    [{ name: 'X', isPrimary: 'yes' }, 'isPrimary'],
  ])('rejects %j naming the field', async (patch, field) => {
    const result = await api.raw('contactPerson.save', { customerId, ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field } });
    expect(count('contact_persons') + count('audit_log') + count('outbox')).toBe(0);
  });

  it('answers not_found for an unknown customer or a contact of another customer', async () => {
    const other = addCustomer(api.store.sqlite);
    const foreign = addContactPerson(api.store.sqlite, other.id);
    expect(await api.raw('contactPerson.save', { customerId: '01900000-0000-7000-8000-000000000000', name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'customerId' },
    });
    expect(await api.raw('contactPerson.save', { customerId, id: foreign.id, name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'id' },
    });
    expect(count('audit_log') + count('outbox')).toBe(0);
  });
});

describe('runCommand atomicity', () => {
  it('leaves no row, audit entry or summary change when it fails after writing', async () => {
    await api.call('worklist.query', {});
    const summaryBefore = api.store.sqlite.prepare('SELECT * FROM customer_summary').all();
    expect(() =>
      runCommand(cmdCtx(), setWorklistOverride, { customerId, kind: 'pin', reason: 'CFO asked' }, {
        beforeCommit: (tx) => {
          // Everything has been written by now, inside the transaction.
          expect(tx.sqlite.prepare('SELECT count(*) AS n FROM worklist_overrides').get()).toEqual({ n: 1 });
          // A pin is the collector's own: audited, never synced.
          expect(tx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
          expect(tx.sqlite.prepare("SELECT override_kind FROM customer_summary").get()).toEqual({ override_kind: 'pin' });
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(count('worklist_overrides') + count('audit_log') + count('outbox')).toBe(0);
    expect(api.store.sqlite.prepare('SELECT * FROM customer_summary').all()).toEqual(summaryBefore);
  });

  it('validates input itself, naming the field', () => {
    let caught: unknown;
    try {
      runCommand(cmdCtx(), saveContactPerson, { customerId, name: 42 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'validation', field: 'name' });
  });
});

describe('worklist overrides', () => {
  it('pins with a reason, replaces a previous override, and records each step', async () => {
    const snoozed = await api.call('worklist.setOverride', { customerId, kind: 'snooze', reason: 'On holiday', expiresAt: '2026-11-30T00:00:00.000Z' });
    expect(snoozed.override).toEqual({ kind: 'snooze', reason: 'On holiday', expiresAt: '2026-11-30T00:00:00.000Z' });
    const pinned = await api.call('worklist.setOverride', { customerId, kind: 'pin', reason: 'Board review' });
    expect(pinned.override).toEqual({ kind: 'pin', reason: 'Board review', expiresAt: null });
    const rows = api.store.sqlite.prepare('SELECT kind, cleared_at FROM worklist_overrides ORDER BY created_at, kind').all();
    expect(rows).toEqual([
      { kind: 'pin', cleared_at: null },
      { kind: 'snooze', cleared_at: '2026-11-23T09:00:00.000Z' },
    ]);
    const actions = api.store.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq').all();
    expect(actions).toEqual([{ action: 'create' }, { action: 'clear' }, { action: 'create' }]);
    // Pins and snoozes are private to the collector: nothing for the server.
    expect(count('outbox')).toBe(0);
  });

  it('clears an override, and refuses to clear when there is none', async () => {
    await api.call('worklist.setOverride', { customerId, kind: 'pin', reason: 'Board review' });
    const cleared = await api.call('worklist.clearOverride', { customerId, reason: 'Paid' });
    expect(cleared.override).toBeNull();
    expect(await api.raw('worklist.clearOverride', { customerId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('requires a reason and an expiry in the future', async () => {
    expect(await api.raw('worklist.setOverride', { customerId, kind: 'pin', reason: ' ' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    expect(await api.raw('worklist.setOverride', { customerId, kind: 'snooze', reason: 'x', expiresAt: '2026-11-22T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'expiresAt' },
    });
    expect(await api.raw('worklist.setOverride', { customerId, kind: 'mute', reason: 'x' })).toMatchObject({ ok: false, error: { field: 'kind' } });
    expect(count('worklist_overrides') + count('outbox')).toBe(0);
  });

  it('an expired snooze no longer counts', async () => {
    await api.call('worklist.setOverride', { customerId, kind: 'snooze', reason: 'Wait', expiresAt: '2026-11-23T12:00:00.000Z' });
    expect((await api.call('worklist.query', {})).rows[0]?.override?.kind).toBe('snooze');
    api.clock.set('2026-11-23T12:00:01.000Z');
    expect((await api.call('worklist.query', {})).rows[0]?.override).toBeNull();
    expect(runCommandClearFails()).toBe(true);
  });
});

function runCommandClearFails(): boolean {
  try {
    runCommand(cmdCtx(), clearWorklistOverride, { customerId });
    return false;
  } catch (error) {
    return error instanceof DomainError && error.code === 'conflict';
  }
}

describe('contact person constraints', () => {
  it('the database itself refuses a second primary contact', () => {
    addContactPerson(api.store.sqlite, customerId, { is_primary: 1 });
    expect(() => addContactPerson(api.store.sqlite, customerId, { is_primary: 1 })).toThrow(/UNIQUE/);
  });
});
