import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './support/backends';
import { bearer, syncHeaders, login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { contactLog, pullAll, seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('sync push on %s', (kind) => {
  let h: Harness;
  const tokens = { ann: '', bob: '', lead: '' };
  const customers = { ann: '', ann2: '', bob: '' };
  let annName = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    annName = ann.username;
    const bob = await seedUser(h, 'collector', team);
    const lead = await seedUser(h, 'team_lead', team);
    customers.ann = (await seedCustomer(h, ann.id, team)).id;
    customers.ann2 = (await seedCustomer(h, ann.id, team)).id;
    customers.bob = (await seedCustomer(h, bob.id, team)).id;
    tokens.ann = (await login(h, ann.username)).accessToken;
    tokens.bob = (await login(h, bob.username)).accessToken;
    tokens.lead = (await login(h, lead.username)).accessToken;
  });
  afterAll(() => h.dispose());

  const db = () => h.testDb.db;
  const countActivities = async (note: string) =>
    (await db().selectFrom('activities').select('id').where('note', '=', note).execute()).length;

  it('applies a mutation once: a replay answers duplicate and changes nothing', async () => {
    const client = new TestClient(h, tokens.ann);
    const m = client.make('contact.log', contactLog(customers.ann, 'once'));
    expect(await client.pushOk([m])).toEqual([{ id: m.id, status: 'applied' }]);
    expect(await client.pushOk([m])).toEqual([{ id: m.id, status: 'duplicate', original: 'applied' }]);
    expect(await client.pushOk([m, m])).toEqual([
      { id: m.id, status: 'duplicate', original: 'applied' },
      { id: m.id, status: 'duplicate', original: 'applied' },
    ]);
    expect(await countActivities('once')).toBe(1);
    const log = await db().selectFrom('change_log').select('op').where('entity', '=', 'activities').where('customer_id', '=', customers.ann).execute();
    expect(log).toHaveLength(1);
  });

  it("dates the rows a mutation writes when the user acted, never in the server's future; the change log keeps the push's time", async () => {
    const client = new TestClient(h, tokens.ann);
    const pushedAt = h.clock.now().toISOString();
    const monday = new Date(h.clock.now().getTime() - 2 * 86_400_000).toISOString();
    const ahead = new Date(h.clock.now().getTime() + 3_600_000).toISOString();
    const offline = { ...client.make('contact.log', contactLog(customers.ann, 'logged offline on Monday')), createdAt: monday };
    const fast = { ...client.make('contact.log', contactLog(customers.ann, 'logged with a clock an hour ahead')), createdAt: ahead };
    expect(await client.pushOk([offline, fast])).toEqual([
      { id: offline.id, status: 'applied' },
      { id: fast.id, status: 'applied' },
    ]);
    const rows = await db()
      .selectFrom('activities')
      .select(['id', 'note', 'occurred_at', 'created_at'])
      .where('note', 'in', ['logged offline on Monday', 'logged with a clock an hour ahead'])
      .orderBy('occurred_at')
      .execute();
    expect(rows.map(({ occurred_at, created_at }) => [occurred_at, created_at])).toEqual([
      [monday, monday],
      [pushedAt, pushedAt],
    ]);
    const logged = await db().selectFrom('change_log').select('at').where('entity_id', 'in', rows.map((row) => row.id)).execute();
    expect(logged.map((entry) => entry.at)).toEqual([pushedAt, pushedAt]);
  });

  it('keeps why a promise was cancelled and what was said on closing a follow-up, for every desktop to pull', async () => {
    const client = new TestClient(h, tokens.ann);
    const item = await seedItem(h, customers.ann2, 50_000);
    const [promiseId, doneId, cancelledId] = [uuidv7(), uuidv7(), uuidv7()];
    const { cursor } = await pullAll(h, tokens.ann, null);
    const results = await client.pushOk([
      client.make('promise.create', { customerId: customers.ann2, itemIds: [item], promisedDate: '2026-03-20' }, { promises: promiseId }),
      client.make('followUp.create', { customerId: customers.ann2, dueDate: '2026-03-20', title: 'Call back' }, { follow_ups: doneId }),
      client.make('followUp.create', { customerId: customers.ann2, dueDate: '2026-03-21', title: 'Send statement' }, { follow_ups: cancelledId }),
      client.make('promise.cancel', { promiseId, reason: 'The customer withdrew it' }),
      client.make('followUp.complete', { followUpId: doneId, comment: 'Reached the controller' }),
      client.make('followUp.cancel', { followUpId: cancelledId, comment: '' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(Array(6).fill('applied'));
    const { changes } = await pullAll(h, tokens.ann, cursor);
    const pulled = (entity: string, id: string) => changes.findLast((change) => change.entity === entity && change.id === id)?.row;
    expect(pulled('promises', promiseId)).toMatchObject({ status: 'cancelled', cancel_reason: 'The customer withdrew it' });
    expect(pulled('follow_ups', doneId)).toMatchObject({ status: 'done', done_comment: 'Reached the controller' });
    expect(pulled('follow_ups', cancelledId)).toMatchObject({ status: 'cancelled', done_comment: null });
  });

  it('concurrent deliveries of the same mutations apply each once', async () => {
    const client = new TestClient(h, tokens.ann);
    const batch = ['c1', 'c2', 'c3', 'c4'].map((note) => client.make('contact.log', contactLog(customers.ann, note)));
    const replies = await Promise.all([client.push(batch), client.push(batch), client.push(batch)]);
    for (const reply of replies) expect(reply).toMatchObject({ status: 200, body: { lastAppliedSeq: 4 } });
    for (const [i, mutation] of batch.entries()) {
      const statuses = replies.map((reply) => reply.body.results[i]?.status).sort();
      expect(statuses, mutation.id).toEqual(['applied', 'duplicate', 'duplicate']);
    }
    for (const note of ['c1', 'c2', 'c3', 'c4']) expect(await countActivities(note)).toBe(1);
  });

  it('refuses a gap with 409 and the sequence to resend from; reordered requests converge', async () => {
    const client = new TestClient(h, tokens.ann);
    const [m1, m2, m3] = ['r1', 'r2', 'r3'].map((note) => client.make('contact.log', contactLog(customers.ann, note)));
    if (m1 === undefined || m2 === undefined || m3 === undefined) throw new Error('no mutations');
    const gap = await client.push([m2, m3]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: { code: 'sequence_gap', field: 'mutations.0.seq' }, expectedSeq: 1, results: [], lastAppliedSeq: 0 });
    // Applies what precedes a gap, then stops at it.
    const partial = await client.push([m1, m3]);
    expect(partial).toMatchObject({ status: 409, body: { expectedSeq: 2, results: [{ id: m1.id, status: 'applied' }], lastAppliedSeq: 1 } });
    const rest = await client.push([m1, m2, m3, m2]);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({
      results: [
        { id: m1.id, status: 'duplicate' },
        { id: m2.id, status: 'applied' },
        { id: m3.id, status: 'applied' },
        { id: m2.id, status: 'duplicate' },
      ],
      lastAppliedSeq: 3,
    });
    for (const note of ['r1', 'r2', 'r3']) expect(await countActivities(note)).toBe(1);
  });

  it('a rejected mutation is recorded and does not block the ones after it', async () => {
    const client = new TestClient(h, tokens.ann);
    const bad = client.make('note.add', { customerId: customers.ann, body: '' });
    const unknown = client.make('worklist.setOverride', { customerId: customers.ann, pinned: true });
    const missing = client.make('note.edit', { noteId: uuidv7(), body: 'x' });
    const good = client.make('note.add', { customerId: customers.ann, body: 'after the rejections' });
    const results = await client.pushOk([bad, unknown, missing, good]);
    expect(results).toEqual([
      // Each with its reason and values, for the client to word in the user's language.
      { id: bad.id, status: 'rejected', error: { code: 'validation', message: expect.stringContaining('body') as unknown, field: 'args.body', reason: 'required' } },
      {
        id: unknown.id,
        status: 'rejected',
        error: { code: 'unsupported_mutation', message: expect.any(String) as unknown, field: 'name', reason: 'unsupportedMutation', params: { name: 'worklist.setOverride' } },
      },
      {
        id: missing.id,
        status: 'rejected',
        error: { code: 'not_found', message: expect.any(String) as unknown, field: 'args.noteId', reason: 'noteNotFound', params: { id: (missing.args as { noteId: string }).noteId } },
      },
      { id: good.id, status: 'applied' },
    ]);
    // The replay of a rejection repeats the reason, so a client that lost the answer still learns it.
    const [replayed] = await client.pushOk([bad]);
    expect(replayed).toMatchObject({ status: 'duplicate', original: 'rejected', error: { code: 'validation', field: 'args.body' } });
    const stored = await db().selectFrom('client_mutations').select(['result', 'client_seq']).where('client_id', '=', client.id).orderBy('client_seq').execute();
    expect(stored.map((row) => row.result)).toEqual(['rejected', 'rejected', 'rejected', 'applied']);
    const after = await db().selectFrom('clients').select('last_applied_seq').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(after.last_applied_seq).toBe(4);
  });

  it('a large request: a rejection after partial writes leaves no trace and the mutations around it still apply', async () => {
    const client = new TestClient(h, tokens.ann);
    const activityId = uuidv7();
    const note = (index: number) => client.make('note.add', { customerId: customers.ann, body: `big-${String(index)}` });
    const before = Array.from({ length: 70 }, (_, index) =>
      index === 10 ? client.make('contact.log', contactLog(customers.ann, 'big-10'), { activities: activityId }) : note(index),
    );
    // Writes the new contact person first, then fails on the activity id taken by mutation 10.
    const clash = client.make('contact.log', { ...contactLog(customers.ann, 'big-clash'), newContactPerson: { name: 'Ghost Person', phone: '+49 30 7654321' } }, { activities: activityId });
    const after = Array.from({ length: 51 }, (_, index) => note(70 + index));
    const first = before[0];
    if (first === undefined) throw new Error('no mutations');
    const results = await client.pushOk([...before, clash, ...after, first]);
    expect(results).toHaveLength(123);
    expect(results[70]).toMatchObject({ id: clash.id, status: 'rejected', error: { code: 'conflict', field: 'ids.activities' } });
    expect(results[122]).toEqual({ id: first.id, status: 'duplicate', original: 'applied' });
    expect(results.filter((result) => result.status === 'applied')).toHaveLength(121);
    const ghosts = await db().selectFrom('contact_persons').select('id').where('name', '=', 'Ghost Person').execute();
    expect(ghosts).toEqual([]);
    expect(await countActivities('big-clash')).toBe(0);
    const notes = await db().selectFrom('notes').select('body').where('body', 'like', 'big-%').execute();
    expect(notes).toHaveLength(120);
    const stored = await db().selectFrom('client_mutations').select(['client_seq', 'result']).where('client_id', '=', client.id).orderBy('client_seq').execute();
    expect(stored.map((row) => row.client_seq)).toEqual(Array.from({ length: 122 }, (_, index) => index + 1));
    expect(stored.filter((row) => row.result === 'rejected')).toEqual([{ client_seq: 71, result: 'rejected' }]);
    const position = await db().selectFrom('clients').select('last_applied_seq').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(position.last_applied_seq).toBe(122);
    const replay = await client.pushOk([...before, clash, ...after]);
    expect(replay.every((result) => result.status === 'duplicate')).toBe(true);
    expect(replay[70]).toMatchObject({ original: 'rejected', error: { code: 'conflict', field: 'ids.activities' } });
  });

  it('rows queued for one write still see each other: a reused id within a request, an edit and a follow-up of new rows', async () => {
    const client = new TestClient(h, tokens.ann);
    const noteId = uuidv7();
    const activityId = uuidv7();
    const followUpId = uuidv7();
    const lone = uuidv7();
    // Nothing else in this request fails: the edit must find the queued note itself.
    expect(
      await client.pushOk([
        client.make('note.add', { customerId: customers.ann, body: 'lone' }, { notes: lone }),
        client.make('note.edit', { noteId: lone, body: 'lone edited' }),
      ]),
    ).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    const results = await client.pushOk([
      client.make('note.add', { customerId: customers.ann, body: 'queued-1' }, { notes: noteId }),
      // Looks the queued note up before anything else wrote it.
      client.make('note.edit', { noteId, body: 'queued-1 edited' }),
      client.make('contact.log', { ...contactLog(customers.ann, 'queued-call'), followUpDate: '2026-03-09' }, { activities: activityId, follow_ups: followUpId }),
      client.make('followUp.complete', { followUpId }),
      client.make('note.add', { customerId: customers.ann, body: 'queued-2' }, { notes: noteId }),
      client.make('note.add', { customerId: customers.ann, body: 'queued-3' }, { notes: activityId }),
      client.make('note.add', { customerId: customers.ann, body: 'queued-3' }, { notes: activityId }),
    ]);
    expect(results).toMatchObject([
      { status: 'applied' },
      { status: 'applied' },
      { status: 'applied' },
      { status: 'applied' },
      { status: 'rejected', error: { code: 'conflict', field: 'ids.notes' } },
      { status: 'applied' },
      { status: 'rejected', error: { code: 'conflict', field: 'ids.notes' } },
    ]);
    const notes = await db().selectFrom('notes').select(['body', 'is_current']).where('body', 'like', 'queued-%').orderBy('note_version').execute();
    expect(notes).toEqual([
      { body: 'queued-1', is_current: false },
      { body: 'queued-3', is_current: true },
      { body: 'queued-1 edited', is_current: true },
    ]);
    const followUp = await db().selectFrom('follow_ups').select(['status', 'activity_id']).where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(followUp).toEqual({ status: 'done', activity_id: activityId });
    // Every row carries the seq of its own change_log entry.
    const activity = await db().selectFrom('activities').select('updated_seq').where('id', '=', activityId).executeTakeFirstOrThrow();
    const entry = await db().selectFrom('change_log').select('entity_id').where('seq', '=', activity.updated_seq).executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe(activityId);
  });

  it('enforces the scope: another portfolio is forbidden and nothing is written', async () => {
    const client = new TestClient(h, tokens.ann);
    const foreign = client.make('contact.log', contactLog(customers.bob, 'sneaky'));
    const [result] = await client.pushOk([foreign]);
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await countActivities('sneaky')).toBe(0);
    // A team lead may work the team's customers.
    const lead = new TestClient(h, tokens.lead);
    expect(await lead.pushOk([lead.make('contact.log', contactLog(customers.bob, 'lead call'))])).toMatchObject([{ status: 'applied' }]);
  });

  it('a client id belongs to one user', async () => {
    const annClient = new TestClient(h, tokens.ann);
    await annClient.pushOk([annClient.make('note.add', { customerId: customers.ann, body: 'mine' })]);
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: syncHeaders(tokens.bob),
      payload: { clientId: annClient.id, mutations: [{ id: uuidv7(), seq: 2, name: 'note.add', args: {}, createdAt: h.clock.now().toISOString() }] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden', field: 'clientId' } });
  });

  it('creates rows under the ids the client chose, so later mutations can refer to them', async () => {
    const client = new TestClient(h, tokens.ann);
    const noteId = uuidv7();
    const editedId = uuidv7();
    const activityId = uuidv7();
    const followUpId = uuidv7();
    const personId = uuidv7();
    const results = await client.pushOk([
      client.make('note.add', { customerId: customers.ann2, body: 'first' }, { notes: noteId }),
      client.make('note.edit', { noteId, body: 'second' }, { notes: editedId }),
      client.make(
        'contact.log',
        { ...contactLog(customers.ann2, 'with extras'), newContactPerson: { name: 'Pat', phone: '+49 30 1234567' }, followUpDate: '2026-03-05' },
        { activities: activityId, follow_ups: followUpId, contact_persons: personId },
      ),
      client.make('followUp.complete', { followUpId }),
      client.make('note.add', { customerId: customers.ann2, body: 'reused id' }, { notes: noteId }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'rejected']);
    expect(results[4]?.error).toMatchObject({ code: 'conflict', field: 'ids.notes' });
    const notes = await db().selectFrom('notes').select(['id', 'body', 'is_current', 'note_version', 'version']).where('customer_id', '=', customers.ann2).orderBy('note_version').execute();
    expect(notes).toEqual([
      { id: noteId, body: 'first', is_current: false, note_version: 1, version: 2 },
      { id: editedId, body: 'second', is_current: true, note_version: 2, version: 1 },
    ]);
    const activity = await db().selectFrom('activities').selectAll().where('id', '=', activityId).executeTakeFirstOrThrow();
    expect(activity.contact_person_id).toBe(personId);
    const followUp = await db().selectFrom('follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ status: 'done', activity_id: activityId, version: 2 });
  });

  it('a stale transition is rejected as a conflict: two users close the same follow-up, or edit the same note version', async () => {
    const annClient = new TestClient(h, tokens.ann);
    const leadClient = new TestClient(h, tokens.lead);
    const followUpId = uuidv7();
    const noteId = uuidv7();
    await annClient.pushOk([
      annClient.make('followUp.create', { customerId: customers.ann, dueDate: '2026-03-10', title: 'call back' }, { follow_ups: followUpId }),
      annClient.make('note.add', { customerId: customers.ann, body: 'draft' }, { notes: noteId }),
    ]);
    // Both worked offline from the same state; the lead syncs first.
    const leadResults = await leadClient.pushOk([leadClient.make('followUp.cancel', { followUpId }), leadClient.make('note.edit', { noteId, body: 'lead text' })]);
    expect(leadResults.map((r) => r.status)).toEqual(['applied', 'applied']);
    const annResults = await annClient.pushOk([annClient.make('followUp.complete', { followUpId }), annClient.make('note.edit', { noteId, body: 'ann text' })]);
    expect(annResults).toMatchObject([
      { status: 'rejected', error: { code: 'conflict', field: 'args.followUpId' } },
      { status: 'rejected', error: { code: 'conflict', field: 'args.noteId' } },
    ]);
    const followUp = await db().selectFrom('follow_ups').select('status').where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(followUp.status).toBe('cancelled');
  });

  it('escalations: one pending request per kind, withdrawn once, amounts where the kind needs them', async () => {
    const client = new TestClient(h, tokens.ann);
    const escalationId = uuidv7();
    const results = await client.pushOk([
      client.make('escalation.request', { customerId: customers.ann2, kind: 'credit_hold', reason: 'pays nothing' }, { escalations: escalationId }),
      client.make('escalation.request', { customerId: customers.ann2, kind: 'credit_hold', reason: 'again' }),
      client.make('escalation.request', { customerId: customers.ann2, kind: 'write_off', reason: 'insolvent' }),
      client.make('escalation.withdraw', { escalationId, reason: 'paid after all' }),
      client.make('escalation.withdraw', { escalationId }),
    ]);
    expect(results).toMatchObject([
      { status: 'applied' },
      { status: 'rejected', error: { code: 'conflict', field: 'args.kind' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.amountMinor' } },
      { status: 'applied' },
      { status: 'rejected', error: { code: 'conflict', field: 'args.escalationId' } },
    ]);
    const row = await db().selectFrom('escalations').selectAll().where('id', '=', escalationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'withdrawn', decision_comment: 'paid after all', version: 2, amount_minor: null, currency: null });
  });

  it('escalations: an amount above the balance it refers to is refused, as a modified client could send it', async () => {
    const customerId = (await seedCustomer(h, (await db().selectFrom('users').select('id').where('username', '=', annName).executeTakeFirstOrThrow()).id)).id;
    await seedItem(h, customerId, 19_102_775);
    const client = new TestClient(h, tokens.ann);
    const results = await client.pushOk([
      client.make('escalation.request', { customerId, kind: 'write_off', amountMinor: 19_102_775_000, reason: 'typo' }),
      client.make('escalation.request', { customerId, kind: 'write_off', amountMinor: 19_102_775, reason: 'all of it' }),
    ]);
    expect(results).toMatchObject([{ status: 'rejected', error: { code: 'validation', field: 'args.amountMinor' } }, { status: 'applied' }]);
    const [refused] = results;
    expect(refused?.status === 'rejected' ? refused.error?.message : '').toContain('191,027.75');
  });

  it('checks dates against the day the user acted, not the day of the push', async () => {
    const client = new TestClient(h, tokens.ann);
    const m = client.make('followUp.create', { customerId: customers.ann, dueDate: '2026-03-02', title: 'same day' });
    h.clock.set('2026-03-05T09:00:00.000Z');
    client.token = (await login(h, annName)).accessToken;
    const past = client.make('followUp.create', { customerId: customers.ann, dueDate: '2026-03-02', title: 'now past' });
    expect(await client.pushOk([m, past])).toMatchObject([{ status: 'applied' }, { status: 'rejected', error: { code: 'validation', field: 'args.dueDate' } }]);
    h.clock.set('2026-03-02T09:00:00.000Z');
    tokens.ann = (await login(h, annName)).accessToken;
  });

  it('validates the request itself', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/v1/sync/push', headers: syncHeaders(tokens.ann), payload: { clientId: 'nope', mutations: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'validation', field: 'clientId' } });
    const old = await h.app.inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: { ...bearer(tokens.ann), 'x-ledgerline-protocol': '0' },
      payload: { clientId: uuidv7(), mutations: [] },
    });
    expect(old.statusCode).toBe(426);
    expect(old.json()).toMatchObject({ error: { code: 'update_required' } });
  });
});
