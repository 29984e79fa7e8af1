/** Playwright reporter: prints the slowest tests after the run (see slowest.ts). */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { relative } from 'node:path';
import { slowestLines, type TestTiming } from './slowest';

export default class SlowestTestsReporter implements Reporter {
  private readonly timings: TestTiming[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') return;
    this.timings.push({
      // titlePath: root, project, file, then describe blocks and the title.
      name: test.titlePath().slice(3).join(' › '),
      file: relative(process.cwd(), test.location.file),
      durationMs: result.duration,
      timeoutMs: test.timeout,
    });
  }

  onEnd(): void {
    const lines = slowestLines('Playwright', this.timings);
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
