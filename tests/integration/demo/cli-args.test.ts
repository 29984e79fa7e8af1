import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from '../../../db/demo/cli-args';

const parse = (args: string[], env: Record<string, string> = {}) => parseSeedArgs(args, env, '/repo', '2026-11-23');

describe('demo:seed arguments', () => {
  it('defaults to the small portfolio, seed 1, today and <repo>/.data', () => {
    expect(parse([])).toEqual({ ok: true, options: { size: 'small', seed: 1, asOf: '2026-11-23', dataDir: join('/repo', '.data') } });
  });

  it('takes every flag, and the data directory from LEDGERLINE_DATA_DIR unless --data-dir is given', () => {
    expect(parse(['--size', 'large', '--seed', '42', '--as-of', '2026-01-31'], { LEDGERLINE_DATA_DIR: '/env' })).toEqual({
      ok: true,
      options: { size: 'large', seed: 42, asOf: '2026-01-31', dataDir: '/env' },
    });
    expect(parse(['--data-dir=/flag'], { LEDGERLINE_DATA_DIR: '/env' })).toMatchObject({ ok: true, options: { dataDir: '/flag' } });
    expect(parse(['--help'])).toEqual({ ok: true, help: true });
    expect(parse([], { LEDGERLINE_DATA_DIR: '' })).toMatchObject({ ok: true, options: { dataDir: join('/repo', '.data') } });
  });

  it.each([
    [['--size', 'medium'], /--size must be "small" or "large"/],
    [['--seed', '-1'], /--seed/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--seed', '99999999999'], /--seed must be a whole number/],
    [['--as-of', '2026-02-30'], /--as-of must be a calendar date/],
    [['--as-of', 'tomorrow'], /--as-of must be a calendar date/],
    [['--data-dir', ' '], /--data-dir must not be empty/],
    [['--colour'], /Unknown option '--colour'/],
    [['extra'], /positional argument/],
    [['--seed'], /argument missing/],
  ])('rejects %j with a message naming the flag', (args, message) => {
    const parsed = parse(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
