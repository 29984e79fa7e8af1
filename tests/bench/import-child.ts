/**
 * One import of the import bench, in a process of its own so its peak memory is its own: runs the
 * import CLI in-process on `--database` and prints one JSON line with the wall time, the peak
 * resident memory and the counts.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runImportCli } from '../../server/cli/import';
import { connectServerDb } from '../../server/db/connect';

const { values, positionals } = parseArgs({ options: { database: { type: 'string' } }, allowPositionals: true, strict: true });

async function main(): Promise<void> {
  const store = await connectServerDb({ databaseUrl: values.database ?? '' });
  let report = '';
  try {
    const started = performance.now();
    const code = await runImportCli([...positionals, '--json'], {
      openDb: () => Promise.resolve({ db: store.db, close: () => Promise.resolve(), timeZone: 'UTC' }),
      readFile: (path) => readFile(path),
      readStream: (path) => createReadStream(path),
      stdout: (text) => {
        report = text;
      },
      stderr: (text) => process.stderr.write(`${text}\n`),
    });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`the import exited ${String(code)}: ${report.slice(0, 500)}`);
    const { applied } = JSON.parse(report) as { applied: Record<string, { inserted: number; updated: number; unchanged: number }> };
    process.stdout.write(`${JSON.stringify({ ms, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), applied })}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
