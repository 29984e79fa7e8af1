/** `npm run demo:seed`: replaces the local database with a freshly seeded demo portfolio. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calendarDayIn, systemTimeZone } from '../../shared/domain/time-zone';
import { openLocalStore } from '../open';
import { DATABASE_FILE_NAME, parseSeedArgs, SEED_USAGE } from './cli-args';
import { seedDemo } from './seed';

const write = (text: string): void => {
  process.stdout.write(text);
};

async function main(): Promise<number> {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  // A frozen app clock (LEDGERLINE_CLOCK) also decides which day the demo is seeded for.
  const clock = new Date(process.env.LEDGERLINE_CLOCK ?? Date.now());
  // The demo is dated as of this computer's day, the day the app will show (db/day/user-day.ts).
  const today = calendarDayIn(Number.isNaN(clock.getTime()) ? new Date() : clock, systemTimeZone());
  const parsed = parseSeedArgs(process.argv.slice(2), process.env, repoRoot, today);
  if (!parsed.ok) {
    process.stderr.write(`demo:seed: ${parsed.message}\n\n${SEED_USAGE}`);
    return 2;
  }
  if ('help' in parsed) {
    write(SEED_USAGE);
    return 0;
  }
  const { size, seed, dataDir, asOf } = parsed.options;
  const path = join(dataDir, DATABASE_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });

  const store = await openLocalStore({ path, backupBeforeMigrate: false });
  try {
    write(`Seeding the ${size} demo portfolio (seed ${seed}, as of ${asOf}) into ${path} ...\n`);
    const report = await seedDemo(store, { size, seed, asOf });
    const { counts } = report;
    const count = (table: string): string => (counts[table] ?? 0).toLocaleString('en-US');
    write(
      [
        `Done in ${(report.ms / 1000).toFixed(1)} s (generate ${report.phases.generateMs} ms, insert ${report.phases.insertMs} ms, summaries ${report.phases.summaryMs} ms).`,
        `  customers       ${count('customers')} (contact persons ${count('contact_persons')})`,
        `  open items      ${count('open_items')} (payments ${count('payments')}, clearings ${count('clearings')})`,
        `  activities      ${count('activities')}`,
        `  promises        ${count('promises')}, disputes ${count('disputes')}, follow-ups ${count('follow_ups')}, notes ${count('notes')}, escalations ${count('escalations')}`,
        `Start the app with LEDGERLINE_DATA_DIR=${dataDir} and LEDGERLINE_CLOCK=${asOf}T09:00:00Z to see it as of that day.`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo:seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
