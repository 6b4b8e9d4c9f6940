/**
 * TEST BUILD ONLY (the scripted engine). Reads an imported model's files from WebLLM's cache as
 * WebLLM 0.2.86 reads them when it loads a model (MLCEngine.reloadInternal), and fails as it
 * would: mlc-chat-config.json ("webllm/config", fetchWithCache as "arraybuffer", verifyIntegrity,
 * then JSON.parse), the library ("webllm/wasm" under model_lib, verifyIntegrity, then compiled),
 * the tokenizer the config lists (asyncLoadTokenizer), the shard manifest as JSON and every shard
 * it lists, each tensor's bytes inside its shard (tvmjs fetchTensorCache, getTensorCacheRecordBytes).
 * A file not in the cache is fetched from its URL by ArtifactIndexedDBCache.addToCache; an imported
 * model's host never answers (and the CSP refuses it first), so that fails with addToCache's message.
 */
import { verifyIntegrity, type ModelRecord } from '@mlc-ai/web-llm';
import { readArtifact, type ArtifactScope } from './artifactDb';
import { modelFileUrl } from './modelUrls';
import { SHARD_MANIFEST_READ } from './webllmCompat';

/** ArtifactIndexedDBCache.fetchWithCache for a URL only the cache can answer. */
async function fetchWithCache(scope: ArtifactScope, url: string): Promise<unknown> {
  const data = await readArtifact(scope, url);
  if (data !== undefined) return data;
  throw new Error(`Failed to store ${url} with error: TypeError: Failed to fetch`);
}

interface ShardRecord {
  dataPath: string;
  records?: { byteOffset: number; nbytes: number }[];
}

/** tvmjs getTensorCacheRecordBytes: each tensor must lie inside its shard. */
function checkTensors(shard: ShardRecord, data: unknown): void {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
  for (const { byteOffset, nbytes } of shard.records ?? []) {
    const end = byteOffset + nbytes;
    if (end > bytes.byteLength) {
      throw new Error(
        `Tensor-cache record range [${byteOffset}, ${end}) exceeds shard size ${bytes.byteLength}`,
      );
    }
  }
}

/** Reads every file WebLLM would read to load the imported model; throws what WebLLM throws. */
export async function readImportedModel(record: ModelRecord): Promise<void> {
  const file = (name: string) => modelFileUrl(record.model, name);
  const { integrity } = record;

  const configUrl = file('mlc-chat-config.json');
  const configData = (await fetchWithCache('webllm/config', configUrl)) as ArrayBuffer;
  if (integrity?.config) {
    await verifyIntegrity(configData, integrity.config, configUrl, integrity.onFailure);
  }
  const config = JSON.parse(new TextDecoder().decode(configData)) as {
    tokenizer_files: string[];
  };

  const wasm = (await fetchWithCache('webllm/wasm', record.model_lib)) as ArrayBuffer;
  if (integrity?.model_lib) {
    await verifyIntegrity(wasm, integrity.model_lib, record.model_lib, integrity.onFailure);
  }
  // tvmjs instantiate: a file that is not WebAssembly throws the browser's CompileError.
  await WebAssembly.compile(wasm);

  const tokenizer = ['tokenizer.json', 'tokenizer.model'].find((name) =>
    config.tokenizer_files.includes(name),
  );
  if (!tokenizer) {
    const error = new Error(`Cannot handle tokenizer files ${String(config.tokenizer_files)}`);
    error.name = 'UnsupportedTokenizerFilesError';
    throw error;
  }
  await fetchWithCache('webllm/model', file(tokenizer));

  const manifest = (await fetchWithCache('webllm/model', file(SHARD_MANIFEST_READ))) as {
    records: ShardRecord[];
  };
  for (const shard of manifest.records) {
    checkTensors(shard, await fetchWithCache('webllm/model', file(shard.dataPath)));
  }
}
