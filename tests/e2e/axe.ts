/** Accessibility scans with axe for the UI specs. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface Violation {
  readonly id: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Serious and critical axe violations on the page, or only inside `within` (an open dialog: the page
 * behind it is scanned on its own). Judged at rest: the mouse is moved away first, since a hovered
 * button has its own colours. Legacy mode runs axe in the page itself: the app has no frames, and the
 * default mode opens a blank page for every scan to merge frames' results, which doubles its time.
 */
export async function seriousViolations(page: Page, within?: string): Promise<Violation[]> {
  await page.mouse.move(0, 0);
  const builder = new AxeBuilder({ page }).setLegacyMode(true);
  const results = await (within === undefined ? builder : builder.include(within)).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}
