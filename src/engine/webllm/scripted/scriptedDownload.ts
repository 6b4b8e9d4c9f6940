/**
 * TEST BUILD ONLY. A real download for the scripted engine: it fetches tensor-cache.json and each
 * weight shard it lists from the model's own URL, reporting progress and failing with the words
 * WebLLM's IndexedDB cache uses, so tests can run a server that stalls, drops or answers 404.
 * Every failure is wrapped as ArtifactIndexedDBCache.addToCache wraps it, a cancel included: the
 * fetch rejects with the abort's reason and becomes "Failed to store <url> with error: <reason>".
 * Completed shards are remembered for the worker's lifetime, so a retry resumes like WebLLM's cache.
 */
import type { InitProgressCallback } from '@mlc-ai/web-llm';
import { modelFileUrl } from '../modelUrls';

const completed = new Set<string>();

interface Shard {
  url: string;
  nbytes: number;
}

async function fetchOrFail(url: string, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache: 'no-store' });
  } catch (error) {
    throw new Error(`Failed to store ${url} with error: ${String(error)}`, { cause: error });
  }
  if (!response.ok) {
    throw new Error(`Failed to store ${url} with error: Error: Network response was not ok`);
  }
  return response;
}

async function readShard(
  response: Response,
  url: string,
  onBytes: (n: number) => void,
): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onBytes(value.byteLength);
    }
  } catch (error) {
    throw new Error(`Failed to store ${url} with error: ${String(error)}`, { cause: error });
  }
}

export async function scriptedDownload(
  modelUrl: string,
  report: InitProgressCallback | undefined,
  signal: AbortSignal,
): Promise<void> {
  const manifestUrl = modelFileUrl(modelUrl, 'tensor-cache.json');
  const manifest = (await (await fetchOrFail(manifestUrl, signal)).json()) as {
    records: { dataPath: string; nbytes: number }[];
  };
  const shards: Shard[] = manifest.records.map((r) => ({
    url: modelFileUrl(modelUrl, r.dataPath),
    nbytes: r.nbytes,
  }));
  const total = shards.reduce((sum, s) => sum + s.nbytes, 0);
  const started = performance.now();
  let fetched = shards.filter((s) => completed.has(s.url)).reduce((sum, s) => sum + s.nbytes, 0);
  const progress = (index: number) => {
    const elapsed = Math.round((performance.now() - started) / 1000);
    report?.({
      progress: fetched / total,
      timeElapsed: elapsed,
      text:
        `Fetching param cache[${index}/${shards.length}]: ${Math.ceil(fetched / 2 ** 20)}MB fetched. ` +
        `${Math.floor((fetched * 100) / total)}% completed, ${elapsed} secs elapsed.`,
    });
  };
  for (const [i, shard] of shards.entries()) {
    if (completed.has(shard.url)) continue;
    const response = await fetchOrFail(shard.url, signal);
    await readShard(response, shard.url, (n) => {
      fetched += n;
      progress(i + 1);
    });
    completed.add(shard.url);
  }
}
