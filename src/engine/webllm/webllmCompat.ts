/**
 * What changed between the WebLLM versions Nook runs on (0.2.79 and later), detected by feature
 * rather than assumed from a version number. Runs inside the worker.
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';

/**
 * The IndexedDB cache is `cacheBackend: "indexeddb"` from 0.2.80 on and `useIndexedDBCache: true`
 * before (0.2.79 ignores cacheBackend and would cache in the Cache API). Each version's default
 * config carries its own field.
 */
const indexedDBCache: Record<string, unknown> =
  'cacheBackend' in prebuiltAppConfig ? { cacheBackend: 'indexeddb' } : { useIndexedDBCache: true };

export function appConfigFor(records: ModelRecord[]): AppConfig {
  return { model_list: records, ...indexedDBCache } as AppConfig;
}

/**
 * The manifest that lists a model's weight shards: tensor-cache.json from 0.2.80 on,
 * ndarray-cache.json before. Both are looked for, the newer name first.
 */
export const SHARD_MANIFESTS = ['tensor-cache.json', 'ndarray-cache.json'] as const;
