/**
 * What of a model is in WebLLM's IndexedDB cache, and how big it is. Whether a model is fully
 * cached is WebLLM's own answer (hasModelInCache); the size and a partial download are read from
 * its cache layout: database "webllm/model", store "urls" keyed by URL, where tensor-cache.json
 * lists every weight shard with its size. Runs inside the worker.
 */
import { deleteModelAllInfoInCache, hasModelInCache } from '@mlc-ai/web-llm';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { isRecord } from '../../lib/isRecord';
import type { CacheInfo } from '../protocol';
import { openArtifactDb, request, transactionDone } from './artifactDb';
import { modelFileUrl } from './modelUrls';
import { SHARD_MANIFESTS } from './webllmCompat';

interface ShardRecord {
  dataPath: string;
  nbytes: number;
}

function shardsOf(manifest: unknown): ShardRecord[] {
  const records = (manifest as { records?: unknown } | undefined)?.records;
  if (!Array.isArray(records)) return [];
  return records.filter(
    (r): r is ShardRecord =>
      isRecord(r) && typeof r.dataPath === 'string' && typeof r.nbytes === 'number',
  );
}

/**
 * Whether WebLLM's cache exists at all. Looking must not create it: hasModelInCache opens (and so
 * creates) WebLLM's databases, and a first visit, or one just after "Erase all data", would then
 * leave empty ones behind. Where the browser cannot list databases, assume it does.
 */
async function modelCacheExists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  const databases = await indexedDB.databases();
  return databases.some((d) => d.name === 'webllm/model');
}

export async function inspectModelCache(
  record: ModelRecord,
  appConfig: AppConfig,
): Promise<CacheInfo> {
  if (!(await modelCacheExists())) return { state: 'absent', bytes: 0 };
  const complete = await hasModelInCache(record.model_id, appConfig);
  const db = await openArtifactDb('webllm/model');
  try {
    const store = db.transaction('urls', 'readonly').objectStore('urls');
    let shards: ShardRecord[] = [];
    for (const name of SHARD_MANIFESTS) {
      const entry = await request(store.get(modelFileUrl(record.model, name)));
      shards = shardsOf((entry as { data?: unknown } | undefined)?.data);
      if (shards.length > 0) break;
    }
    const present = await Promise.all(
      shards.map(
        async (s) => (await request(store.count(modelFileUrl(record.model, s.dataPath)))) > 0,
      ),
    );
    const bytes = shards.reduce((sum, s, i) => sum + (present[i] ? s.nbytes : 0), 0);
    // A manifest alone is not a download: WebLLM's own delete leaves it behind.
    const state = complete ? 'complete' : present.some(Boolean) ? 'partial' : 'absent';
    return { state, bytes };
  } finally {
    db.close();
  }
}

/** Deletes everything WebLLM cached for a model, including the manifest its own delete leaves. */
export async function deleteModelCache(record: ModelRecord, appConfig: AppConfig): Promise<void> {
  await deleteModelAllInfoInCache(record.model_id, appConfig);
  const db = await openArtifactDb('webllm/model');
  try {
    const tx = db.transaction('urls', 'readwrite');
    for (const name of SHARD_MANIFESTS) {
      tx.objectStore('urls').delete(modelFileUrl(record.model, name));
    }
    await transactionDone(tx);
  } finally {
    db.close();
  }
}
