/**
 * Every production dependency (what ships in the app and the server) carries an allowed licence,
 * or a recorded decision in scripts/licence-policy.mjs; a new dependency or a changed licence
 * fails here before it reaches a user.
 */
import { init, type ModuleInfos } from 'license-checker-rseidelsohn';
import satisfies from 'spdx-satisfies';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../electron/web/start';
import { ALLOWED_LICENCES, LICENCE_DECISIONS } from '../../../scripts/licence-policy.mjs';

let packages: ModuleInfos;

beforeAll(async () => {
  packages = await new Promise<ModuleInfos>((resolve, reject) => {
    // Typed as always an Error, the callback's first argument is null on success.
    init({ start: REPO_ROOT, production: true, excludePrivatePackages: true }, (error: Error | null, found) => {
      if (error !== null) reject(error);
      else resolve(found);
    });
  });
}, 60_000);

const nameOf = (id: string) => id.slice(0, id.lastIndexOf('@'));
const licenceOf = (licences: string | string[] | undefined) => (Array.isArray(licences) ? licences.join(' OR ') : (licences ?? 'UNKNOWN'));

function allowed(licence: string): boolean {
  try {
    return satisfies(licence, ALLOWED_LICENCES);
  } catch {
    // Not a valid SPDX expression (UNKNOWN, "MIT*", "Custom: ..."): only a recorded decision lets it through.
    return false;
  }
}

describe('licences of production dependencies', () => {
  it('reads a real dependency tree', () => {
    expect(Object.keys(packages).length).toBeGreaterThan(100);
    expect(Object.keys(packages).some((id) => nameOf(id) === 'react')).toBe(true);
  });

  it('are all allowed, or decided and recorded with the licence the decision was taken on', () => {
    const problems: string[] = [];
    for (const [id, info] of Object.entries(packages)) {
      const licence = licenceOf(info.licenses);
      const decision = LICENCE_DECISIONS[nameOf(id)];
      if (decision !== undefined) {
        if (decision.licence !== licence) problems.push(`${id}: decided for "${decision.licence}", now declares "${licence}"`);
      } else if (!allowed(licence)) {
        problems.push(`${id}: ${licence}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps no decision for a package that is no longer shipped', () => {
    const shipped = new Set(Object.keys(packages).map(nameOf));
    expect(Object.keys(LICENCE_DECISIONS).filter((name) => !shipped.has(name))).toEqual([]);
  });

  it('refuses copyleft and unknown licences that no decision covers', () => {
    for (const licence of ['GPL-3.0-only', 'AGPL-3.0-or-later', 'LGPL-2.1-only', 'MIT AND GPL-2.0-only', 'UNKNOWN', 'MIT*', 'Custom: see LICENSE']) {
      expect(allowed(licence), licence).toBe(false);
    }
    for (const licence of ['MIT', '(MIT OR GPL-3.0-or-later)', '(MIT AND Zlib)', 'BSD-2-Clause OR MIT OR Apache-2.0']) {
      expect(allowed(licence), licence).toBe(true);
    }
  });
});
