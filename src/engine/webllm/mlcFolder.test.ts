// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkMlcFolder, type FolderEntry } from './mlcFolder';
import { EMPTY_WASM_MODULE, stubModelLibrary, syntheticFolder } from './syntheticMlcFolder';

const without = (entries: FolderEntry[], path: string) => entries.filter((e) => e.path !== path);
const replaced = (entries: FolderEntry[], path: string, content: BlobPart) =>
  entries.map((e) => (e.path === path ? { path, file: new Blob([content]) } : e));

async function problem(entries: FolderEntry[]): Promise<string> {
  const result = await checkMlcFolder(entries);
  if (result.ok) throw new Error('the folder passed');
  return result.error;
}

describe('checkMlcFolder', () => {
  it('accepts a whole folder and names each part', async () => {
    const result = await checkMlcFolder(syntheticFolder());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.folder.shards.map((s) => [s.path, s.nbytes])).toEqual([
      ['params_shard_0.bin', 3],
      ['params_shard_1.bin', 5],
      ['params_shard_2.bin', 7],
    ]);
    expect(result.folder.library.path).toBe('model-webgpu.wasm');
    expect(result.folder.tokenizer.path).toBe('tokenizer.json');
    expect(result.folder.contextWindow).toBe(2048);
  });

  it('reads the folder that holds the config when the one above it was chosen', async () => {
    const result = await checkMlcFolder(syntheticFolder('Qwen2-0.5B/'));
    expect(result.ok && result.folder.manifest.entry.path).toBe('tensor-cache.json');
  });

  it('accepts the older ndarray-cache.json', async () => {
    const entries = syntheticFolder().map((e) =>
      e.path === 'tensor-cache.json' ? { ...e, path: 'ndarray-cache.json' } : e,
    );
    const result = await checkMlcFolder(entries);
    expect(result.ok && result.folder.manifest.entry.path).toBe('ndarray-cache.json');
  });

  it('names what is missing or wrong, one sentence each', async () => {
    const folder = syntheticFolder();
    expect(await problem(without(folder, 'mlc-chat-config.json'))).toBe(
      'The folder has no mlc-chat-config.json.',
    );
    expect(await problem(replaced(folder, 'mlc-chat-config.json', '{ nope'))).toBe(
      'mlc-chat-config.json is not valid JSON.',
    );
    expect(await problem(replaced(folder, 'mlc-chat-config.json', '{"tokenizer_files":[]}'))).toBe(
      "mlc-chat-config.json has no conv_template: it is not a chat model's.",
    );
    expect(await problem(without(folder, 'tokenizer.json'))).toBe(
      'tokenizer.json is missing (mlc-chat-config.json lists it).',
    );
    expect(await problem(without(folder, 'tensor-cache.json'))).toBe(
      'The folder has no tensor-cache.json or ndarray-cache.json, the list of its weight shards.',
    );
    expect(await problem(without(folder, 'params_shard_1.bin'))).toBe(
      'params_shard_1.bin is missing (tensor-cache.json lists 3 shards).',
    );
    expect(
      await problem(without(without(folder, 'params_shard_0.bin'), 'params_shard_2.bin')),
    ).toBe('params_shard_0.bin and 1 other shard are missing (tensor-cache.json lists 3 shards).');
    expect(await problem(replaced(folder, 'params_shard_2.bin', new Uint8Array(6)))).toBe(
      'params_shard_2.bin is 6 bytes, but tensor-cache.json says 7: it is incomplete or from another model.',
    );
    expect(await problem(without(folder, 'model-webgpu.wasm'))).toBe(
      'The folder has no model library (a .wasm file built for this model and WebLLM).',
    );
    expect(
      await problem([
        ...folder,
        { path: 'other-webgpu.wasm', file: new Blob([new Uint8Array(4)]) },
      ]),
    ).toBe(
      'The folder has 2 model libraries (model-webgpu.wasm, other-webgpu.wasm); keep only the one built for this model.',
    );
  });

  it('refuses a library tvmjs could not start, before anything is stored', async () => {
    const folder = syntheticFolder();
    expect(await problem(replaced(folder, 'model-webgpu.wasm', 'not WebAssembly'))).toBe(
      'model-webgpu.wasm is not WebAssembly: it is damaged, or not a model library.',
    );
    // An empty module compiles, but has no memory and no TVM allocator (FFILibrary).
    expect(
      await problem(replaced(folder, 'model-webgpu.wasm', new Uint8Array(EMPTY_WASM_MODULE))),
    ).toBe(
      "model-webgpu.wasm is WebAssembly, but not a model library built for WebLLM (it lacks TVM's runtime).",
    );
  });

  it('leaves what only instantiating shows (imports this WebLLM lacks) to the load', async () => {
    const folder = replaced(
      syntheticFolder(),
      'model-webgpu.wasm',
      stubModelLibrary({ unlinkable: true }),
    );
    expect((await checkMlcFolder(folder)).ok).toBe(true);
  });
});
