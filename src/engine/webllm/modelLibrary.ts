/**
 * Whether tvmjs can start a model library (.wasm): it is WebAssembly (instantiate compiles it),
 * has a memory, its own or imported as env.memory (FFILibrary.detectWasmMemory), and exports TVM's
 * allocator (FFILibrary.validateInstance: checkExports(["TVMWasmAllocSpace", "TVMWasmFreeSpace"])),
 * as WebLLM's lib/index.js asks in that order. A .wasm that compiles but is not a TVM library fails
 * as tvmjs starts it, with a TypeError that names nothing: in 0.2.86, "Cannot read properties of
 * undefined (reading 'buffer')", from its WASI runtime's updateMemoryViews (EmccWASI, called by
 * Instance's env.start) reading the memory the library does not export. So Nook asks these
 * questions itself to say what is wrong.
 */
import { readArtifact } from './artifactDb';

export type LibraryProblem = 'not-webassembly' | 'not-tvm-library';

const TVM_ALLOCATOR = ['TVMWasmAllocSpace', 'TVMWasmFreeSpace'];

/** What keeps tvmjs from starting the library, or null when it passes these checks. */
export async function libraryProblem(bytes: ArrayBuffer): Promise<LibraryProblem | null> {
  let library: WebAssembly.Module;
  try {
    library = await WebAssembly.compile(bytes);
  } catch {
    return 'not-webassembly';
  }
  const exports = WebAssembly.Module.exports(library);
  const functions = new Set(exports.filter((e) => e.kind === 'function').map((e) => e.name));
  const memory =
    exports.some((e) => e.kind === 'memory' && e.name === 'memory') ||
    WebAssembly.Module.imports(library).some(
      (i) => i.kind === 'memory' && i.module === 'env' && i.name === 'memory',
    );
  return memory && TVM_ALLOCATOR.every((name) => functions.has(name)) ? null : 'not-tvm-library';
}

/**
 * The problem of a library WebLLM has stored in its cache ("webllm/wasm", under the record's
 * model_lib), or null when it has none or the library passes. Runs inside the worker.
 */
export async function cachedLibraryProblem(url: string): Promise<LibraryProblem | null> {
  const data = await readArtifact('webllm/wasm', url);
  return data instanceof ArrayBuffer ? libraryProblem(data) : null;
}
