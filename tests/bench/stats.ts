/** Timing statistics of one benchmark case. */
export interface BenchResult {
  readonly bench: string;
  readonly n: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly ops_per_s: number;
  readonly target_p95_ms: number | null;
  readonly ok: boolean;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(bench: string, samples: readonly number[], targetP95Ms: number | null): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const p95 = percentile(sorted, 95);
  return {
    bench,
    n: sorted.length,
    p50_ms: round(percentile(sorted, 50), 3),
    p95_ms: round(p95, 3),
    ops_per_s: total > 0 ? round((sorted.length * 1000) / total, 1) : 0,
    target_p95_ms: targetP95Ms,
    ok: targetP95Ms === null || p95 <= targetP95Ms,
  };
}

const COLUMNS = ['bench', 'n', 'p50 ms', 'p95 ms', 'ops/s', 'target p95', 'ok'] as const;
const WIDTHS: readonly number[] = [24, 6, 10, 10, 10, 11, 4];

const cell = (value: string, index: number): string => (index === 0 ? value.padEnd(WIDTHS[index] ?? 0) : value.padStart(WIDTHS[index] ?? 0));

export const tableHeader = (): string => `${COLUMNS.map(cell).join('  ')}\n`;

export function tableRow(result: BenchResult): string {
  const values = [
    result.bench,
    String(result.n),
    result.p50_ms.toFixed(2),
    result.p95_ms.toFixed(2),
    result.ops_per_s.toFixed(1),
    result.target_p95_ms === null ? '-' : `<= ${result.target_p95_ms}`,
    result.ok ? 'yes' : 'NO',
  ];
  return `${values.map(cell).join('  ')}\n`;
}
