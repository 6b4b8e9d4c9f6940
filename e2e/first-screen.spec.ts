/**
 * The first screen: the header and the message box are up before the app's own code has loaded,
 * so a returning user can start typing at once; nothing typed there is lost when the app takes
 * over, and a message sent with Enter is sent as soon as the app can.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scriptedUrl } from './pages/ChatPage';

/** Holds back the chunks named (build/startChunks.ts) until the returned function is called. */
async function holdBack(page: Page, pattern: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The app's own chunk, which the first screen loads. */
const holdBackTheApp = (page: Page) => holdBack(page, '**/assets/app-*.js');

test('the first screen is in the page before any of its scripts has run, and takes typing', async ({
  chat,
  page,
}) => {
  // The entry brings React; without it, what is on screen is index.html's own markup.
  const releaseEntry = await holdBack(page, '**/assets/index-*.js');
  const releaseApp = await holdBackTheApp(page);
  await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
  await expect(page.getByRole('banner').getByText('Nook', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Opening your chats…' })).toBeVisible();
  await chat.messageBox.click();
  await page.keyboard.type('Typed early');

  // React takes the markup over as it is, text and focus included, and then the app comes.
  // Hydrated once it asks for the app (src/main.tsx).
  const appAskedFor = page.waitForRequest(/\/assets\/app-[\w-]+\.js$/);
  releaseEntry();
  await appAskedFor;
  await expect(chat.messageBox).toHaveValue('Typed early');
  releaseApp();
  await chat.ready();
  await expect(chat.messageBox).toHaveValue('Typed early');
  await expect(chat.messageBox).toBeFocused();
  await page.keyboard.type('!');
  await expect(chat.messageBox).toHaveValue('Typed early!');
});

test('what is typed on the first screen carries on into the app, caret and all', async ({
  chat,
  page,
}) => {
  const release = await holdBackTheApp(page);
  await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
  await expect(page.getByRole('status').filter({ hasText: 'Opening your chats…' })).toBeVisible();
  await expect(chat.sendButton).toBeDisabled();
  await chat.messageBox.pressSequentially('Hello there');
  await chat.messageBox.press('ArrowLeft');
  // Shift+Enter is a new line here too.
  await chat.messageBox.press('Shift+Enter');

  release();
  await chat.ready();
  await expect(chat.messageBox).toHaveValue('Hello ther\ne');
  await expect(chat.messageBox).toBeFocused();
  // The caret is where it was: typing goes on after the new line.
  await page.keyboard.type('!');
  await expect(chat.messageBox).toHaveValue('Hello ther\n!e');
  await expect(chat.sendButton).toBeEnabled();
});

test('a message sent with Enter before the app is up is sent when it can be', async ({
  chat,
  page,
}) => {
  const release = await holdBackTheApp(page);
  await page.goto(scriptedUrl({ scripted_load_ms: 0, scripted_reply: 'Here already.' }));
  await chat.messageBox.fill('Are you there?');
  await chat.messageBox.press('Enter');
  // Nothing can be sent yet: the text waits in the box.
  await expect(chat.messageBox).toHaveValue('Are you there?');

  release();
  await expect(chat.messages()).toHaveCount(2);
  await expect(chat.messages().first()).toContainText('Are you there?');
  await expect(chat.lastReply()).toContainText('Here already.');
  await expect(chat.messageBox).toHaveValue('');
});

test('if the app cannot be loaded, the first screen says so', async ({ chat, page }) => {
  await page.route('**/assets/index-*.js', (route) => route.abort());
  await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
  await expect(
    page.getByRole('status').filter({ hasText: 'Nook could not be loaded. Reload the page' }),
  ).toBeVisible();
  await expect(chat.messageBox).toBeVisible();
});

test('the page leaves WebGPU to the engine worker, whose answer picks a model that runs on it', async ({
  chat,
  page,
}) => {
  // Counts the page's own adapter requests; an init script reaches the page, not its workers.
  await page.addInitScript(() => {
    const gpu = navigator.gpu;
    const request = gpu.requestAdapter.bind(gpu);
    const counted = window as unknown as { adapterRequests: number };
    counted.adapterRequests = 0;
    gpu.requestAdapter = (options) => {
      counted.adapterRequests += 1;
      return request(options);
    };
  });
  await chat.open({ scripted_load_ms: 0 });
  // Only a WebGPU answer picks a WebLLM model (without one, a GGUF build for the processor).
  await expect(chat.modelButton).toContainText('Llama 3.2 · 1B');
  await expect(chat.modelButton).not.toContainText('GGUF');
  expect(
    await page.evaluate(() => (window as unknown as { adapterRequests: number }).adapterRequests),
  ).toBe(0);
});
