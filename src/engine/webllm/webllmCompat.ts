/**
 * What changed between the WebLLM versions Nook runs on (0.2.79 and later), detected by feature
 * rather than assumed from a version number. Runs inside the worker.
 */
import * as webllm from '@mlc-ai/web-llm';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
export { SHARD_MANIFESTS } from './modelUrls';

/**
 * The IndexedDB cache is `cacheBackend: "indexeddb"` from 0.2.80 on and `useIndexedDBCache: true`
 * before (0.2.79 ignores cacheBackend and would cache in the Cache API). Each version's default
 * config carries its own field.
 */
const indexedDBCache: Record<string, unknown> =
  'cacheBackend' in webllm.prebuiltAppConfig
    ? { cacheBackend: 'indexeddb' }
    : { useIndexedDBCache: true };

export function appConfigFor(records: ModelRecord[]): AppConfig {
  return { model_list: records, ...indexedDBCache } as AppConfig;
}

/**
 * How this WebLLM reads mlc-chat-config.json from its cache, and so how an imported folder's
 * config must be stored: as bytes from the WebLLM that verifies the config's integrity
 * (0.2.86's MLCEngine.reloadInternal: configCache.fetchWithCache(configUrl, "arraybuffer"), then
 * verifyIntegrity and JSON.parse), as parsed JSON before (0.2.79: fetchWithCache(configUrl,
 * "json")). ArtifactIndexedDBCache returns what it stored as it is, so the wrong form breaks a load.
 */
export const CONFIG_STORED_AS: 'arraybuffer' | 'json' =
  'verifyIntegrity' in webllm ? 'arraybuffer' : 'json';

/**
 * The manifest name this WebLLM reads (tvmjs fetchTensorCache and hasTensorInCache build its URL
 * from it): TENSOR_CACHE_MANIFEST_FILENAME where exported, ndarray-cache.json before (0.2.79).
 */
export const SHARD_MANIFEST_READ: string =
  'TENSOR_CACHE_MANIFEST_FILENAME' in webllm &&
  typeof webllm.TENSOR_CACHE_MANIFEST_FILENAME === 'string'
    ? webllm.TENSOR_CACHE_MANIFEST_FILENAME
    : 'ndarray-cache.json';
