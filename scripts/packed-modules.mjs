// The packages the packaged app must carry in node_modules: the main bundle's externals (see
// electron-externals.mjs) and everything they load in turn, derived from the installed packages'
// own dependency lists, so adding an external can never leave the installer without it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_EXTERNALS } from './electron-externals.mjs';

/** Externals that are not packages to ship: Electron is the runtime, pg-native an optional add-on pg does without. */
const NOT_SHIPPED = new Set(['electron', 'pg-native']);

/** Packages whose declared dependencies include install-time tools: what they load at run time. */
const RUNTIME_DEPENDENCIES = { 'better-sqlite3': ['bindings'] };

function manifest(dir) {
  const file = join(dir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/**
 * Package names (top-level in `root`/node_modules) that `names` need at run time, themselves
 * included. A dependency installed inside a package's own node_modules ships with that package;
 * an optional dependency that is not installed (another platform's binary) is skipped.
 */
export function packedModules(root, names = MAIN_EXTERNALS.filter((name) => !NOT_SHIPPED.has(name))) {
  const found = new Set();
  const visit = (name, from) => {
    const nested = join(from, 'node_modules', name);
    if (from !== root && existsSync(nested)) {
      walk(nested);
      return;
    }
    if (found.has(name)) return;
    const dir = join(root, 'node_modules', name);
    if (manifest(dir) === null) return;
    found.add(name);
    walk(dir);
  };
  const walk = (dir) => {
    const pkg = manifest(dir) ?? {};
    const deps = RUNTIME_DEPENDENCIES[pkg.name] ?? [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
    for (const dep of deps) visit(dep, dir);
  };
  for (const name of names) {
    if (manifest(join(root, 'node_modules', name)) === null) throw new Error(`the external ${name} is not installed`);
    visit(name, root);
  }
  return [...found].sort();
}
