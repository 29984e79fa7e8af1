import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import type { PulledJson } from '../../../server/sync/pull';
import { createSnapshotReadAhead, type ReadPage } from '../../../server/sync/snapshot-read-ahead';

const ann: Principal = { userId: 'u-ann', username: 'ann', displayName: 'Ann', role: 'collector', teamId: 't1' };
const bob: Principal = { userId: 'u-bob', username: 'bob', displayName: 'Bob', role: 'collector', teamId: 't1' };

interface Read {
  readonly user: string;
  readonly cursor: string | null;
  readonly resync: readonly string[];
}

/** A snapshot of `pages` pages: page n answers cursor `c{n}` (the first, cursor null) and points to `c{n+1}`. */
function fakeSnapshot(pages: number, fail: (cursor: string | null) => boolean = () => false) {
  const reads: Read[] = [];
  const read: ReadPage = (principal, { cursor, resync = [] }) => {
    reads.push({ user: principal.userId, cursor, resync });
    if (fail(cursor)) return Promise.reject(new Error(`read of ${String(cursor)} failed`));
    const index = cursor === null ? 0 : Number(cursor.slice(1));
    const page: PulledJson = {
      json: JSON.stringify({ page: index, for: principal.userId }),
      nextSnapshotCursor: index + 1 < pages ? `c${String(index + 1)}` : null,
    };
    return Promise.resolve(page);
  };
  return { read, reads };
}

describe('snapshot read-ahead', () => {
  it('reads the next snapshot page as soon as one is answered and hands it to the request that asks for it', async () => {
    const { read, reads } = fakeSnapshot(3);
    const ahead = createSnapshotReadAhead(read);
    expect(await ahead.pull(ann, { cursor: null, limit: 100, resync: [] })).toBe(JSON.stringify({ page: 0, for: 'u-ann' }));
    expect(reads.map((r) => r.cursor)).toEqual([null, 'c1']);
    expect(await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [] })).toBe(JSON.stringify({ page: 1, for: 'u-ann' }));
    expect(await ahead.pull(ann, { cursor: 'c2', limit: 100, resync: [] })).toBe(JSON.stringify({ page: 2, for: 'u-ann' }));
    // Every page was read once; the last one points nowhere, so nothing more is read.
    expect(reads.map((r) => r.cursor)).toEqual([null, 'c1', 'c2']);
    await ahead.close();
  });

  it('keeps a page for the caller and the form it was read for: another user, limit, team or form reads afresh', async () => {
    const { read, reads } = fakeSnapshot(2);
    const ahead = createSnapshotReadAhead(read);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    expect(await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [], snapshotRuns: true })).toBe(JSON.stringify({ page: 1, for: 'u-ann' }));
    expect(await ahead.pull(bob, { cursor: 'c1', limit: 100, resync: [] })).toBe(JSON.stringify({ page: 1, for: 'u-bob' }));
    expect(await ahead.pull(ann, { cursor: 'c1', limit: 50, resync: [] })).toBe(JSON.stringify({ page: 1, for: 'u-ann' }));
    expect(await ahead.pull({ ...ann, teamId: 't2' }, { cursor: 'c1', limit: 100, resync: [] })).toBe(JSON.stringify({ page: 1, for: 'u-ann' }));
    expect(reads.filter((r) => r.cursor === 'c1').map((r) => r.user)).toEqual(['u-ann', 'u-ann', 'u-bob', 'u-ann', 'u-ann']);
    await ahead.close();
  });

  it('a page is handed out once: the same request again reads afresh', async () => {
    const { read, reads } = fakeSnapshot(2);
    const ahead = createSnapshotReadAhead(read);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [] });
    await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [] });
    expect(reads.map((r) => r.cursor)).toEqual([null, 'c1', 'c1']);
    await ahead.close();
  });

  it('a read ahead that failed is read again for the request, whose own failure is the one reported', async () => {
    let failures = 1;
    const { read, reads } = fakeSnapshot(2, (cursor) => cursor === 'c1' && failures-- > 0);
    const ahead = createSnapshotReadAhead(read);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    expect(await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [] })).toBe(JSON.stringify({ page: 1, for: 'u-ann' }));
    expect(reads.map((r) => r.cursor)).toEqual([null, 'c1', 'c1']);

    const broken = fakeSnapshot(2, (cursor) => cursor === 'c1');
    const failing = createSnapshotReadAhead(broken.read);
    await failing.pull(ann, { cursor: null, limit: 100, resync: [] });
    await expect(failing.pull(ann, { cursor: 'c1', limit: 100, resync: [] })).rejects.toThrow('read of c1 failed');
    await ahead.close();
    await failing.close();
  });

  it('drops pages nobody asked for in time, and keeps at most maxPages', async () => {
    let now = 0;
    const { read, reads } = fakeSnapshot(2);
    const ahead = createSnapshotReadAhead(read, { keepMs: 1_000, maxPages: 2, now: () => now });
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    now = 1_001;
    await ahead.pull(ann, { cursor: 'c1', limit: 100, resync: [] });
    expect(reads.map((r) => r.cursor)).toEqual([null, 'c1', 'c1']);

    const users = ['a', 'b', 'c'].map((id): Principal => ({ ...ann, userId: id }));
    for (const user of users) await ahead.pull(user, { cursor: null, limit: 100, resync: [] });
    const before = reads.length;
    // a's page was pushed out by c's: a reads afresh, b and c are served from what was read ahead.
    for (const user of users) await ahead.pull(user, { cursor: 'c1', limit: 100, resync: [] });
    expect(reads.slice(before).map((r) => r.user)).toEqual(['a']);
    await ahead.close();
  });

  it('passes resync through to the request’s own read; a read ahead asks for none', async () => {
    const { read, reads } = fakeSnapshot(2);
    const ahead = createSnapshotReadAhead(read);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: ['cust-1'] });
    expect(reads).toEqual([
      { user: 'u-ann', cursor: null, resync: ['cust-1'] },
      { user: 'u-ann', cursor: 'c1', resync: [] },
    ]);
    await ahead.close();
  });

  it('close waits for reads under way and reads nothing ahead afterwards', async () => {
    let release = (): void => undefined;
    const reads: (string | null)[] = [];
    let settled = false;
    const read: ReadPage = (_principal, { cursor }) => {
      reads.push(cursor);
      if (cursor === null) return Promise.resolve({ json: '{}', nextSnapshotCursor: 'c1' });
      return new Promise((resolve) => {
        release = () => {
          settled = true;
          resolve({ json: '{}', nextSnapshotCursor: 'c2' });
        };
      });
    };
    const ahead = createSnapshotReadAhead(read);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    const closing = ahead.close();
    release();
    await closing;
    expect(settled).toBe(true);
    await ahead.pull(ann, { cursor: null, limit: 100, resync: [] });
    expect(reads).toEqual([null, 'c1', null]);
  });
});
