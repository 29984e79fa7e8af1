/** Reading ahead: a read is reused only while fresh (same data version, within its time) and only when it succeeded. */
import { describe, expect, it } from 'vitest';
import { createReadAhead, READ_AHEAD_KEEP_MS, READ_AHEAD_KEPT } from '../../../renderer/src/api/readAhead';
import type { Result } from '../../../shared/api/result';

/** A loader that answers with the id and how many times it has been asked for it; `failing` ids fail. */
function loader(failing: ReadonlySet<string> = new Set()) {
  const asked = new Map<string, number>();
  const load = (id: string): Promise<Result<string>> => {
    const n = (asked.get(id) ?? 0) + 1;
    asked.set(id, n);
    return Promise.resolve(failing.has(id) ? { ok: false, error: { code: 'internal', message: 'down' } } : { ok: true, value: `${id}#${n}` });
  };
  return { load, asked: (id: string) => asked.get(id) ?? 0 };
}

function setting() {
  const state = { version: 0, now: 0 };
  return { state, version: () => state.version, now: () => state.now };
}

describe('createReadAhead', () => {
  it('a read ahead is what the next read gets, without asking again', async () => {
    const { load, asked } = loader();
    const { version, now } = setting();
    const reads = createReadAhead(load, version, now);
    reads.ahead('a');
    reads.ahead('a');
    expect(await reads.read('a')).toEqual({ ok: true, value: 'a#1' });
    expect(asked('a')).toBe(1);
  });

  it('a command or a sync since (a new data version) means reading again', async () => {
    const { load } = loader();
    const { state, version, now } = setting();
    const reads = createReadAhead(load, version, now);
    reads.ahead('a');
    state.version = 1;
    expect(await reads.read('a')).toEqual({ ok: true, value: 'a#2' });
  });

  it('a read older than its time is read again', async () => {
    const { load } = loader();
    const { state, version, now } = setting();
    const reads = createReadAhead(load, version, now);
    reads.ahead('a');
    state.now = READ_AHEAD_KEEP_MS;
    expect(await reads.read('a')).toEqual({ ok: true, value: 'a#2' });
  });

  it('a failed read ahead is not reused', async () => {
    const { load, asked } = loader(new Set(['a']));
    const { version, now } = setting();
    const reads = createReadAhead(load, version, now);
    reads.ahead('a');
    const answer = await reads.read('a');
    expect(answer.ok).toBe(false);
    expect(asked('a')).toBe(2);
  });

  it('keeps only the last few', async () => {
    const { load, asked } = loader();
    const { version, now } = setting();
    const reads = createReadAhead(load, version, now);
    const ids = Array.from({ length: READ_AHEAD_KEPT + 1 }, (_, index) => `c${index}`);
    for (const id of ids) reads.ahead(id);
    await reads.read('c0');
    expect(asked('c0')).toBe(2);
    await reads.read(`c${READ_AHEAD_KEPT}`);
    expect(asked(`c${READ_AHEAD_KEPT}`)).toBe(1);
  });
});
