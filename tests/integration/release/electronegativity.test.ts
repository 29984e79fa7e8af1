/**
 * Electronegativity, Doyensec's static scanner for Electron misconfigurations, over electron/: no
 * finding beyond the reviewed ones in scripts/electronegativity-accepted.mjs, each justified there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../electron/web/start';
import { ACCEPTED_FINDINGS } from '../../../scripts/electronegativity-accepted.mjs';

interface Finding {
  readonly check: string;
  readonly file: string;
  readonly location: string;
  readonly message: string;
}

interface SarifReport {
  readonly runs: readonly {
    readonly results: readonly {
      readonly ruleId: string;
      readonly message: { readonly text: string };
      readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: { readonly startLine: number; readonly startColumn: number } } }[];
    }[];
  }[];
}

let work: string;
let findings: Finding[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ledgerline-electronegativity-'));
  // SARIF, not CSV: the scanner writes its CSV header and rows with two unordered async writes, so
  // the header can land over the first row (seen in CI); the SARIF report is one write.
  const report = join(work, 'findings.sarif');
  const electronVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'), '--input', join(REPO_ROOT, 'electron'), '--relative', '--verbose', 'false', '--electron-version', electronVersion, '--output', report],
    // Offline, it waits for its translation and release downloads to fail first.
    { cwd: REPO_ROOT, stdio: 'pipe', timeout: 90_000 },
  );
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as SarifReport;
  findings = sarif.runs.flatMap((run) =>
    run.results.map((result) => {
      const place = result.locations[0]?.physicalLocation;
      return {
        check: result.ruleId,
        file: place?.artifactLocation.uri ?? '',
        location: place ? `${place.region.startLine}:${place.region.startColumn}` : '',
        message: result.message.text,
      };
    }),
  );
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const key = (finding: { check: string; file: string }) => `${finding.check} ${finding.file}`;

describe('the Electronegativity scan of electron/', () => {
  it('scanned the main process', () => {
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.check !== '' && finding.file !== '')).toBe(true);
  });

  it('finds nothing that was not reviewed and justified', () => {
    const accepted = new Set(ACCEPTED_FINDINGS.map(key));
    expect(findings.filter((finding) => !accepted.has(key(finding)))).toEqual([]);
  });

  it('keeps no justification for a finding that is gone', () => {
    const found = new Set(findings.map(key));
    expect(ACCEPTED_FINDINGS.filter((entry) => !found.has(key(entry))).map(key)).toEqual([]);
    for (const entry of ACCEPTED_FINDINGS) expect(entry.why.length, key(entry)).toBeGreaterThan(40);
  });
});
