import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';

// Takes the README's screenshots of real sessions. They are written to docs/ only when asked
// (NOOK_UPDATE_SCREENSHOT=1 npx playwright test screenshot), so test runs leave the tree clean.
function shotPath(name: string): string {
  return process.env.NOOK_UPDATE_SCREENSHOT
    ? `docs/screenshot-${name}.png`
    : test.info().outputPath(`${name}.png`);
}

async function finishedChat(chat: ChatPage) {
  await chat.open({ scripted_load_ms: 300, scripted_tps: 400 });
  await chat.send('What can you do without an internet connection?');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Reply statistics')).toBeVisible();
  // The context meter settles on the tokenizer's count.
  await expect(chat.page.getByRole('main').getByText(/^\d[\d,]* of 4,096 tokens$/)).toBeVisible();
}

const shoot = (page: Page, name: string) => page.screenshot({ path: shotPath(name) });

test.describe('README screenshots', () => {
  test.describe('light', () => {
    test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'light');
    });
    test('a first visit', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await expect(page.getByRole('complementary', { name: 'First download' })).toBeVisible();
      await shoot(page, 'first-visit');
    });
    test('the model manager', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await new ModelsPage(page).openRecommended();
      await shoot(page, 'models');
    });
  });

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'dark');
    });
  });

  test.describe('phone', () => {
    test.use({ colorScheme: 'light', viewport: { width: 390, height: 844 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'phone');
    });
    test('the model manager', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await new ModelsPage(page).openRecommended();
      await shoot(page, 'phone-models');
    });
  });
});
