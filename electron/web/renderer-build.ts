/** dev:web serves the built renderer; rebuild it when the build is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_FOLDERS = ['renderer', 'shared'];
const SKIPPED = new Set(['node_modules', 'dist']);

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIPPED.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isRendererBuildStale(repoRoot: string, staticRoot: string): boolean {
  const index = join(staticRoot, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCE_FOLDERS.some((folder) => {
    const path = join(repoRoot, folder);
    return existsSync(path) && newestMtime(path) > built;
  });
}

export function buildRenderer(repoRoot: string): void {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(repoRoot, 'renderer', 'vite.config.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`building the renderer failed (exit code ${String(result.status)})`);
}
