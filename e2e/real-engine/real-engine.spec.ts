import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { ChatPage } from '../pages/ChatPage';
import { ModelsPage } from '../pages/ModelsPage';

// Run by `npm run test:real` (scripts/real-engine.mjs), which prepares everything named here.
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through npm run test:real`);
  return value;
};

/** The prompt of the harness's bare WebLLM page, so the two runs read the same tokens. */
const PROMPT = 'Write a short poem about the ocean and the moon. Keep it simple and friendly.';

let server: Server;
test.afterAll(() => server?.close());

/** Waits for `count` streamed tokens (the text grows once per token), then presses Stop. */
async function stopAfterTokens(chat: ChatPage, count: number) {
  const reply = chat.lastReply();
  const content = chat.content(reply);
  let seen = '';
  for (let i = 0; i < count; i++) {
    await expect.poll(async () => (await content.textContent()) ?? '').not.toBe(seen);
    seen = (await content.textContent()) ?? '';
  }
  await chat.stopButton.click();
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  return reply;
}

async function figure(chat: ChatPage, measure: string): Promise<string> {
  const [last] = await chat.statsFigures(measure).allTextContents();
  return last ?? '';
}

const seconds = (text: string) => {
  const [, value, unit] = /([\d.]+) (ms|s)/.exec(text) ?? [];
  return Number(value) / (unit === 'ms' ? 1000 : 1);
};

test('Nook on a real WebLLM engine: a custom model loads with progress, streams, stops, reuses its KV cache and loads again from the cache', async ({
  page,
}) => {
  const { startServer } = (await import(
    pathToFileURL(join(env('NOOK_REAL_HARNESS'), 'serve.mjs')).href
  )) as {
    startServer(o: object): Promise<{ server: Server; port: number }>;
  };
  const started = await startServer({
    port: 0,
    modelsDir: env('NOOK_REAL_MODELS'),
    libsDir: env('NOOK_REAL_LIBS'),
  });
  server = started.server;
  const base = `http://127.0.0.1:${started.port}`;
  const chat = new ChatPage(page);
  const models = new ModelsPage(page);
  const ready = page.getByText(/Synthetic Qwen2 is ready \(loaded in/).first();

  await page.goto('/');
  await chat.ready();
  await models.open();
  await models.addCustomModel({
    name: 'Synthetic Qwen2',
    modelUrl: `${base}/models/${env('NOOK_REAL_MODEL')}/resolve/main/`,
    libraryUrl: `${base}/libs/${env('NOOK_REAL_LIBRARY')}`,
  });
  await models
    .row('custom:synthetic-qwen2')
    .getByRole('button', { name: 'Download and use' })
    .click();
  await models.close();
  await expect(chat.loadProgress).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Downloading the model' })).toBeVisible();
  await expect(ready).toBeVisible();
  const coldLoad = seconds((await ready.textContent()) ?? '');

  // Turn 1: the whole prompt is read, two tokens stream, Stop takes effect after the step in flight.
  await chat.send(PROMPT);
  const first = await stopAfterTokens(chat, 2);
  const turn1 = await chat.cost(first);
  expect(turn1.wrote).toBeGreaterThanOrEqual(2);

  const panel = await chat.openStats();
  await expect(chat.statsFact('Load')).toHaveText(/, from the network$/);
  const ttft = await figure(chat, 'Time to first token');
  const decode = await figure(chat, 'Decode');
  await panel.screenshot({ path: 'test-results/real-engine/stats-panel.png' });
  // Every column of the panel is inside it (it was cut off at 1280 px).
  const box = (await panel.boundingBox())!;
  for (const cell of await panel.getByRole('cell').all()) {
    const cellBox = (await cell.boundingBox())!;
    expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(box.x + box.width + 1);
  }
  expect(decode).not.toMatch(/^0\.0 /);

  // Turn 2: WebLLM extends the conversation it holds and reads only the new message.
  await chat.send('And the stars?');
  const second = await stopAfterTokens(chat, 1);
  const turn2 = await chat.cost(second);
  expect(turn2.read).toBeLessThan(turn1.read / 2);

  // A reload loads the model from WebLLM's cache, not the network.
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await chat.startNewChat();
  await chat.send('Hi');
  await expect(ready).toBeVisible();
  const warmLoad = seconds((await ready.textContent()) ?? '');
  await chat.openStats();
  await expect(chat.statsFact('Load')).toHaveText(/, from the cache$/);
  await stopAfterTokens(chat, 1);

  const results = {
    webllm: '0.2.79',
    coldLoadS: coldLoad,
    warmLoadS: warmLoad,
    timeToFirstTokenS: seconds(ttft),
    decode,
    secondsPerToken: 1 / Number(/^[\d.]+/.exec(decode)?.[0] ?? NaN),
    turn1,
    turn2,
  };
  writeFileSync(env('NOOK_REAL_RESULTS'), `${JSON.stringify(results, null, 2)}\n`);
});
