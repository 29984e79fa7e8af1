import { defineConfig, devices } from '@playwright/test';

/** Chromium from the system package (apt `chromium`): Playwright's own download is not used. */
const CHROMIUM = process.env.LEDGERLINE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/support/reporters/playwright-slowest.ts']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    // The app honours the system's reduced-motion setting (app/theme.ts): drawers and menus change at
    // once, with no frames drawn and no transition timers waited out (e2e in CI 7.5 → 6.5 min on two
    // cores). The tests of motion itself (theme.spec.ts, a drawer reopened while closing) ask for it back.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    // A trace of a failure keeps the actions, console and network, with neither a screencast nor DOM
    // snapshots: every test records its trace, and recording frames kept the GPU process busy (two-
    // desktop tests three times slower on two cores), DOM snapshots cost a tenth of the run
    // (collector.spec 151 → 132 s). A failure still leaves a screenshot and the page's accessibility
    // tree at that moment (error-context.md).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false, sources: true },
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
});
