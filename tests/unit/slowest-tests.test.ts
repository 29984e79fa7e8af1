import { describe, expect, it } from 'vitest';
import { slowestLines } from '../support/reporters/slowest';

const timing = (name: string, durationMs: number, timeoutMs = 60_000) => ({ name, file: 'tests/e2e/a.spec.ts', durationMs, timeoutMs });

describe('the slowest-tests summary', () => {
  it('lists the slowest first, at most the number asked for', () => {
    const lines = slowestLines('Playwright', [timing('fast', 100), timing('slow', 9_000), timing('middle', 4_000)], 2);
    expect(lines[0]).toBe('Playwright: the 2 slowest tests');
    expect(lines.slice(1).map((line) => /› (\w+)/.exec(line)?.[1])).toEqual(['slow', 'middle']);
  });

  it('gives each test its share of its timeout and flags one past half of it', () => {
    const [, over, under] = slowestLines('Vitest', [timing('over', 31_000), timing('under', 30_000)]);
    expect(over).toContain('31.0 s   52 % of 60 s');
    expect(over).toMatch(/OVER HALF ITS TIMEOUT$/);
    expect(under).toContain(' 50 % of 60 s');
    expect(under).not.toContain('OVER HALF');
  });

  it('prints nothing for a run without tests', () => {
    expect(slowestLines('Vitest', [])).toEqual([]);
  });
});
