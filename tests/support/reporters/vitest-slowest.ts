/** Vitest reporter: prints the slowest tests after the run (see slowest.ts). */
import type { Reporter, TestCase } from 'vitest/node';
import { relative } from 'node:path';
import { slowestLines, type TestTiming } from './slowest';

export default class SlowestTestsReporter implements Reporter {
  private readonly timings: TestTiming[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const diagnostic = testCase.diagnostic();
    if (diagnostic === undefined || testCase.result().state === 'skipped') return;
    this.timings.push({
      name: testCase.fullName,
      file: relative(process.cwd(), testCase.module.moduleId),
      durationMs: diagnostic.duration,
      timeoutMs: testCase.options.timeout ?? testCase.project.config.testTimeout,
    });
  }

  onTestRunEnd(): void {
    const lines = slowestLines('Vitest', this.timings);
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
