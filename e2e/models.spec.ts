import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { Page } from '@playwright/test';
import { EMPTY_WASM_MODULE } from '../src/engine/webllm/syntheticMlcFolder';
import { GGUF_BUILDS } from '../src/models/ggufBuilds';
import { holdDatabaseBusy } from './busyDatabase';
import { expect, test } from './fixtures';
import { startModelServer, type ModelServer } from './modelServer';
import type { ChatPage } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';
import { fakeWebLLMDownload } from './webllmCache.mjs';

const RECOMMENDED = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const RECOMMENDED_NAME = 'Llama 3.2 · 1B';

/** Idle with a model not (fully) on this device: the note says what loads when. */
const firstDownloadNote = (page: Page) =>
  page.getByRole('complementary', { name: 'First download' });
const F16_ONLY = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
// WebLLM's ModelType: 1 is an embedding model; every other record is a chat model.
const WEBLLM_CHAT_MODELS = prebuiltAppConfig.model_list.filter((r) => r.model_type !== 1);
// SwiftShader has no shader-f16: only the q4f32 / q0f32 builds run on it, and every GGUF build
// (llama.cpp runs them on the processor).
const CHAT_MODELS = WEBLLM_CHAT_MODELS.length + GGUF_BUILDS.length;
const RUNNABLE =
  WEBLLM_CHAT_MODELS.filter(
    (r) => !/q\d+f16/.test(r.model_id) && !r.required_features?.includes('shader-f16'),
  ).length + GGUF_BUILDS.length;

test('the manager opens on three picks this device can run, with their size and download time; one click uses one', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 200 });
  await expect(chat.modelButton).toHaveAccessibleName(`Model ${RECOMMENDED_NAME}`);
  const models = new ModelsPage(page);
  await models.openRecommended();
  await expect(models.dialog.getByLabel('In GPU memory')).toHaveText(
    'No model is loaded on the GPU.',
  );
  await expect(models.dialog.getByLabel('Storage used')).toBeVisible();

  await expect(models.picks()).toHaveCount(3);
  // Llama 3.2 1B has a GGUF build too, which runs here: the card names its engine.
  await expect(models.pick('Best balance')).toHaveAccessibleName(
    `Best balance ${RECOMMENDED_NAME} · WebLLM`,
  );
  for (const kind of ['Fastest', 'Best balance', 'Most capable'] as const) {
    const card = models.pick(kind);
    await expect(card.getByRole('heading')).toHaveText(/ · \d+(\.\d+)?[BM]\b/);
    await expect(card).toContainText(/\d+ (MB|GB)/);
    await expect(card).toContainText(/(about \d+ (min|h)|under a minute).* at [\d.]+ Mbit\/s/);
  }
  await expect(models.recommended).toContainText(/Download times (at|assume) [\d.]+ Mbit\/s/);

  // One click each: the pick loads, says "In use", and the header names it; every pick is a
  // build SwiftShader can run.
  for (const kind of ['Fastest', 'Most capable', 'Best balance'] as const) {
    const card = models.pick(kind);
    const heading = (await card.getByRole('heading').textContent()) ?? '';
    await card.getByRole('button', { name: 'Download and use' }).click();
    await expect(card.getByRole('button', { name: 'In use' })).toBeDisabled();
    // The header names the model alone; the card adds its engine where both engines have it.
    const name = heading.replace(/ · WebLLM$/, '');
    await expect(chat.modelButton).toHaveAccessibleName(`Model ${name}`);
    await expect(models.dialog.getByLabel('In GPU memory')).toHaveText(
      /^In GPU memory: .+-q[04]f32(_1)?-MLC$/,
    );
  }
  await expect(models.dialog.getByLabel('In GPU memory')).toHaveText(
    `In GPU memory: ${RECOMMENDED}`,
  );
});

test('"All models" shows the full catalog, and the way back leads to the picks', async ({
  chat,
  page,
}) => {
  await chat.open();
  const models = new ModelsPage(page);
  await models.openRecommended();
  await expect(
    models.dialog.getByRole('button', { name: `All models (${RUNNABLE})` }),
  ).toBeVisible();
  await models.showAll();
  await expect(models.allModels.getByRole('heading', { name: 'All models' })).toBeFocused();
  await expect(models.dialog.getByRole('status')).toHaveText(
    `Showing ${RUNNABLE} of ${CHAT_MODELS} models.`,
  );
  await expect(models.rows()).toHaveCount(RUNNABLE);
  await expect(models.dialog.getByLabel('In GPU memory')).toBeVisible();
  await expect(models.dialog.getByLabel('Storage used')).toBeVisible();
  await expect(models.recommended).toBeHidden();

  await models.backToRecommended();
  await expect(
    models.recommended.getByRole('heading', { name: 'Recommended for this device' }),
  ).toBeFocused();
  await expect(models.picks()).toHaveCount(3);
});

test('the catalog lists every prebuilt chat model by its friendly name, marks f16-only ones unavailable, and preselects the recommended one', async ({
  chat,
  page,
}) => {
  await chat.open();
  await expect(chat.modelButton).toHaveAccessibleName(`Model ${RECOMMENDED_NAME}`);
  const models = new ModelsPage(page);
  await models.open();

  const row = models.row(RECOMMENDED);
  await expect(row.getByRole('heading')).toHaveText(RECOMMENDED_NAME);
  await expect(row).toContainText('Recommended');
  await expect(row).toContainText(RECOMMENDED); // the build, as a detail
  await expect(row).toContainText('4-bit weights, 32-bit math');
  // On SwiftShader (no shader-f16) the f16 builds are hidden by default…
  await expect(models.row(F16_ONLY)).toHaveCount(0);
  // …and shown as unavailable when the user asks for everything.
  await models.dialog.getByRole('checkbox', { name: 'Only models this device can run' }).uncheck();
  await expect(models.dialog.getByRole('status')).toHaveText(
    `Showing ${CHAT_MODELS} of ${CHAT_MODELS} models.`,
  );
  await expect(models.rows()).toHaveCount(CHAT_MODELS);
  // Builds that differ only by quantization share a name.
  await expect(models.row(F16_ONLY).getByRole('heading')).toHaveText(RECOMMENDED_NAME);
  await expect(models.row(F16_ONLY)).toContainText('Needs 16-bit GPU shaders');
  await expect(
    models.row(F16_ONLY).getByRole('button', { name: 'Download and use' }),
  ).toBeDisabled();

  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill('qwen2.5 coder');
  for (const row of await models.rows().all())
    await expect(row).toHaveAccessibleName(/Qwen2\.5-Coder/);

  // Both engines' builds of one model, each with the engine and what it needs.
  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill('llama 3.2 1b');
  const gguf = models.row('Llama-3.2-1B-Instruct-Q4_K_M-GGUF');
  await expect(gguf.getByRole('heading')).toHaveText(RECOMMENDED_NAME);
  await expect(gguf).toContainText(
    /llama\.cpp · 4-bit weights, 32-bit math · ≈ \d+ MB download · \d+ MB memory · .*-token context/,
  );
  await expect(models.row(RECOMMENDED)).toContainText(/WebLLM · 4-bit weights.* GB GPU memory/);
  await expect(models.row(F16_ONLY)).toContainText('Needs 16-bit GPU shaders');
});

test.describe('a self-hosted model', () => {
  let server: ModelServer;
  test.afterEach(async () => server.close());

  /** Opens Nook on the real WebLLM and adds the served model as a custom model named `name`. */
  async function addServedModel(chat: ChatPage, page: Page, name: string): Promise<ModelsPage> {
    await chat.open({ engine: 'webllm' });
    const models = new ModelsPage(page);
    await models.open();
    await models.addCustomModel({ name, modelUrl: server.modelUrl, libraryUrl: server.libraryUrl });
    return models;
  }

  test('a download that drops midway shows progress, then a clear error, and Retry resumes it', async ({
    chat,
    page,
  }) => {
    // Slow enough (about 800 KB/s) that the progress is on screen for seconds before the drop.
    server = await startModelServer({
      shards: 8,
      shardBytes: 1024 * 1024,
      dropShardOnce: 4,
      bytesPerTick: 16 * 1024,
    });
    await chat.open({ scripted_download: 1, scripted_reply: 'Hello from the mirror.' });
    const models = new ModelsPage(page);
    await models.open();
    await models.addCustomModel({
      name: 'Local test model',
      modelUrl: server.modelUrl,
      libraryUrl: server.libraryUrl,
    });
    const row = models.row('custom:local-test-model');
    await expect(row).toContainText('Local test model');
    await expect(row).toContainText('2,048-token context'); // read from its mlc-chat-config.json
    await row.getByRole('button', { name: 'Download and use' }).click();
    await models.close();

    // The engine worker starts WebLLM (6 MB) first: on a busy 2-core machine, many seconds.
    await expect(chat.loadProgress).toBeVisible({ timeout: 45_000 });
    await expect(
      page.getByRole('status').filter({ hasText: 'Downloading the model' }),
    ).toContainText(/MB of 8 MB · [\d.]+ MB\/s/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Local test model could not be loaded');
    await expect(alert).toContainText('The model file params_shard_4.bin could not be downloaded');

    const before = server.requests.length;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByText('Local test model is ready')).toBeVisible();
    // Shards finished before the drop came from the cache, not the network.
    const retried = server.requests.slice(before).filter((p) => p.includes('params_shard_'));
    expect(retried).toEqual(
      [4, 5, 6, 7].map((i) => `/models/test-model/resolve/main/params_shard_${i}.bin`),
    );

    await chat.send('Hi');
    await expect(chat.lastReply()).toContainText('Hello from the mirror.');
  });

  test('a custom model is kept across a reload and loads from its own URLs (real WebLLM)', async ({
    chat,
    page,
  }) => {
    server = await startModelServer({ shards: 1, shardBytes: 1024 });
    await chat.open({ engine: 'webllm' });
    const models = new ModelsPage(page);
    await models.open();
    // On a busy disk the form says it is saving, and closes only once the model is stored: the
    // reload right after would otherwise abort the write still waiting.
    await holdDatabaseBusy(page, 3000);
    await models.addCustomModel({
      name: 'Intranet mirror',
      modelUrl: server.modelUrl,
      libraryUrl: server.libraryUrl,
    });
    await page.reload();
    await models.open();
    const row = models.row('custom:intranet-mirror');
    await expect(row).toContainText('Intranet mirror');
    await row.getByRole('button', { name: 'Download and use' }).click();
    await models.close();

    // WebLLM fetched the config and the library from the mirror, and the bogus library is named.
    await expect(page.getByRole('alert')).toContainText('Intranet mirror could not be loaded');
    await expect(page.getByRole('alert')).toContainText('test-model-webgpu.wasm');
    expect(server.requests).toContain('/models/test-model/resolve/main/mlc-chat-config.json');
    expect(server.requests).toContain('/libs/test-model-webgpu.wasm');
  });

  test('a library that is WebAssembly but not one WebLLM can start is named as the library (real WebLLM)', async ({
    chat,
    page,
  }) => {
    // It compiles and instantiates; tvmjs then reads the memory it does not export and throws a
    // TypeError that names nothing ("Cannot read properties of undefined (reading 'buffer')").
    server = await startModelServer({
      shards: 1,
      shardBytes: 1024,
      library: new Uint8Array(EMPTY_WASM_MODULE),
    });
    const models = await addServedModel(chat, page, 'Odd mirror');
    await models.row('custom:odd-mirror').getByRole('button', { name: 'Download and use' }).click();
    await models.close();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Odd mirror could not be loaded', { timeout: 30_000 });
    await expect(alert).toContainText('The model library (.wasm) could not be started');
  });

  test('Cancel during a real download goes back to idle without an error; the next try names the broken library (real WebLLM)', async ({
    chat,
    page,
  }) => {
    // A 4 MB library at 0.8 MB/s: WebLLM downloads it into its IndexedDB cache with the abort
    // signal that Cancel fires (then the weights, which this library never gets to).
    server = await startModelServer({
      shards: 1,
      shardBytes: 1024,
      libraryBytes: 4 * 2 ** 20,
      bytesPerTick: 16 * 1024,
    });
    const models = await addServedModel(chat, page, 'Slow mirror');
    const row = models.row('custom:slow-mirror');
    await row.getByRole('button', { name: 'Download and use' }).click();
    await models.close();
    const library = () => server.requests.filter((p) => p === '/libs/test-model-webgpu.wasm');
    await expect.poll(() => library().length).toBe(1);
    await page.waitForTimeout(1000); // mid-way
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(chat.loadProgress).toBeHidden();
    await expect(firstDownloadNote(page)).toContainText('when you send your first message');
    await page.waitForTimeout(1000);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Nothing was fetched again to explain a failure that was not one.
    expect(library()).toHaveLength(1);

    await models.open();
    await row.getByRole('button', { name: /^(Use|Download and use)$/ }).click();
    await models.close();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Slow mirror could not be loaded', {
      timeout: 30_000,
    });
    await expect(alert).toContainText('The model library (.wasm) could not be started');
  });
});

test('Cancel stops a load, Unload frees the model', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 4000 });
  await chat.send('Hello');
  await expect(chat.loadProgress).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(chat.loadProgress).toBeHidden();
  await expect(page.getByText('The model loads when you send your first message.')).toBeVisible();

  await page.goto('/?scripted_load_ms=0&scripted_reply=Done.');
  await chat.send('Hello again');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await page.getByRole('button', { name: 'Unload' }).click();
  await expect(page.getByText('The model loads when you send your first message.')).toBeVisible();
});

test('deleting a downloaded model removes it from the device and the storage figure drops', async ({
  chat,
  page,
}) => {
  await chat.open();
  await fakeWebLLMDownload(page, RECOMMENDED, {
    shards: 2,
    shardBytes: 8 * 2 ** 20,
    present: [0, 1],
  });

  const models = new ModelsPage(page);
  await models.open();
  const row = models.row(RECOMMENDED);
  await expect(row).toContainText('Downloaded (16 MB)');
  const used = models.dialog.getByLabel('Storage used');
  const usage = async () => {
    const text = (await used.textContent()) ?? '';
    const [, value, unit] = /Nook uses ([\d.]+) (MB|GB)/.exec(text) ?? [];
    return Number(value) * (unit === 'GB' ? 1024 : 1);
  };
  await expect.poll(usage).toBeGreaterThanOrEqual(16);
  const before = await usage();

  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row).not.toContainText(/downloaded/i);
  await expect(row.getByRole('button', { name: 'Download and use' })).toBeVisible();
  await expect.poll(usage, { timeout: 20_000 }).toBeLessThan(before - 8);
});

test('a half-finished download is spotted and Repair downloads it again', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 300 });
  await fakeWebLLMDownload(page, RECOMMENDED, { shards: 3, shardBytes: 2 ** 20, present: [0] });
  const models = new ModelsPage(page);
  await models.open();
  const row = models.row(RECOMMENDED);
  await expect(row).toContainText('Partly downloaded');
  await row.getByRole('button', { name: 'Repair' }).click();
  await expect(page.getByText(`${RECOMMENDED_NAME} is ready`)).toBeVisible();
  await expect(row).not.toContainText(/downloaded/i);
  await expect(row.getByRole('button', { name: 'In use' })).toBeDisabled();
});
