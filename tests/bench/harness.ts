/** What every bench script shares: its arguments, how it runs its main, and how it times repeated calls. */
import { parseArgs } from 'node:util';

/** `--json` (one JSON line per case) and `--seed N` (the demo portfolio's seed); exits 2 on a bad seed. */
export function benchArgs(): { readonly json: boolean; readonly seed: number } {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' } },
    strict: true,
    allowPositionals: false,
  });
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    process.stderr.write(`bench: --seed must be a whole number, not "${values.seed}"\n`);
    process.exit(2);
  }
  return { json: values.json, seed };
}

/** Runs a bench's main; a failure prints its stack and sets exit code 1. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** One untimed warm-up call, then `n` timed calls: their wall times in ms. */
export async function timeCalls(n: number, run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const samples: number[] = [];
  for (let round = 0; round < n; round++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}
