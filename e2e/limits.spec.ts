import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';

/** A Nook export with `chats` chats of `perChat` messages each, written to a file. */
function exportFile(path: string, chats: number, perChat: number): void {
  const conversations = Array.from({ length: chats }, (_, c) => ({
    id: `chat-${c}`,
    title: `Imported chat ${c}`,
    createdAt: 1_700_000_000_000 + c,
    updatedAt: 1_700_000_000_000 + c,
    messages: Array.from({ length: perChat }, (_, m) => ({
      id: `m-${c}-${m}`,
      role: m % 2 === 0 ? 'user' : 'assistant',
      content: `Message ${m} of chat ${c}: ${'some words to read '.repeat(4)}`,
      createdAt: 1_700_000_000_000 + m,
      status: 'done',
    })),
  }));
  writeFileSync(
    path,
    JSON.stringify({ format: 'nook-chats', version: 2, exportedAt: '', conversations }),
  );
}

async function importFile(chat: ChatPage, path: string) {
  const chooser = chat.page.waitForEvent('filechooser');
  await (await chat.menuItem('Import')).click();
  await (await chooser).setFiles(path);
}

test('a chat of 2,000 messages opens at its end and keeps only what is on screen in the page', async ({
  chat,
  page,
}, testInfo) => {
  const path = testInfo.outputPath('long-chat.json');
  exportFile(path, 1, 2000);
  await chat.open();
  await importFile(chat, path);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await chat.openChat('Imported chat 0');
  await expect(page.getByText('Message 1999 of chat 0')).toBeVisible();
  // Virtualized: a few dozen messages in the page, not 2,000.
  expect(await page.locator('[data-role]').count()).toBeLessThan(60);
  // Scrolling to the top brings the first message in.
  await page.getByRole('region', { name: 'Messages' }).evaluate((el) => (el.scrollTop = 0));
  await expect(page.getByText('Message 0 of chat 0')).toBeVisible();
  // The app still answers.
  await chat.messageBox.fill('Still quick?');
  await expect(chat.messageBox).toHaveValue('Still quick?');
});

test('importing 100,000 messages works and the app stays usable', async ({
  chat,
  page,
}, testInfo) => {
  const path = testInfo.outputPath('big-import.json');
  exportFile(path, 100, 1000);
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Still here.' });
  await importFile(chat, path);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 100 chats' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(chat.sidebar.getByRole('listitem')).toHaveCount(101); // the 100 and the open chat
  await chat.searchBox.fill('chat 42:');
  await expect(chat.sidebar.getByRole('listitem')).toHaveCount(1);
  await chat.searchBox.fill('');
  await chat.send('Hello');
  await expect(chat.lastReply()).toContainText('Still here.');
});
