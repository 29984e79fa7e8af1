/** Arguments of `npm run demo:seed`, checked with a message that names the flag and says why. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoSize } from '../../shared/demo/generate';

export interface SeedCliOptions {
  readonly size: DemoSize;
  readonly seed: number;
  readonly dataDir: string;
  readonly asOf: string;
}

export type ParsedSeedArgs = { ok: true; options: SeedCliOptions } | { ok: true; help: true } | { ok: false; message: string };

export const DATABASE_FILE_NAME = 'ledgerline.db';
export const DATA_DIR_ENV = 'LEDGERLINE_DATA_DIR';

export const SEED_USAGE = `Usage: npm run demo:seed -- [--size small|large] [--seed N] [--data-dir DIR] [--as-of YYYY-MM-DD]
  --size      small (about 60 customers, the default) or large (2,000 customers, 100,000 open items)
  --seed      whole number from 0 to 2147483647 (default 1); the same seed and as-of date give the same data
  --data-dir  folder of ledgerline.db (default: $${DATA_DIR_ENV} or <repo>/.data); the file is replaced
  --as-of     the day the portfolio is "today" for (default: today, UTC)
`;

const isCalendarDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

export function parseSeedArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>>, repoRoot: string, today: string): ParsedSeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { ok: true, help: true };

  const size = values.size ?? 'small';
  if (size !== 'small' && size !== 'large') return { ok: false, message: `--size must be "small" or "large", not "${size}"` };

  const seedText = values.seed ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed) || seed > 2_147_483_647) {
    return { ok: false, message: `--seed must be a whole number from 0 to 2147483647, not "${seedText}"` };
  }

  const asOf = values['as-of'] ?? today;
  if (!isCalendarDate(asOf)) return { ok: false, message: `--as-of must be a calendar date YYYY-MM-DD, not "${asOf}"` };

  const fromEnv = env[DATA_DIR_ENV];
  const dataDir = values['data-dir'] ?? (fromEnv === undefined || fromEnv === '' ? join(repoRoot, '.data') : fromEnv);
  if (dataDir.trim() === '') return { ok: false, message: '--data-dir must not be empty' };

  return { ok: true, options: { size, seed, dataDir, asOf } };
}
