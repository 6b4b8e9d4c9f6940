// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { importedLibraryUrl, importedModelUrl } from '../../models/importedModel';
import { openArtifactDb, request, type ArtifactScope } from './artifactDb';
import { checkMlcFolder, type MlcFolder } from './mlcFolder';
import { syntheticFolder } from './syntheticMlcFolder';
import { storeMlcFolder } from './mlcFolderStore';
import { CONFIG_STORED_AS, SHARD_MANIFEST_READ } from './webllmCompat';

const modelUrl = importedModelUrl('custom:tiny');
const libraryUrl = importedLibraryUrl('custom:tiny', 'model-webgpu.wasm');

async function folder(): Promise<MlcFolder> {
  const checked = await checkMlcFolder(syntheticFolder());
  if (!checked.ok) throw new Error(checked.error);
  return checked.folder;
}

async function stored(scope: ArtifactScope): Promise<{ url: string; data: unknown }[]> {
  const db = await openArtifactDb(scope);
  try {
    return await request(db.transaction('urls').objectStore('urls').getAll());
  } finally {
    db.close();
  }
}

describe('storeMlcFolder', () => {
  it('writes every file where and as WebLLM reads it', async () => {
    const progress: number[] = [];
    await storeMlcFolder(
      await folder(),
      { modelUrl, libraryUrl },
      new AbortController().signal,
      (n) => progress.push(n),
    );
    const config = await stored('webllm/config');
    expect(config.map((e) => e.url)).toEqual([`${modelUrl}mlc-chat-config.json`]);
    // 0.2.86 reads the config as bytes (then verifyIntegrity, JSON.parse).
    expect(CONFIG_STORED_AS).toBe('arraybuffer');
    expect(config[0]?.data).toBeInstanceOf(ArrayBuffer);
    expect((await stored('webllm/wasm')).map((e) => e.url)).toEqual([libraryUrl]);
    const model = await stored('webllm/model');
    expect(model.map((e) => e.url).sort()).toEqual(
      [
        SHARD_MANIFEST_READ,
        'params_shard_0.bin',
        'params_shard_1.bin',
        'params_shard_2.bin',
        'tokenizer.json',
      ]
        .map((f) => `${modelUrl}${f}`)
        .sort(),
    );
    // The manifest is parsed JSON (fetchWithCache(jsonUrl, "json")), the shards bytes.
    const manifest = model.find((e) => e.url.endsWith(SHARD_MANIFEST_READ))?.data;
    expect((manifest as { records: unknown[] }).records).toHaveLength(3);
    const shard = model.find((e) => e.url.endsWith('params_shard_2.bin'))?.data;
    expect((shard as ArrayBuffer).byteLength).toBe(7);
    expect(progress.at(-1)).toBeGreaterThan(15);
  });

  it('leaves nothing when the copy is stopped part-way', async () => {
    const id = 'custom:stopped';
    const urls = { modelUrl: importedModelUrl(id), libraryUrl: importedLibraryUrl(id, 'x.wasm') };
    const controller = new AbortController();
    let writes = 0;
    await expect(
      storeMlcFolder(await folder(), urls, controller.signal, () => {
        if (++writes === 4) controller.abort(new DOMException('Stopped', 'AbortError'));
      }),
    ).rejects.toThrow('Stopped');
    expect(writes).toBe(4);
    for (const scope of ['webllm/config', 'webllm/wasm', 'webllm/model'] as const) {
      expect((await stored(scope)).filter((e) => e.url.includes('stopped'))).toEqual([]);
    }
  });
});
