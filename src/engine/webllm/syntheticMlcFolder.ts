/**
 * TESTS ONLY. A small MLC model folder for the folder checks' and store's unit tests, and the
 * stand-in model library the end-to-end folders use too.
 */
import type { FolderEntry } from './mlcFolder';

/** An empty WebAssembly module: the magic number and version, nothing else. It compiles. */
export const EMPTY_WASM_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

const bytes = (text: string) => [...new TextEncoder().encode(text)];
/** A size or count in one LEB128 byte: the stub never needs more. */
const small = (n: number) => {
  if (n > 127) throw new Error(`stubModelLibrary: ${n} does not fit one byte`);
  return [n];
};
const vector = (items: number[][]) => [...small(items.length), ...items.flat()];
const name = (text: string) => [...small(bytes(text).length), ...bytes(text)];
const section = (id: number, content: number[]) => [id, ...small(content.length), ...content];

/**
 * The smallest WebAssembly module that passes tvmjs's first look at a model library (FFILibrary in
 * WebLLM's lib/index.js): a memory and TVM's two allocator functions, which do nothing. With
 * `unlinkable`, it also imports a function no runtime provides, so instantiating it (tvmjs
 * instantiate) fails with a LinkError, as a library built for another WebLLM can.
 */
export function stubModelLibrary({ unlinkable = false } = {}): Uint8Array<ArrayBuffer> {
  const FUNC = 0x00;
  const MEMORY = 0x02;
  const imports = unlinkable ? [[...name('env'), ...name('nook_not_provided'), FUNC, 0]] : [];
  const first = imports.length;
  return new Uint8Array([
    ...EMPTY_WASM_MODULE,
    ...section(1, vector([[0x60, 0, 0]])), // one type: () -> ()
    ...(unlinkable ? section(2, vector(imports)) : []),
    ...section(3, vector([[0], [0]])), // two functions of that type
    ...section(5, vector([[0x00, 1]])), // a memory of one page
    ...section(
      7,
      vector([
        [...name('memory'), MEMORY, 0],
        [...name('TVMWasmAllocSpace'), FUNC, first],
        [...name('TVMWasmFreeSpace'), FUNC, first + 1],
      ]),
    ),
    ...section(
      10,
      vector([
        [2, 0, 0x0b],
        [2, 0, 0x0b],
      ]),
    ), // empty bodies
  ]);
}

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
    { path: `${prefix}model-webgpu.wasm`, file: new Blob([stubModelLibrary()]) },
  ];
}
