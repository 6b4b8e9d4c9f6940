import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// axe-core scans the screens people use, in light and dark, at desktop and phone sizes: WCAG 2.1
// A and AA, and axe's best practices (landmarks, headings, regions).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

async function violations(page: Page, scope?: string) {
  const builder = new AxeBuilder({ page })
    .withTags(TAGS)
    // Experimental in axe, and the one that caught a button named apart from its visible text.
    .options({
      rules: { 'label-content-name-mismatch': { enabled: true } },
      // Only violations are read: axe then skips collecting every passing node (a third faster).
      resultTypes: ['violations'],
    });
  const result = await (scope ? builder.include(scope) : builder).analyze();
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

/**
 * The looks a scene is scanned in: the desktop in light and dark (it shows the most: the sidebar
 * sits beside the chat), and the phone layout in dark. Colours come from the same tokens at
 * every size, so the phone in light would check the same colours again, for a quarter of the
 * suite's scanning time.
 */
const looks = [
  { size: 'desktop', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { size: 'desktop', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  { size: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
] as const;

/** Scans a scene in each look: the same page resized and re-themed, so it is set up once. */
export async function expectClean(page: Page, scene: string, scope?: string) {
  // A dialog whose code loads when first opened may not be there yet: axe would find nothing to scan.
  if (scope) await expect(page.locator(scope).filter({ visible: true }).first()).toBeVisible();
  const initial = page.viewportSize();
  for (const look of looks) {
    await page.setViewportSize(look.viewport);
    await page.emulateMedia({ colorScheme: look.colorScheme });
    expect(
      await violations(page, scope),
      `axe violations on ${scene} (${look.size}, ${look.colorScheme})`,
    ).toEqual([]);
  }
  if (initial) await page.setViewportSize(initial);
  await page.emulateMedia({ colorScheme: 'light' });
}
