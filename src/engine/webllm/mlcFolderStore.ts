/**
 * Stores a checked MLC model folder (mlcFolder.ts) in WebLLM's IndexedDB cache exactly as
 * WebLLM's own download would have left it (artifactDb.ts), under the imported model's made-up
 * URLs (models/importedModel.ts): mlc-chat-config.json in "webllm/config" (in the form this
 * WebLLM reads, CONFIG_STORED_AS), the library in "webllm/wasm" under the record's model_lib, and
 * the tokenizer, the manifest (under the name this WebLLM reads, parsed as storetype "json") and
 * each shard (bytes) in "webllm/model". Then hasModelInCache says yes and MLCEngine.reload reads
 * every file from the cache. One file per transaction, as addToIndexedDB writes them; an abort or
 * a full disk deletes what was written, so nothing is left half-stored.
 * Runs inside the engine worker. Must not import the store or any view.
 */
import { ARTIFACT_STORE, openArtifactDb, transactionDone, type ArtifactScope } from './artifactDb';
import type { ModelRecord } from '@mlc-ai/web-llm';
import { EngineFailure } from '../errors';
import { checkMlcFolder, type FolderEntry, type MlcFolder } from './mlcFolder';
import { modelFileUrl } from './modelUrls';
import { CONFIG_STORED_AS, SHARD_MANIFEST_READ } from './webllmCompat';

interface Artifact {
  scope: ArtifactScope;
  url: string;
  bytes: number;
  data(): Promise<unknown>;
}

/** What goes where, in the order WebLLM's own load fetches it (config, library, tokenizer, weights). */
function artifactsOf(folder: MlcFolder, modelUrl: string, libraryUrl: string): Artifact[] {
  const bytesOf = (file: Blob) => () => file.arrayBuffer();
  const config = folder.config.file;
  return [
    {
      scope: 'webllm/config',
      url: modelFileUrl(modelUrl, folder.config.path),
      bytes: config.size,
      data: async () =>
        CONFIG_STORED_AS === 'json'
          ? (JSON.parse(await config.text()) as unknown)
          : config.arrayBuffer(),
    },
    {
      scope: 'webllm/wasm',
      url: libraryUrl,
      bytes: folder.library.file.size,
      data: bytesOf(folder.library.file),
    },
    {
      scope: 'webllm/model',
      url: modelFileUrl(modelUrl, folder.tokenizer.path),
      bytes: folder.tokenizer.file.size,
      data: bytesOf(folder.tokenizer.file),
    },
    // The manifest first, as fetchTensorCache fetches it: shards a stopped copy left behind are
    // then listed, so inspectModelCache sees them and Delete can remove them.
    {
      scope: 'webllm/model',
      url: modelFileUrl(modelUrl, SHARD_MANIFEST_READ),
      bytes: folder.manifest.entry.file.size,
      data: async () => folder.manifest.json,
    },
    ...folder.shards.map((shard): Artifact => ({
      scope: 'webllm/model',
      url: modelFileUrl(modelUrl, shard.path),
      bytes: shard.nbytes,
      data: bytesOf(shard.file),
    })),
  ];
}

async function put(db: IDBDatabase, url: string, data: unknown): Promise<void> {
  const tx = db.transaction(ARTIFACT_STORE, 'readwrite');
  tx.objectStore(ARTIFACT_STORE).put({ url, data });
  await transactionDone(tx);
}

async function remove(dbs: Map<ArtifactScope, IDBDatabase>, written: Artifact[]): Promise<void> {
  for (const artifact of written) {
    const db = dbs.get(artifact.scope);
    if (!db) continue;
    const tx = db.transaction(ARTIFACT_STORE, 'readwrite');
    tx.objectStore(ARTIFACT_STORE).delete(artifact.url);
    await transactionDone(tx).catch(() => undefined);
  }
}

/**
 * Writes the folder into WebLLM's cache under `modelUrl` and `libraryUrl`, reporting the bytes
 * written; on an abort or a failure (a full disk: QuotaExceededError) nothing stays.
 */
export async function storeMlcFolder(
  folder: MlcFolder,
  urls: { modelUrl: string; libraryUrl: string },
  signal: AbortSignal,
  onProgress: (written: number, total: number) => void,
): Promise<void> {
  const artifacts = artifactsOf(folder, urls.modelUrl, urls.libraryUrl);
  const total = artifacts.reduce((sum, a) => sum + a.bytes, 0);
  const dbs = new Map<ArtifactScope, IDBDatabase>();
  const written: Artifact[] = [];
  let bytes = 0;
  try {
    for (const artifact of artifacts) {
      signal.throwIfAborted();
      let db = dbs.get(artifact.scope);
      if (!db) {
        db = await openArtifactDb(artifact.scope);
        dbs.set(artifact.scope, db);
      }
      const data = await artifact.data();
      signal.throwIfAborted();
      written.push(artifact);
      await put(db, artifact.url, data);
      bytes += artifact.bytes;
      onProgress(bytes, total);
    }
  } catch (error) {
    await remove(dbs, written);
    throw error;
  } finally {
    for (const db of dbs.values()) db.close();
  }
}

/** What an imported folder gave: the bytes stored, and the config's context window. */
export interface ImportedFolder {
  bytes: number;
  contextWindow?: number;
}

/**
 * Checks the folder's files and stores them as the model's (its record's model and model_lib
 * URLs). A folder that fails the checks is refused with the sentence saying why, nothing stored.
 */
export async function importMlcFolder(
  record: ModelRecord,
  entries: readonly FolderEntry[],
  signal: AbortSignal,
  onProgress: (written: number, total: number) => void,
): Promise<ImportedFolder> {
  const checked = await checkMlcFolder(entries);
  if (!checked.ok) throw new EngineFailure({ code: 'model-file-invalid', detail: checked.error });
  const { folder } = checked;
  await storeMlcFolder(
    folder,
    { modelUrl: record.model, libraryUrl: record.model_lib },
    signal,
    onProgress,
  );
  return {
    bytes: folder.bytes,
    ...(folder.contextWindow !== undefined && { contextWindow: folder.contextWindow }),
  };
}
