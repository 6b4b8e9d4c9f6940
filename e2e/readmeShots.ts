import type { Page } from '@playwright/test';
import { test } from './fixtures';

/**
 * The README's screenshots are of real sessions. They are written to docs/ only when asked
 * (NOOK_UPDATE_SCREENSHOT=1 npx playwright test screenshot), so test runs leave the tree clean;
 * without the variable the specs that take them are skipped, as the screens they show are checked
 * by the other specs (layout, accessibility) and the pictures would cost CI minutes.
 */
export function skipUnlessAsked(): void {
  test.skip(!process.env.NOOK_UPDATE_SCREENSHOT, 'README screenshots are taken on request');
}

export function shoot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({
    path: process.env.NOOK_UPDATE_SCREENSHOT
      ? `docs/screenshot-${name}.png`
      : test.info().outputPath(`${name}.png`),
  });
}
