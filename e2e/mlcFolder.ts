/**
 * Writes a small MLC model folder as `mlc_llm convert_weight` and `gen_config` leave one, for the
 * tests that add a model from a folder on this computer: mlc-chat-config.json, tokenizer.json,
 * tensor-cache.json listing its weight shards (each shard's tensors with their byte ranges, as
 * tvmjs fetchTensorCache reads them), the shards, and a model library (.wasm). The weights are
 * random bytes (IndexedDB compresses what it can; real weights barely compress) and the library is
 * a stub that passes tvmjs's first look and does nothing (stubModelLibrary): the scripted engine
 * stands in for the model, not for the files.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stubModelLibrary } from '../src/engine/webllm/syntheticMlcFolder';

export interface MlcFolderOptions {
  shards?: number;
  shardBytes?: number;
  /** Files left out, by name, to make an incomplete folder. */
  without?: string[];
  /** The library's bytes; by default stubModelLibrary() (the scripted engine compiles it). */
  library?: Uint8Array;
}

export const MLC_LIBRARY = 'Tiny-Chat-q4f32_1-webgpu.wasm';

/** Writes the folder at `dir` (created afresh); resolves with the bytes of its weight shards. */
export async function writeMlcFolder(
  dir: string,
  {
    shards = 2,
    shardBytes = 4 * 2 ** 20,
    without = [],
    library = stubModelLibrary(),
  }: MlcFolderOptions = {},
): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const records = Array.from({ length: shards }, (_, i) => ({
    dataPath: `params_shard_${i}.bin`,
    format: 'raw-shard',
    nbytes: shardBytes,
    records: [
      {
        name: `model.layers.${i}.weight`,
        shape: [shardBytes / 4],
        dtype: 'float32',
        format: 'raw',
        nbytes: shardBytes,
        byteOffset: 0,
      },
    ],
  }));
  const files: Record<string, string | Uint8Array> = {
    'mlc-chat-config.json': JSON.stringify({
      model_type: 'qwen2',
      quantization: 'q4f32_1',
      context_window_size: 4096,
      prefill_chunk_size: 1024,
      conv_template: { name: 'chatml', system_template: '<|im_start|>system\n{system_message}' },
      tokenizer_files: ['tokenizer.json'],
    }),
    'tokenizer.json': JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab: {} } }),
    'tensor-cache.json': JSON.stringify({ metadata: { ParamSize: shards }, records }),
    [MLC_LIBRARY]: library,
  };
  for (const { dataPath } of records) files[dataPath] = randomBytes(shardBytes);
  for (const [name, data] of Object.entries(files)) {
    if (!without.includes(name)) await writeFile(join(dir, name), data);
  }
  return shards * shardBytes;
}
