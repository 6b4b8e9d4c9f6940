/**
 * TEST BUILD ONLY (the scripted engine). Which of an imported model's files WebLLM would miss in
 * its cache, in the order MLCEngine.reloadInternal reads them: mlc-chat-config.json
 * ("webllm/config"), the library ("webllm/wasm", under model_lib), the tokenizer and the shard
 * manifest ("webllm/model"), then each shard it lists (tvmjs fetchTensorCache). Each is looked up
 * as ArtifactIndexedDBCache.isUrlInDB does: by its URL as the key.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import { ARTIFACT_STORE, openArtifactDb, request, type ArtifactScope } from './artifactDb';
import { modelFileUrl, SHARD_MANIFESTS } from './modelUrls';

async function lookUp(scope: ArtifactScope, url: string): Promise<unknown> {
  const db = await openArtifactDb(scope);
  try {
    const entry = await request(
      db.transaction(ARTIFACT_STORE).objectStore(ARTIFACT_STORE).get(url),
    );
    return (entry as { data?: unknown } | undefined)?.data;
  } finally {
    db.close();
  }
}

/** The URL of the first file WebLLM would have to fetch, or null when all are cached. */
export async function firstUncachedArtifact(record: ModelRecord): Promise<string | null> {
  const file = (name: string) => modelFileUrl(record.model, name);
  const steps: [ArtifactScope, string][] = [
    ['webllm/config', file('mlc-chat-config.json')],
    ['webllm/wasm', record.model_lib],
  ];
  for (const [scope, url] of steps) {
    if ((await lookUp(scope, url)) === undefined) return url;
  }
  // asyncLoadTokenizer reads tokenizer.json, or tokenizer.model where the config lists only that.
  const tokenizers = ['tokenizer.json', 'tokenizer.model'].map(file);
  const found = await Promise.all(tokenizers.map((url) => lookUp('webllm/model', url)));
  if (found.every((data) => data === undefined)) return tokenizers[0] as string;
  let manifest: unknown;
  for (const name of SHARD_MANIFESTS) {
    manifest = await lookUp('webllm/model', file(name));
    if (manifest !== undefined) break;
  }
  if (manifest === undefined) return file(SHARD_MANIFESTS[0]);
  const records = (manifest as { records?: { dataPath: string }[] }).records ?? [];
  for (const shard of records) {
    if ((await lookUp('webllm/model', file(shard.dataPath))) === undefined) {
      return file(shard.dataPath);
    }
  }
  return null;
}
