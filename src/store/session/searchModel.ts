import type { ModelRecord } from '@mlc-ai/web-llm';
import { embeddingRecords } from '../../models/catalog';
import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { notify, useRuntimeStore } from '../runtimeStore';

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
      .call.cacheStatus({ models: records.map((record) => ({ engine: 'webllm', record })) })
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
    await getEngine().call.embed({ record, texts: ['warm up'] });
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
    .call.unloadEmbedder({})
    .catch(() => undefined);
  const state = useRuntimeStore.getState().searchModel;
  if (state.status === 'ready') setReady(state.modelId, false);
}

/**
 * Embeds texts with the search model, for searching documents by meaning; undefined when there is
 * none on the device, or it failed (until Retry).
 */
export async function searchEmbedder(): Promise<
  ((texts: string[]) => Promise<number[][]>) | undefined
> {
  const record = await searchModel();
  if (!record || useRuntimeStore.getState().searchModel.status !== 'ready') return undefined;
  return async (texts) => {
    const vectors = await getEngine().call.embed({ record, texts });
    setReady(record.model_id, true);
    return vectors;
  };
}

/**
 * Search by meaning failed: it is off (the document panel says so and offers Retry), and the
 * question was answered from the passages found by their words.
 */
export function searchByMeaningFailed(failure: unknown): void {
  const state = useRuntimeStore.getState().searchModel;
  if (state.status !== 'ready') return;
  useRuntimeStore.setState({
    searchModel: { status: 'error', modelId: state.modelId, error: classifyError(failure) },
  });
  notify(
    'info',
    'Search by meaning failed, so this answer uses the passages found by their words.',
  );
}
