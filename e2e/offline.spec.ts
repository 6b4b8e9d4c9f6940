import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { serveModelHostsFrom, startEmptyServer } from './localServer';
import type { ChatPage, ScriptedParams } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';

// These tests need the service worker that keeps the app shell (the rest of the suite blocks it).
test.use({ serviceWorkers: 'allow' });

const RECOMMENDED = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

/** One online visit: the service worker installs, and after a reload it controls the page. */
async function visitOnce(chat: ChatPage, params: ScriptedParams): Promise<void> {
  await chat.open(params);
  await chat.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await chat.page.reload();
  await chat.ready();
  expect(await chat.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

const offlineIndicator = (page: Page) =>
  page.getByRole('banner').getByRole('status').filter({ hasText: 'Offline' });

test('after one visit, Nook opens and chats with the network off', async ({
  chat,
  context,
  page,
}) => {
  // The page's address carries a query, so the service worker answers it with the cached shell.
  await visitOnce(chat, { scripted_load_ms: 0, scripted_reply: 'Still here, offline.' });
  await expect(offlineIndicator(page)).toBeHidden();

  await context.setOffline(true);
  await page.reload();
  await chat.ready();
  await expect(offlineIndicator(page)).toBeVisible();
  await chat.sendAndWait('Are you there?');
  await expect(chat.content(chat.lastReply())).toHaveText('Still here, offline.');

  await context.setOffline(false);
  await expect(offlineIndicator(page)).toBeHidden();
});

test('offline, the model manager says a model that is not downloaded needs the network', async ({
  chat,
  context,
  page,
}) => {
  await visitOnce(chat, { scripted_load_ms: 0 });
  await context.setOffline(true);
  await expect(offlineIndicator(page)).toBeVisible();

  const models = new ModelsPage(page);
  await models.open();
  const row = models.row(RECOMMENDED);
  await expect(row).toContainText('You are offline: connect to download it.');
  await expect(row.getByRole('button', { name: 'Download and use' })).toBeDisabled();

  await context.setOffline(false);
  await expect(row).not.toContainText('You are offline');
  await expect(row.getByRole('button', { name: 'Download and use' })).toBeEnabled();
});

test('offline, sending with a model that is not on the device says so', async ({
  chat,
  context,
  page,
}) => {
  // Should anything reach for the model hosts despite being offline, it gets a 404, not the internet.
  const server = await startEmptyServer();
  await serveModelHostsFrom(context, server);
  try {
    await visitOnce(chat, { engine: 'webllm' });
    await context.setOffline(true);
    await page.reload();
    await chat.ready();
    await chat.send('Hello');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('You are offline, and this model is not on this device yet.');
    await expect(alert).toContainText('Connect to the internet to download it');
    await expect(chat.messageBox).toBeEnabled();
  } finally {
    await server.close();
  }
});

test('"Erase all data" also removes the offline copy and the service worker', async ({
  chat,
  page,
}) => {
  await visitOnce(chat, { scripted_load_ms: 0 });
  expect(await page.evaluate(() => caches.keys())).not.toEqual([]);

  await (await chat.menuItem('Privacy')).click();
  const dialog = page.getByRole('dialog', { name: 'Privacy' });
  await dialog.getByRole('button', { name: 'Erase all data' }).click();
  await dialog.getByRole('button', { name: 'Yes, erase everything' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Everything Nook kept on this device is erased' }),
  ).toBeVisible();
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
  ).toBe(0);
});
