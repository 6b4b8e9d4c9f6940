import { expect, test } from './fixtures';

// Takes the README's screenshot of a real session. It is written to docs/ only when asked
// (NOOK_UPDATE_SCREENSHOT=1 npx playwright test screenshot), so test runs leave the tree clean.
test('a finished chat, as the README shows it', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1100, height: 760 });
  await chat.open({ scripted_load_ms: 300, scripted_tps: 400 });
  await chat.send('What can you do without an internet connection?');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Reply statistics')).toBeVisible();
  const path = process.env.NOOK_UPDATE_SCREENSHOT
    ? 'docs/screenshot.png'
    : test.info().outputPath('screenshot.png');
  await page.screenshot({ path });
});
