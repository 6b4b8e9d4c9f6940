/**
 * WebLLM's IndexedDB cache as it lays it out (tvmjs ArtifactIndexedDBCache): one database per
 * scope ("webllm/model": weights, manifest and tokenizer; "webllm/config": mlc-chat-config.json;
 * "webllm/wasm": the model library), version 1, one object store "urls" with keyPath "url", and
 * values `{ url, data }` where data is what addToIndexedDB made of the response: parsed JSON for
 * storetype "json", an ArrayBuffer for "arraybuffer". Runs inside the worker.
 */

export type ArtifactScope = 'webllm/model' | 'webllm/config' | 'webllm/wasm';

export const ARTIFACT_STORE = 'urls';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

/** Opens a scope's database, created the way ArtifactIndexedDBCache.initDB creates it. */
export function openArtifactDb(scope: ArtifactScope): Promise<IDBDatabase> {
  const open = indexedDB.open(scope, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(ARTIFACT_STORE)) {
      open.result.createObjectStore(ARTIFACT_STORE, { keyPath: 'url' });
    }
  };
  return request(open);
}

/** What the cache holds for `url` in a scope (the entry's data), or undefined when it has none. */
export async function readArtifact(scope: ArtifactScope, url: string): Promise<unknown> {
  const db = await openArtifactDb(scope);
  try {
    const entry: unknown = await request(
      db.transaction(ARTIFACT_STORE).objectStore(ARTIFACT_STORE).get(url),
    );
    return typeof entry === 'object' && entry !== null && 'data' in entry ? entry.data : undefined;
  } finally {
    db.close();
  }
}
