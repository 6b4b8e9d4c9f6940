/**
 * Writes a fake download of a prebuilt model straight into WebLLM's own IndexedDB cache (the layout
 * WebLLM 0.2.8x uses: database "webllm/model", store "urls" keyed by URL, tensor-cache.json listing
 * the shards), so tests can see how Nook reads and deletes real cache entries without a download.
 * `present` lists which shards are written: fewer than `shards` makes a half-finished download.
 * Shared by the e2e tests and `npm run bench` (a returning user), hence JavaScript.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} modelId
 * @param {{ shards: number, shardBytes: number, present: number[], modelName?: string }} files
 *   `modelName`: the weights' folder, when several records share it (embedding models' batch sizes)
 * @returns {Promise<void>}
 */
export async function fakeWebLLMDownload(
  page,
  modelId,
  { shards, shardBytes, present, modelName = modelId },
) {
  await page.evaluate(
    async ({ modelName, shards, shardBytes, present }) => {
      const base = `https://huggingface.co/mlc-ai/${modelName}/resolve/main/`;
      /** @type {IDBDatabase} */
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('webllm/model', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('urls', { keyPath: 'url' });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('urls', 'readwrite');
      const store = tx.objectStore('urls');
      const records = Array.from({ length: shards }, (_, i) => ({
        dataPath: `params_shard_${i}.bin`,
        nbytes: shardBytes,
      }));
      store.put({ url: `${base}tensor-cache.json`, data: { records } });
      for (const i of present) {
        // Random bytes: IndexedDB compresses what it can, and weights barely compress.
        const data = new Uint8Array(shardBytes);
        for (let at = 0; at < shardBytes; at += 65536) {
          crypto.getRandomValues(data.subarray(at, at + 65536));
        }
        store.put({ url: `${base}params_shard_${i}.bin`, data: data.buffer });
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { modelName, shards, shardBytes, present },
  );
}
