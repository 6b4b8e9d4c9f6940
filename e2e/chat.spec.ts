import { expect, test } from './fixtures';

test('a first-time user types, sees the model load, and gets a streamed reply', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 4000, scripted_tps: 100 });
  await chat.send('Hello');

  await expect(chat.messages('user')).toHaveCount(1);
  await expect(chat.messages('user')).toContainText('Hello');
  await expect(chat.loadProgress).toBeVisible();
  await expect
    .poll(async () => Number(await chat.loadProgress.getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await expect(page.getByText('Downloading the model')).toBeVisible();

  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(chat.lastReply()).toContainText('This reply comes from the scripted engine');
  await expect(chat.lastReply()).toContainText('That is all it has to say.');
  await expect(chat.lastReply().getByLabel('Reply statistics')).toContainText('wrote 79');
  await expect(page.getByText(/is ready \(loaded in/)).toBeVisible();
});

test('the reply streams in over many animation frames', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 40, scripted_tokens: 60 });
  await chat.send('Hello');
  await expect(chat.stopButton).toBeVisible();

  // Record the reply's text at every animation frame until it is done.
  const frames = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const tick = () => {
          const reply = [...document.querySelectorAll('[data-role="assistant"]')].pop();
          const text = reply?.querySelector('.message-content')?.textContent ?? '';
          if (seen[seen.length - 1] !== text) seen.push(text);
          if (reply?.getAttribute('data-status') === 'done') resolve(seen);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
  );
  const final = frames[frames.length - 1] ?? '';
  const partial = frames.filter((t) => t.length > 0 && t !== final);
  expect(partial.length).toBeGreaterThan(10);
  for (const text of partial) expect(final.startsWith(text)).toBe(true);
  for (let i = 1; i < partial.length; i++) {
    expect(partial[i]!.length).toBeGreaterThan(partial[i - 1]!.length);
  }
  await expect(chat.lastReply().getByLabel('Reply statistics')).toContainText('wrote 60');
});

test('Stop ends the reply early, keeps the partial text, and a second message works', async ({
  chat,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 60, scripted_tokens: 400 });
  await chat.send('Tell me a long story');
  const reply = chat.lastReply();
  await expect(reply.locator('.message-content')).toHaveText(/\S+ \S+ \S+ \S+/);

  await chat.stopButton.click();
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  await expect(reply).toContainText('Stopped');
  const kept = await reply.locator('.message-content').textContent();
  expect(kept?.length).toBeGreaterThan(10);
  const stats = await reply.getByLabel('Reply statistics').textContent();
  const tokens = Number(/(\d+) tokens/.exec(stats ?? '')?.[1]);
  expect(tokens).toBeGreaterThan(3);
  expect(tokens).toBeLessThan(400);
  // The engine really stopped: nothing more arrives.
  await chat.page.waitForTimeout(500);
  await expect(reply.locator('.message-content')).toHaveText(kept ?? '');

  await expect(chat.sendButton).toBeVisible();
  await chat.send('And a short one?');
  await expect(chat.messages('assistant')).toHaveCount(2);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 40_000 });
  await expect(chat.messages('assistant').first().locator('.message-content')).toHaveText(
    kept ?? '',
  );
});

test('Escape stops a reply and Enter sends from the keyboard', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 20, scripted_tokens: 400 });
  await chat.messageBox.fill('Hi');
  await chat.messageBox.press('Enter');
  await expect(chat.lastReply().locator('.message-content')).toHaveText(/\S+ \S+/);
  await chat.messageBox.press('Escape');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
});

test('New chat starts an empty conversation', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 200, scripted_reply: 'Short answer.' });
  await chat.send('Hello');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await chat.newChatButton.click();
  await expect(chat.messages('user')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Private AI, on your device' })).toBeVisible();
});
