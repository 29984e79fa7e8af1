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
    // once, which takes a quarter off the browser's work on two cores. The tests of motion itself
    // (motion.spec.ts, a drawer reopened while closing) ask for it back.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    // A trace of a failure keeps the DOM snapshots, not a screencast: recording frames of every
    // test kept the GPU process busy and made two-desktop tests on two cores three times slower.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
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
