/**
 * The interface's language switch, measured in the browser: from the click on a language in the
 * settings menu to the first frame in which the worklist carries the new language's name (the app
 * re-mounts every screen in it). dev:web on the demo portfolio, the production renderer build
 * (made when missing), Debian's Chromium. Also the renderer bundle's size.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { REPO_ROOT, startWebServer } from '../../electron/web/start';
import { benchArgs, runBench } from './harness';
import { summarize, tableHeader, tableRow } from './stats';

const ROUNDS = 30;
const GRID_NAMES = { en: 'Worklist, ranked by priority', de: 'Arbeitsliste, nach Priorität sortiert' } as const;
const LANGUAGE_NAMES = { en: 'English', de: 'Deutsch' } as const;

/** The renderer's JavaScript: raw and gzip bytes of its assets. */
function bundleSize(): { readonly js_kb: number; readonly js_gzip_kb: number } {
  const folder = join(REPO_ROOT, 'dist/renderer/assets');
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.js'))) {
    raw += statSync(join(folder, file)).size;
    gzip += gzipSync(readFileSync(join(folder, file))).length;
  }
  return { js_kb: Math.round(raw / 1024), js_gzip_kb: Math.round(gzip / 1024) };
}

runBench(async () => {
  const { json } = benchArgs();
  if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) execFileSync('npm', ['run', 'build:renderer'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-ui-'));
  const server = await startWebServer({ dataDir, seedIfEmpty: true });
  const browser = await chromium.launch({ executablePath: process.env.LEDGERLINE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(server.url);
    await page.getByRole('grid', { name: GRID_NAMES.en }).waitFor();
    const samples: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const to = round % 2 === 0 ? 'de' : 'en';
      await page.getByRole('button', { name: to === 'de' ? 'Settings' : 'Einstellungen' }).click();
      await page.getByRole('menuitemradio', { name: LANGUAGE_NAMES[to], exact: true }).waitFor();
      // A string, not a function: tsx would wrap a function's inner functions in a helper the page does not have.
      const elapsed = await page.evaluate<number>(`new Promise((resolve, reject) => {
        const target = [...document.querySelectorAll('[role="menuitemradio"]')].find((element) => element.textContent === ${JSON.stringify(LANGUAGE_NAMES[to])});
        if (!(target instanceof HTMLElement)) { reject(new Error('no menu item')); return; }
        const started = performance.now();
        target.click();
        const check = () => {
          if (document.querySelector('[role="grid"][aria-label=${JSON.stringify(GRID_NAMES[to])}] [role="row"][data-customer-id]')) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })`);
      // The first switch loads what a switch needs for the first time: a warm-up, not a sample.
      if (round > 0) samples.push(elapsed);
    }
    const result = { ...summarize('ui.language_switch', samples, null), ...bundleSize() };
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${tableHeader()}${tableRow(result).trimEnd()}   renderer js ${result.js_kb} KB (${result.js_gzip_kb} KB gzip)\n`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
