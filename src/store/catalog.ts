/**
 * The catalog the app offers: WebLLM's prebuilt records (sent by the worker) plus the user's
 * custom models, as one list of entries. Derived, never stored; memoized on its two sources.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import { buildCatalog, toCatalogEntry, type CatalogEntry } from '../engine/catalog';
import { useModelStore, type CustomModel } from './modelStore';
import { useRuntimeStore } from './runtimeStore';

export function customModelRecord(model: CustomModel): ModelRecord {
  return {
    model: model.modelUrl,
    model_id: model.id,
    model_lib: model.modelLibUrl,
    ...(model.vramMB !== undefined && { vram_required_MB: model.vramMB }),
    ...(model.contextWindow !== undefined && {
      overrides: { context_window_size: model.contextWindow },
    }),
    ...(model.integrity && { integrity: model.integrity }),
  };
}

let memo: {
  records: ModelRecord[];
  custom: Record<string, CustomModel>;
  catalog: CatalogEntry[];
} | null = null;

export function deriveCatalog(
  records: ModelRecord[] | null,
  custom: Record<string, CustomModel>,
): CatalogEntry[] | null {
  if (!records) return null;
  if (memo?.records === records && memo.custom === custom) return memo.catalog;
  const customEntries = Object.values(custom)
    .sort((a, b) => a.addedAt - b.addedAt)
    .map((m) => ({
      ...toCatalogEntry(customModelRecord(m), m.modelUrl),
      family: 'Custom',
      custom: true,
    }));
  const catalog = [...customEntries, ...buildCatalog(records)];
  memo = { records, custom, catalog };
  return catalog;
}

export function getCatalog(): CatalogEntry[] | null {
  return deriveCatalog(
    useRuntimeStore.getState().prebuiltRecords,
    useModelStore.getState().customModels,
  );
}

export function useCatalog(): CatalogEntry[] | null {
  const records = useRuntimeStore((s) => s.prebuiltRecords);
  const custom = useModelStore((s) => s.customModels);
  return deriveCatalog(records, custom);
}

export function findCatalogEntry(modelId: string | null): CatalogEntry | undefined {
  return getCatalog()?.find((e) => e.id === modelId);
}

/** Resolves once the worker has sent the catalog (or failed to): a message sent sooner waits. */
export function whenCatalogReady(): Promise<void> {
  const ready = (s: ReturnType<typeof useRuntimeStore.getState>) =>
    s.prebuiltRecords !== null || s.catalogError !== null || s.gpu?.status === 'unavailable';
  if (ready(useRuntimeStore.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = useRuntimeStore.subscribe((state) => {
      if (!ready(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Tokens the model reads at once; WebLLM's usual 4,096 where the record does not say. */
export function contextWindowOf(modelId: string): number {
  return findCatalogEntry(modelId)?.contextWindow ?? 4096;
}
