import type { ModelRecord } from '@mlc-ai/web-llm';
import type { Chunk } from '../../documents/chunk';
import { rankBySimilarity } from '../../documents/retrieve';
import { embeddingRecords } from '../../engine/catalog';
import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { notify, useRuntimeStore } from '../runtimeStore';

/** snowflake-arctic-embed, WebLLM's embedding models, expect this before a query (not passages). */
const QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';
/** Below this similarity a passage is not counted as a match. */
const MIN_SIMILARITY = 0.3;

function candidates(): ModelRecord[] {
  return embeddingRecords(useRuntimeStore.getState().prebuiltRecords ?? []);
}

function setReady(modelId: string, loaded: boolean): void {
  useRuntimeStore.setState({ searchModel: { status: 'ready', modelId, loaded } });
}

/**
 * The embedding model to search documents by meaning with: one already on this device (any of
 * WebLLM's), else none. Asked once per session; downloading one updates it.
 */
let found: Promise<ModelRecord | null> | undefined;
export function searchModel(): Promise<ModelRecord | null> {
  found ??= (async () => {
    const records = candidates();
    if (records.length === 0) return null;
    const status = await getEngine()
      .cacheStatus(records)
      .catch(() => ({}) as Record<string, { state: string }>);
    const record = records.find((r) => status[r.model_id]?.state === 'complete') ?? null;
    if (record) setReady(record.model_id, false);
    else useRuntimeStore.setState({ searchModel: { status: 'absent' } });
    return record;
  })();
  return found;
}

/** Downloads the smallest embedding model (or tries a failed one again), so questions match passages by meaning too. */
export async function downloadSearchModel(): Promise<void> {
  const [record] = candidates();
  if (!record) return;
  useRuntimeStore.setState({ searchModel: { status: 'downloading', modelId: record.model_id } });
  try {
    await getEngine().embed(record, ['warm up']);
    found = Promise.resolve(record);
    setReady(record.model_id, true);
  } catch (error) {
    useRuntimeStore.setState({
      searchModel: { status: 'error', modelId: record.model_id, error: classifyError(error) },
    });
  }
}

/** Frees the GPU memory the embedding model holds; it stays downloaded. */
export async function unloadSearchModel(): Promise<void> {
  await getEngine()
    .unloadEmbedder()
    .catch(() => undefined);
  const state = useRuntimeStore.getState().searchModel;
  if (state.status === 'ready') setReady(state.modelId, false);
}

const vectors = new Map<string, number[][]>();

export function forgetVectors(documentId: string): void {
  for (const key of vectors.keys()) if (key.startsWith(`${documentId}:`)) vectors.delete(key);
}

/**
 * The chunks closest in meaning to the question; null without an embedding model, or when it
 * fails: search by meaning is then off (the document panel says so and offers Retry), and the
 * question is answered from the passages found by their words.
 */
export async function rankByMeaning(
  key: string,
  chunks: readonly Chunk[],
  question: string,
  limit: number,
): Promise<Chunk[] | null> {
  const record = await searchModel();
  if (!record || chunks.length === 0) return null;
  if (useRuntimeStore.getState().searchModel.status !== 'ready') return null;
  const engine = getEngine();
  try {
    let passages = vectors.get(key);
    if (!passages) {
      passages = await engine.embed(
        record,
        chunks.map((c) => c.text),
      );
      vectors.set(key, passages);
    }
    const [query] = await engine.embed(record, [QUERY_PREFIX + question]);
    setReady(record.model_id, true);
    return query ? rankBySimilarity(query, passages, chunks, limit, MIN_SIMILARITY) : null;
  } catch (err) {
    const error = classifyError(err);
    useRuntimeStore.setState({ searchModel: { status: 'error', modelId: record.model_id, error } });
    notify(
      'error',
      'Search by meaning failed, so this answer uses the passages found by their words.',
    );
    return null;
  }
}
