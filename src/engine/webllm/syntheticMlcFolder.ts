/** TESTS ONLY. A small MLC model folder for the folder checks' and store's unit tests. */
import type { FolderEntry } from './mlcFolder';

const CONFIG = {
  conv_template: { name: 'chatml' },
  tokenizer_files: ['tokenizer.json'],
  context_window_size: 2048,
};

/** A small MLC folder: config, tokenizer, a manifest of three shards, their bytes, a library. */
export function syntheticFolder(prefix = ''): FolderEntry[] {
  const shards = [3, 5, 7].map((n, i) => ({ dataPath: `params_shard_${i}.bin`, nbytes: n }));
  const text = (path: string, value: unknown) => ({
    path: prefix + path,
    file: new Blob([typeof value === 'string' ? value : JSON.stringify(value)]),
  });
  return [
    text('mlc-chat-config.json', CONFIG),
    text('tokenizer.json', '{}'),
    text('tensor-cache.json', { metadata: {}, records: shards }),
    ...shards.map((s) => ({
      path: prefix + s.dataPath,
      file: new Blob([new Uint8Array(s.nbytes)]),
    })),
    { path: `${prefix}model-webgpu.wasm`, file: new Blob([new Uint8Array([0, 97, 115, 109])]) },
  ];
}
