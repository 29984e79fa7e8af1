/**
 * The ten slowest tests of a run, printed at its end by each runner's reporter, so a test creeping
 * towards its timeout is seen long before it fails CI. A test past half its timeout is flagged:
 * on this 2-core machine the suite's own parallelism can double a test's time.
 */
export interface TestTiming {
  readonly name: string;
  readonly file: string;
  readonly durationMs: number;
  readonly timeoutMs: number;
}

export const SLOWEST_SHOWN = 10;

export function slowestLines(runner: string, timings: readonly TestTiming[], shown = SLOWEST_SHOWN): string[] {
  const slowest = [...timings].sort((a, b) => b.durationMs - a.durationMs).slice(0, shown);
  if (slowest.length === 0) return [];
  const lines = [`${runner}: the ${slowest.length} slowest tests`];
  for (const timing of slowest) {
    const share = timing.timeoutMs > 0 ? Math.round((timing.durationMs / timing.timeoutMs) * 100) : 0;
    const flag = timing.timeoutMs > 0 && timing.durationMs * 2 > timing.timeoutMs ? '  OVER HALF ITS TIMEOUT' : '';
    lines.push(`  ${(timing.durationMs / 1000).toFixed(1).padStart(6)} s  ${String(share).padStart(3)} % of ${timing.timeoutMs / 1000} s  ${timing.file} › ${timing.name}${flag}`);
  }
  return lines;
}
