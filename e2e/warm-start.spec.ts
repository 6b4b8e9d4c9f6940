/**
 * The warm start: a model already on this device starts loading as Nook opens, quietly, so the
 * first message does not wait for all of it; and the cases where it must not start.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scriptedUrl, type ScriptedParams } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';
import { fakeWebLLMDownload } from './webllmCache.mjs';

const RECOMMENDED = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const NAME = 'Llama 3.2 · 1B';
/** Long enough to act while it loads. */
const SLOW = { scripted_load_ms: 4000, scripted_reply: 'Warm and ready.' } as const;

const warming = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Reading the model from this device' });
const ready = (page: Page) => page.getByRole('status').filter({ hasText: `${NAME} is ready` });
const idleLine = (page: Page) =>
  page.getByText('The model loads when you send your first message.');

/** Puts the recommended model's files on this device, then opens Nook again as a returning user. */
async function returnWithModel(page: Page, params: ScriptedParams = SLOW): Promise<void> {
  await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
  await fakeWebLLMDownload(page, RECOMMENDED, { shards: 2, shardBytes: 2 ** 20, present: [0, 1] });
  await page.goto(scriptedUrl(params));
}

test('a returning user’s model loads as Nook opens, and a message sent during the load streams when it ends', async ({
  chat,
  page,
}) => {
  // Long enough that the message is surely sent while it loads.
  await returnWithModel(page, { ...SLOW, scripted_load_ms: 8000 });
  await expect(page.getByText(`Getting ${NAME} ready`)).toBeVisible();
  await expect(warming(page)).toBeVisible();
  // One status line: the first-download note has nothing to say about a model on this device.
  await expect(page.getByRole('complementary', { name: 'First download' })).toHaveCount(0);
  await expect(chat.messages()).toHaveCount(0);

  await chat.send('Hello');
  // The user now waits for it: the same load, shown in full, not started again.
  await expect(page.getByText(`Loading ${NAME}`)).toBeVisible();
  await expect(chat.loadProgress).toHaveAttribute('aria-valuenow', /[1-9]\d*/);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(chat.content(chat.lastReply())).toHaveText('Warm and ready.');
  await chat.openStats();
  await expect(chat.statsFact('Load')).toContainText('from the cache');
});

test('Unload and Cancel stop the warm start, and it does not come back on its own', async ({
  chat,
  page,
}) => {
  await returnWithModel(page, { scripted_load_ms: 300 });
  await expect(ready(page)).toBeVisible();
  await page.getByRole('button', { name: 'Unload' }).click();
  await expect(idleLine(page)).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(idleLine(page)).toBeVisible();

  await page.goto(scriptedUrl(SLOW));
  await expect(warming(page)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(idleLine(page)).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(idleLine(page)).toBeVisible();
  await expect(chat.loadProgress).toHaveCount(0);
});

test('choosing another model during the warm start loads that one instead', async ({
  chat,
  page,
}) => {
  await returnWithModel(page);
  await expect(warming(page)).toBeVisible();
  await chat.chooseModel('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(page.getByRole('status').filter({ hasText: 'Qwen2.5 · 0.5B is ready' })).toBeVisible(
    { timeout: 20_000 },
  );
  await expect(chat.modelButton).toContainText('Qwen2.5 · 0.5B');
});

test('a warm load that fails reports like any load', async ({ page }) => {
  await returnWithModel(page, { scripted_load_ms: 200, scripted_fault: 'oom-on-load' });
  await expect(page.getByRole('alert')).toContainText(
    `${NAME} could not be loaded. The GPU ran out of memory.`,
  );
});

test.describe('the warm start waits', () => {
  test('for a model that is not on this device: nothing downloads before the first message', async ({
    chat,
    page,
  }) => {
    await chat.open(SLOW);
    await expect(page.getByRole('complementary', { name: 'First download' })).toContainText(
      `${NAME} downloads when you send your first message`,
    );
    await page.waitForTimeout(1500);
    await expect(chat.loadProgress).toHaveCount(0);
    // The note says it once; the status line does not repeat it.
    await expect(page.getByText(/when you send your first message/)).toHaveCount(1);
  });

  test('when the browser is asked to save data', async ({ chat, page }) => {
    // Chromium's own NetworkInformation, asked to save data (as Data Saver or Lite mode would).
    await page.addInitScript(() => {
      const { connection } = navigator as Navigator & { connection: object };
      Object.defineProperty(Object.getPrototypeOf(connection), 'saveData', { get: () => true });
    });
    await returnWithModel(page);
    await expect(idleLine(page)).toBeVisible();
    await page.waitForTimeout(1500);
    await expect(chat.loadProgress).toHaveCount(0);
    // Everything else that reads the connection still works.
    await new ModelsPage(page).openRecommended();
  });

  test('until the tab is on screen', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { nookVisibility: DocumentVisibilityState };
      w.nookVisibility = 'hidden';
      Object.defineProperty(document, 'visibilityState', { get: () => w.nookVisibility });
    });
    await returnWithModel(page);
    await expect(idleLine(page)).toBeVisible();
    await page.waitForTimeout(1500);
    await expect(warming(page)).toHaveCount(0);
    await page.evaluate(() => {
      (window as unknown as { nookVisibility: string }).nookVisibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(warming(page)).toBeVisible();
  });

  test('while another tab holds the GPU, and warms once that tab lets go', async ({
    chat,
    context,
    page,
  }) => {
    await returnWithModel(page, { scripted_load_ms: 300 });
    await expect(ready(page)).toBeVisible();

    const other = await context.newPage();
    await other.goto(scriptedUrl(SLOW));
    await expect(idleLine(other)).toBeVisible();
    await other.waitForTimeout(1500);
    await expect(warming(other)).toHaveCount(0);

    await page.getByRole('button', { name: 'Unload' }).click();
    await expect(warming(other)).toBeVisible();
    await expect(ready(other)).toBeVisible({ timeout: 20_000 });
    await expect(chat.loadProgress).toHaveCount(0);
  });
});
