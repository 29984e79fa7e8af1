// `npm run bench [-- --json]`: the local-store benchmarks, then the sync server's (PostgreSQL at DATABASE_URL).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
for (const suite of ['tests/bench/run.ts', 'tests/bench/sync.ts']) {
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', suite, ...args], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
