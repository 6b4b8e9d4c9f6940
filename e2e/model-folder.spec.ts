/**
 * An MLC model from a folder on this computer (custom-model form, "Where are its files?" → "On this
 * computer" → "Model folder"): checked, copied into WebLLM's own cache, and from then on loaded
 * from there, offline too. The scripted engine reads the copy from WebLLM's cache the way
 * MLCEngine.reloadInternal does (config, library, tokenizer, tensor-cache.json, each shard), so a
 * file that is not there fails the load as it would in WebLLM.
 */
import type { Locator, Page } from '@playwright/test';
import { expectClean } from './axe';
import { expect, test } from './fixtures';
import { EMPTY_WASM_MODULE, stubModelLibrary } from '../src/engine/webllm/syntheticMlcFolder';
import { MLC_LIBRARY, writeMlcFolder, type MlcFolderOptions } from './mlcFolder';
import { ModelsPage } from './pages/ModelsPage';

const FOLDER = 'Tiny-Chat-q4f32_1-MLC';
const OPEN = { scripted_load_ms: 0, scripted_reply: 'Hello from a folder.' } as const;

/** Every URL in WebLLM's three caches (without creating a database that is not there). */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = new Set((await indexedDB.databases()).map((d) => d.name));
    const urls: string[] = [];
    for (const scope of ['webllm/config', 'webllm/wasm', 'webllm/model']) {
      if (!names.has(scope)) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(scope);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (db.objectStoreNames.contains('urls')) {
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const req = db.transaction('urls').objectStore('urls').getAllKeys();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        urls.push(...keys.map(String));
      }
      db.close();
    }
    return urls.sort();
  });
}

/** Removes one stored file from WebLLM's model cache, as a browser clearing storage might. */
function loseCachedFile(page: Page, url: string): Promise<void> {
  return page.evaluate(async (url) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('webllm/model');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('urls', 'readwrite');
    tx.objectStore('urls').delete(url);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, url);
}

/** What the manager's storage line says Nook uses, in MB. */
async function usageMB(models: ModelsPage): Promise<number> {
  const text = (await models.dialog.getByLabel('Storage used').textContent()) ?? '';
  const [, value, unit] = /Nook uses ([\d.]+) (MB|GB)/.exec(text) ?? [];
  return Number(value) * (unit === 'GB' ? 1024 : 1);
}

const ready = (page: Page, name: string) =>
  page.getByRole('status').filter({ hasText: `${name} is ready` });

async function findRow(models: ModelsPage, search: string, id: string): Promise<Locator> {
  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill(search);
  return models.row(id);
}

test('a model folder chosen on this computer chats, and still does after a reload and offline', async ({
  chat,
  context,
  page,
}, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir);
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  const form = await models.addModelFolder({ dir });
  await expect(form).toBeHidden();

  // The folder's name is a start for the model's; its config gives the context window.
  // Found by the name its row shows.
  const row = await findRow(models, FOLDER, 'custom:tiny-chat-q4f32-1-mlc');
  await expect(row.getByRole('heading')).toHaveText(FOLDER);
  await expect(row).toContainText('4,096-token context');
  // Already on this device: nothing to download.
  await row.getByRole('button', { name: 'Use', exact: true }).click();
  await models.close();
  await expect(ready(page, FOLDER)).toBeVisible();
  await chat.sendAndWait('Hello?');
  await expect(chat.content(chat.lastReply())).toHaveText('Hello from a folder.');

  await chat.letSave();
  await page.reload();
  await chat.ready();
  await chat.sendAndWait('Still there after a reload?');
  await expect(chat.content(chat.lastReply())).toHaveText('Hello from a folder.');
  // No network, and the model loaded again from WebLLM's cache.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Unload' }).click();
  await chat.sendAndWait('And offline?');
  await expect(chat.content(chat.lastReply())).toHaveText('Hello from a folder.');
  await expect(ready(page, FOLDER)).toBeVisible();
});

test('real WebLLM reads the copy from its cache: config and library come from there, and a broken library is named (real WebLLM)', async ({
  chat,
  page,
}, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir, { library: stubModelLibrary({ unlinkable: true }) });
  await chat.open({ engine: 'webllm' });
  const models = new ModelsPage(page);
  await models.open();
  await expect(await models.addModelFolder({ name: 'Real reader', dir })).toBeHidden();
  const row = await findRow(models, 'Real reader', 'custom:real-reader');
  await row.getByRole('button', { name: 'Use', exact: true }).click();
  await models.close();
  // MLCEngine.reloadInternal read mlc-chat-config.json and the library from WebLLM's cache (a
  // file missing there would be named as gone from this device, a config stored in the wrong
  // form would fail to parse), then could not instantiate the library: it imports a function no
  // runtime provides (a LinkError, as a library built for another WebLLM can give).
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Real reader could not be loaded', { timeout: 30_000 });
  await expect(alert).toContainText('The model library (.wasm) could not be started');
  // Its files came from this computer: there is nothing to download again.
  await expect(alert).not.toContainText('Repair');
  await expect(alert.getByRole('button', { name: 'Repair' })).toHaveCount(0);
});

test('an incomplete model folder is refused with a sentence naming what is missing, and nothing is stored', async ({
  chat,
  page,
}, testInfo) => {
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  const before = await usageMB(models);
  const folders: [string, MlcFolderOptions, string][] = [
    [
      'no shard 1',
      { without: ['params_shard_1.bin'] },
      'params_shard_1.bin is missing (tensor-cache.json lists 2 shards).',
    ],
    ['no config', { without: ['mlc-chat-config.json'] }, 'The folder has no mlc-chat-config.json.'],
    [
      'no library',
      { without: [MLC_LIBRARY] },
      'The folder has no model library (a .wasm file built for this model and WebLLM).',
    ],
    // It compiles, but tvmjs could not start it: it has no memory and no TVM allocator.
    [
      'an empty library',
      { library: new Uint8Array(EMPTY_WASM_MODULE) },
      `${MLC_LIBRARY} is WebAssembly, but not a model library built for WebLLM`,
    ],
  ];
  for (const [label, options, sentence] of folders) {
    const dir = testInfo.outputPath(label);
    await writeMlcFolder(dir, options);
    const form = await models.addModelFolder({ name: 'Incomplete', dir });
    await expect(form.getByRole('alert')).toContainText(sentence);
    await expect(form.getByRole('alert')).toContainText('Choose the whole model folder');
    await expect(form.getByRole('button', { name: 'Add anyway' })).toHaveCount(0);
    await form.getByRole('button', { name: 'Close' }).click();
    await expect(form).toBeHidden();
    await expect(await findRow(models, 'Incomplete', 'custom:incomplete')).toHaveCount(0);
    expect(await cachedUrls(page)).toEqual([]);
  }
  // 8 MB of shards would show; a few kilobytes of the app's own writes may.
  expect(await usageMB(models)).toBeLessThan(before + 2);
});

test('a stored model folder counts in storage use, and Delete and "Erase all data" remove it', async ({
  chat,
  context,
  page,
}, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir, { shards: 2, shardBytes: 8 * 2 ** 20 });
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  const before = await usageMB(models);
  await expect(await models.addModelFolder({ name: 'Kept here', dir })).toBeHidden();
  const row = await findRow(models, 'Kept here', 'custom:kept-here');
  await expect(row).toContainText('On this device (16 MB)');
  await expect.poll(() => usageMB(models)).toBeGreaterThanOrEqual(before + 14);

  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row).not.toContainText('On this device (');
  // Nothing it could download, offline or not: its folder is what brings it back.
  await expect(row.getByRole('button', { name: 'Use', exact: true })).toBeVisible();
  await context.setOffline(true);
  await expect(
    page.getByRole('banner').getByRole('status').filter({ hasText: 'Offline' }),
  ).toBeVisible();
  await expect(row).not.toContainText('You are offline');
  await expect(row.getByRole('button', { name: 'Use', exact: true })).toBeEnabled();
  await context.setOffline(false);
  await expect.poll(() => cachedUrls(page)).toEqual([]);
  await expect.poll(() => usageMB(models), { timeout: 20_000 }).toBeLessThan(before + 8);
  await row.getByRole('button', { name: 'Remove' }).click();
  await row.getByRole('button', { name: 'Confirm remove' }).click();
  await expect(row).toHaveCount(0);

  await expect(await models.addModelFolder({ name: 'Kept here', dir })).toBeHidden();
  await expect(await findRow(models, 'Kept here', 'custom:kept-here')).toContainText(
    'On this device (16 MB)',
  );
  expect(await cachedUrls(page)).not.toEqual([]);
  await models.close();
  await (await chat.menuItem('Privacy')).click();
  const privacy = page.getByRole('dialog', { name: 'Privacy' });
  await privacy.getByRole('button', { name: 'Erase all data' }).click();
  await privacy.getByRole('button', { name: 'Yes, erase everything' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Everything Nook kept on this device is erased' }),
  ).toBeVisible();
  expect(await cachedUrls(page)).toEqual([]);
  await page.getByRole('button', { name: 'Start again' }).click();
  await chat.ready();
  await models.open();
  await expect(await findRow(models, 'Kept here', 'custom:kept-here')).toHaveCount(0);
});

test('a folder model edited to load from the internet leaves no copy behind', async ({
  chat,
  page,
}, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir);
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  await expect(await models.addModelFolder({ name: 'Moved', dir })).toBeHidden();
  expect(await cachedUrls(page)).not.toEqual([]);
  const row = await findRow(models, 'Moved', 'custom:moved');
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit custom model' });
  await edit.getByRole('radio', { name: 'On the internet' }).check();
  // Nothing answers there yet: added anyway, as a user may do before putting the files up.
  await edit
    .getByRole('textbox', { name: 'Model URL', exact: true })
    .fill('http://127.0.0.1:9/models/moved/');
  await edit
    .getByRole('textbox', { name: 'Model library URL', exact: true })
    .fill('http://127.0.0.1:9/libs/moved-webgpu.wasm');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.getByRole('button', { name: 'Add anyway' }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByRole('button', { name: 'Download and use' })).toBeVisible();
  await expect.poll(() => cachedUrls(page)).toEqual([]);
});

test('a file gone from the stored copy is named, and choosing the folder again restores it', async ({
  chat,
  page,
}, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir);
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  await expect(await models.addModelFolder({ name: 'Half gone', dir })).toBeHidden();
  const [shard] = (await cachedUrls(page)).filter((url) => url.endsWith('params_shard_1.bin'));
  expect(shard).toBeDefined();
  await loseCachedFile(page, shard as string);
  const row = await findRow(models, 'Half gone', 'custom:half-gone');
  await row.getByRole('button', { name: /^(Use|Download and use)$/ }).click();
  await models.close();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Half gone could not be loaded');
  await expect(alert).toContainText('params_shard_1.bin is no longer on this device');
  await expect(alert).toContainText('edit the model and choose its folder again');
  // Not something to download: the note says where it came from.
  await expect(page.getByRole('complementary', { name: 'Model not on this device' })).toContainText(
    'Half gone came from a file or folder on this computer, and its copy here is missing files.',
  );

  await expect(alert.getByRole('button', { name: 'Repair' })).toHaveCount(0);

  // Choosing the folder again restores the copy.
  await models.open();
  await expect(row).toContainText('Partly downloaded');
  await expect(row.getByRole('button', { name: 'Repair' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit custom model' });
  await expect(edit.getByRole('radio', { name: 'On this computer' })).toBeChecked();
  await expect(edit).toContainText(`Copied from ${FOLDER}`);
  await edit.getByLabel('Model folder', { exact: true }).setInputFiles(dir);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('On this device (8 MB)');
  await row.getByRole('button', { name: 'Use', exact: true }).click();
  await models.close();
  await expect(ready(page, 'Half gone')).toBeVisible();
});

test('the model-folder form has no axe violations', async ({ chat, page }, testInfo) => {
  const dir = testInfo.outputPath(FOLDER);
  await writeMlcFolder(dir, { without: ['params_shard_1.bin'] });
  await chat.open(OPEN);
  const models = new ModelsPage(page);
  await models.open();
  const form = await models.openModelFolderForm();
  await expectClean(page, 'the model-folder form', 'dialog[open]');
  await form.getByRole('button', { name: 'Add model' }).click();
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await expectClean(page, 'the model-folder form, with what to fix', 'dialog[open]');
  await form.getByLabel('Model folder', { exact: true }).setInputFiles(dir);
  await form.getByRole('button', { name: 'Add model' }).click();
  await expect(form.getByRole('alert')).toContainText('params_shard_1.bin is missing');
  await expectClean(page, 'the model-folder form, with a refused folder', 'dialog[open]');
});
