/**
 * Nook on the real llama.cpp engine (wllama, in the engine worker, on the CPU), with tiny GGUF
 * models written at test time (scripts/make-gguf.mjs): random weights, so the text is gibberish,
 * but the tokenizer, the KV cache, streaming, stopping and timing are llama.cpp's own.
 */
import { writeFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GGUF_FILES, startGgufServer, type GgufName, type GgufServer } from './ggufServer';
import type { ChatPage } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';

/** The scripted engine only stands in for WebLLM; these models never meet it. */
const OPEN = { scripted_load_ms: 0 } as const;

// Each test loads llama.cpp (10 MB of WebAssembly) a few times; a busy 2-core machine is slow at it.
test.describe.configure({ timeout: 120_000 });

/** The GGUF files Nook keeps on this device, by name. */
function storedModels(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('nook-models', { create: true });
    const names: string[] = [];
    for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) {
      names.push(name);
    }
    return names.sort();
  });
}

/** Adds a GGUF model of the server's and makes it the chats' model (which loads it). */
function useGguf(
  chat: ChatPage,
  server: GgufServer,
  file: GgufName,
  name: string,
  extra: { contextWindow?: number; anyway?: boolean } = {},
): Promise<string> {
  return new ModelsPage(chat.page).useGgufModel({ name, url: server.url(file), ...extra });
}

/**
 * Reloads, which loads the model from this device before anything is sent (the warm start), and
 * chats; then, offline, unloads it and chats again. The reload is online: tests block the service
 * worker, so the engine's own code comes from the server, as it would from the service worker's
 * cache on a real visit.
 */
async function reloadThenChatOffline(chat: ChatPage, context: BrowserContext) {
  await chat.letSave();
  await chat.page.reload();
  await chat.ready();
  await expect(
    chat.page.getByRole('status').filter({ hasText: /is ready \(loaded in/ }),
  ).toBeVisible();
  await chat.sendAndWait('Still there after a reload?');
  await context.setOffline(true);
  await chat.page.getByRole('button', { name: 'Unload' }).click();
  await chat.sendAndWait('And offline?');
}

const ready = (chat: ChatPage, name: string) =>
  chat.page.getByRole('status').filter({ hasText: `${name} is ready` });

test('a GGUF model added by its URL downloads with progress, streams on llama.cpp, and a follow-up reads only the new tokens', async ({
  chat,
}) => {
  // Slow enough (about 2.7 s) that the download's progress can be seen on a fast machine too.
  const server = await startGgufServer({ bytesPerTick: 4 * 1024 });
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'tiny.gguf', 'Tiny test');
    await expect(chat.loadProgress).toBeVisible();
    await expect(
      chat.page.getByRole('status').filter({ hasText: 'Downloading the model' }),
    ).toContainText(/MB/);
    await expect(ready(chat, 'Tiny test')).toContainText('llama.cpp · CPU · 1 thread');

    await chat.sendAndWait('Hello there, who are you?');
    const first = await chat.cost(chat.lastReply());
    expect(first.wrote).toBeGreaterThan(0);
    await expect(chat.content(chat.lastReply())).toHaveText(/^[a-z ]+\.( [a-z ]+\.)*$/i);
    await chat.sendAndWait('And what else?');
    const second = await chat.cost(chat.lastReply());
    // The first turn and its reply come from llama.cpp's cache: only the new turn is read (the
    // whole chat would be at least the first turn's prompt and reply again).
    expect(second.read).toBeLessThan(first.read + first.wrote);
  } finally {
    await server.close();
  }
});

test('Stop ends a llama.cpp reply with what came, no error, and the next message works', async ({
  chat,
}) => {
  const server = await startGgufServer();
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'endless.gguf', 'Endless');
    await expect(ready(chat, 'Endless')).toBeVisible();
    await chat.send('Talk for a long time.');
    await expect(chat.content(chat.lastReply())).toContainText(/\w+ \w+ \w+/);
    await chat.stopButton.click();
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
    await expect(chat.page.getByRole('alert')).toHaveCount(0);
    await chat.send('Now briefly.');
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');
    await chat.stopButton.click();
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
  } finally {
    await server.close();
  }
});

test('a chat longer than a GGUF model’s context is trimmed, and the reply says how much was left out', async ({
  chat,
}) => {
  const server = await startGgufServer();
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'short-context.gguf', 'Short context', { contextWindow: 512 });
    // Words of the test model's own vocabulary, one token each, so Nook's estimate is near.
    const long = (n: number) =>
      `${n}. ${'this is a tiny test model made for nook today. '.repeat(12)}`;
    for (let n = 1; n <= 4; n++) await chat.sendAndWait(long(n));
    await expect(chat.lastReply().getByRole('note')).toContainText(
      /The \d+ oldest messages? of this chat no longer fit the model’s context window/,
    );
  } finally {
    await server.close();
  }
});

test('Cancel during a GGUF download leaves nothing stored, and the next try downloads it whole', async ({
  chat,
}) => {
  const server = await startGgufServer({ bytesPerTick: 4 * 1024 });
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'tiny.gguf', 'Slow host');
    await expect(
      chat.page.getByRole('status').filter({ hasText: 'Downloading the model' }),
    ).toContainText(/[1-9]\d*%/);
    await chat.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(chat.loadProgress).toBeHidden();
    await expect(chat.page.getByRole('complementary', { name: 'First download' })).toContainText(
      'Slow host downloads when you send your first message',
    );
    expect(await storedModels(chat.page)).toEqual([]);

    await chat.sendAndWait('Now load it, please.');
    expect(await storedModels(chat.page)).toEqual(['gguf%3Aslow-host.gguf']);
  } finally {
    await server.close();
  }
});

test('a GGUF model loads from this device after a reload, and offline', async ({
  chat,
  context,
}) => {
  const server = await startGgufServer();
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'tiny.gguf', 'Kept');
    await expect(ready(chat, 'Kept')).toBeVisible();
    const fetches = server.requests.filter((r) => r.startsWith('GET /models/tiny.gguf'));
    // Past the browser's HTTP cache (fetch's cache: 'no-store' sends no-cache): the model is kept
    // once, and the form's cached first bytes are not spliced into the download.
    expect(fetches).toEqual([
      'GET /models/tiny.gguf bytes=0-3 no-cache',
      'GET /models/tiny.gguf no-cache',
    ]);
    const downloads = fetches.length;

    await reloadThenChatOffline(chat, context);
    await context.setOffline(false);
    expect(server.requests.filter((r) => r.startsWith('GET /models/tiny.gguf'))).toHaveLength(
      downloads,
    );
    const stats = await chat.openStats();
    await expect(stats).toContainText('llama.cpp · CPU · 1 thread');
    await expect(chat.statsFact('Load')).toContainText('from the cache');
  } finally {
    await server.close();
  }
});

test('a .gguf chosen on this computer chats with no network, after a reload and offline; a damaged one is refused with nothing stored', async ({
  chat,
  context,
}, testInfo) => {
  const good = testInfo.outputPath('air-gapped.gguf');
  const damaged = testInfo.outputPath('damaged.gguf');
  await writeFile(good, GGUF_FILES['tiny.gguf']());
  await writeFile(damaged, GGUF_FILES['truncated.gguf']());
  await chat.open(OPEN);
  const models = new ModelsPage(chat.page);
  await models.open();

  const refused = await models.addGgufFile({ path: damaged });
  // The file's name is a start for the model's.
  await expect(refused.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('damaged');
  await expect(refused.getByRole('alert')).toContainText(/is incomplete: \d+ of \d+ bytes/);
  await expect(refused.getByRole('button', { name: 'Add anyway' })).toHaveCount(0);
  expect(await storedModels(chat.page)).toEqual([]);
  await refused.getByRole('button', { name: 'Close' }).click();

  const added = await models.addGgufFile({ name: 'Air-gapped', path: good });
  await expect(added).toBeHidden();
  expect(await storedModels(chat.page)).toEqual(['gguf%3Aair-gapped.gguf']);
  // As on an air-gapped machine: no network from here on (Nook's own files are loaded by now;
  // a real visit has them from the service worker's cache).
  await context.setOffline(true);
  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill('Air-gapped');
  // On this device already: nothing to download.
  await expect(
    models.row('gguf:air-gapped').getByRole('button', { name: 'Use', exact: true }),
  ).toBeVisible();
  await models.close();
  await models.choose('gguf:air-gapped');
  await chat.sendAndWait('Hello from an air-gapped machine');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');

  await context.setOffline(false);
  await reloadThenChatOffline(chat, context);
  await expect(ready(chat, 'Air-gapped')).toBeVisible();
});

test('a damaged, wrong or unknown GGUF file is refused with a sentence, nothing is stored, and the model before still works', async ({
  chat,
}) => {
  const server = await startGgufServer();
  try {
    await chat.open(OPEN);
    await useGguf(chat, server, 'tiny.gguf', 'Good');
    await expect(ready(chat, 'Good')).toBeVisible();
    const refusals: [GgufName, string, RegExp][] = [
      ['truncated.gguf', 'Cut off', /is incomplete: \d+ of \d+ bytes/],
      ['unknown-arch.gguf', 'Strange', /architecture, "nookfake", is one llama\.cpp does not know/],
      ['not-found.gguf', 'A page', /is not a GGUF model/],
    ];
    for (const [file, name, sentence] of refusals) {
      await useGguf(chat, server, file, name, { anyway: file === 'not-found.gguf' });
      await expect(chat.page.getByRole('alert')).toContainText(sentence);
    }
    expect(await storedModels(chat.page)).toEqual(['gguf%3Agood.gguf']);
    await new ModelsPage(chat.page).choose('gguf:good');
    await chat.sendAndWait('Are you still fine?');
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  } finally {
    await server.close();
  }
});

test('Qwen3 on llama.cpp: switching thinking off reaches the model’s chat template', async ({
  chat,
  llama,
  context,
  page,
}) => {
  // Hugging Face is out of reach here: the catalog build's address answers with a tiny model whose
  // template has Qwen3's switch. llama.cpp renders it with jinja (common_params use_jinja, on by
  // default), which reads enable_thinking from the request's chat_template_kwargs.
  await context.route(
    'https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/main/Qwen3-0.6B-Q8_0.gguf',
    async (route) => {
      const response = await route.fetch({ url: llama.server.url('thinker.gguf') });
      await route.fulfill({ response });
    },
  );
  await chat.open(OPEN);
  await chat.chooseModel('Qwen3-0.6B-Q8_0-GGUF');
  await chat.sendAndWait('Hello');
  const thinking = await chat.cost(chat.lastReply());

  // Loaded afresh, so neither reply reuses the other's tokens and each reads its whole prompt.
  await page.getByRole('button', { name: 'Unload' }).click();
  await chat.startNewChat();
  await chat.openSettings();
  await chat.settingsDialog
    .getByRole('checkbox', { name: /Let the model think before answering/ })
    .uncheck();
  await chat.closeSettings();
  await chat.sendAndWait('Hello');
  const straight = await chat.cost(chat.lastReply());
  // The same chat, plus the empty thought the template writes when thinking is off.
  expect(straight.read).toBeGreaterThan(thinking.read);
});
