import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { startWebServer } from '../../electron/web/start';
const [mode] = process.argv.slice(2);
const root = '/tmp/prof-renderer';
const maps = new Map<string, SourceMapConsumer>();
for (const f of readdirSync(`${root}/assets`).filter((n) => n.endsWith('.js.map'))) maps.set(f.replace(/\.map$/, ''), new SourceMapConsumer(JSON.parse(readFileSync(`${root}/assets/${f}`, 'utf8'))));
const server = await startWebServer({ dataDir: '/tmp/uidata', staticRoot: root, clock: { now: () => new Date('2026-03-15T10:00:00Z') } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
await page.goto(server.url);
const grid = page.locator('[data-testid="worklist-grid"]');
await grid.locator('[role="row"][data-customer-id]').first().waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
type Prof = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples: number[]; timeDeltas: number[] };
const profiles: Prof[] = [];
const record = async (action: () => Promise<void>, settle = 300) => {
  await cdp.send('Profiler.start');
  await action();
  await page.waitForTimeout(settle);
  profiles.push((await cdp.send('Profiler.stop')).profile as Prof);
};
const search = page.getByRole('textbox', { name: 'Search the worklist' });
for (let i = 0; i < 8; i++) {
  if (mode === 'search') { await search.focus(); for (const l of 'sch') await record(() => page.keyboard.press(l)); await page.keyboard.press('Escape'); await page.waitForTimeout(300); }
  if (mode === 'chip') await record(() => page.locator('[data-filter="hasBrokenPromise"]').click());
  if (mode === 'sort') await record(() => page.getByRole('columnheader', { name: /Overdue/ }).locator('.MuiTableSortLabel-root').first().click());
  if (mode === 'enter') { await grid.focus(); await page.keyboard.press('ArrowDown'); await page.waitForTimeout(300); await record(() => page.keyboard.press('Enter'), 600); await page.keyboard.press('Escape'); await page.waitForTimeout(2500); }
  if (mode === 'escape') { await grid.focus(); await page.keyboard.press('ArrowDown'); await page.keyboard.press('Enter'); await page.locator('#account-title').waitFor(); await page.waitForTimeout(800); await record(() => page.keyboard.press('Escape'), 200); await page.waitForTimeout(2500); }
  if (mode === 'log') { await grid.focus(); await page.keyboard.press('ArrowDown'); await page.waitForTimeout(200); await record(() => page.keyboard.press('l'), 400); await page.keyboard.press('n'); await record(() => page.keyboard.press('Control+Enter'), 400); await page.waitForTimeout(500); }
  if (mode === 'arrow') { await grid.focus(); await record(() => page.keyboard.press('ArrowDown'), 100); }
}
const byPkg = new Map<string, number>();
const byFn = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
for (const p of profiles) {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const f = nodes.get(id)?.callFrame; if (!f) return;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const file = f.url.split('/').pop() ?? '';
    const map = maps.get(file);
    let src = f.url === '' ? f.functionName : file;
    if (map) { const o = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber }); src = o.source ?? file; }
    const pkg = src.includes('node_modules/') ? src.split('node_modules/')[1]!.split('/').slice(0, src.split('node_modules/')[1]!.startsWith('@') ? 2 : 1).join('/') : src.replace(/^.*renderer\/src\//, 'app:');
    add(byPkg, pkg, ms); add(byFn, `${f.functionName || '(anon)'} ${pkg}`, ms);
  });
}
console.log(`${profiles.length} samples`);
for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('pkg', (v / profiles.length).toFixed(1).padStart(7), k);
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log('fn ', (v / profiles.length).toFixed(1).padStart(7), k);
await browser.close(); await server.close();
