/**
 * The catalog the app offers: the user's custom models, WebLLM's prebuilt records (read from WebLLM
 * at build time, build/webllmCatalog.ts) and the GGUF builds for llama.cpp, as one list of entries. Derived, never stored;
 * memoized on its sources.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import {
  buildCatalog,
  GGUF_CATALOG,
  ggufCatalogEntry,
  runsOn,
  toCatalogEntry,
  type CatalogEntry,
} from '../models/catalog';
import type { GgufModel } from '../models/engineModel';
import { DEFAULT_GGUF_CONTEXT } from '../models/ggufBuilds';
import {
  useModelStore,
  type CustomModel,
  type GgufCustomModel,
  type PersistedModelState,
} from './modelStore';
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

export function ggufCustomModel(
  model: Pick<GgufCustomModel, 'id' | 'url' | 'bytes' | 'contextWindow'>,
): GgufModel {
  return {
    engine: 'llamacpp',
    id: model.id,
    ...(model.url !== undefined && { url: model.url }),
    ...(model.bytes !== undefined && { bytes: model.bytes }),
    contextWindow: model.contextWindow ?? DEFAULT_GGUF_CONTEXT,
  };
}

type AddedModels = Pick<PersistedModelState, 'customModels' | 'ggufModels'>;

let memo: {
  records: ModelRecord[];
  custom: Record<string, CustomModel>;
  gguf: Record<string, GgufCustomModel>;
  catalog: CatalogEntry[];
} | null = null;

/** The models the user added first, oldest first, then WebLLM's, then the GGUF builds. */
export function deriveCatalog(
  records: ModelRecord[],
  { customModels, ggufModels }: AddedModels,
): CatalogEntry[] {
  if (memo?.records === records && memo.custom === customModels && memo.gguf === ggufModels) {
    return memo.catalog;
  }
  const added = [
    ...Object.values(customModels).map((m) => ({
      addedAt: m.addedAt,
      entry: toCatalogEntry(customModelRecord(m), m.modelUrl),
    })),
    ...Object.values(ggufModels).map((m) => ({
      addedAt: m.addedAt,
      entry: ggufCatalogEntry(ggufCustomModel(m), m.fileName ?? m.name),
    })),
  ]
    .sort((a, b) => a.addedAt - b.addedAt)
    .map(({ entry }) => ({ ...entry, family: 'Custom', custom: true }));
  const catalog = [...added, ...buildCatalog(records), ...GGUF_CATALOG];
  memo = { records, custom: customModels, gguf: ggufModels, catalog };
  return catalog;
}

export function getCatalog(): CatalogEntry[] {
  return deriveCatalog(useRuntimeStore.getState().prebuiltRecords, useModelStore.getState());
}

export function useCatalog(): CatalogEntry[] {
  const records = useRuntimeStore((s) => s.prebuiltRecords);
  const customModels = useModelStore((s) => s.customModels);
  const ggufModels = useModelStore((s) => s.ggufModels);
  return deriveCatalog(records, { customModels, ggufModels });
}

export function findCatalogEntry(modelId: string | null): CatalogEntry | undefined {
  return getCatalog().find((e) => e.id === modelId);
}

/** Tokens the model reads at once; WebLLM's usual 4,096 where the record does not say. */
export function contextWindowOf(modelId: string): number {
  return findCatalogEntry(modelId)?.contextWindow ?? 4096;
}

/** Which engine runs the loaded model, and on what ("llama.cpp · CPU · 2 threads"); null if none. */
export function loadedRunsOn(): string | null {
  const { engine } = useRuntimeStore.getState();
  if (engine.status !== 'ready') return null;
  return runsOn(findCatalogEntry(engine.modelId)?.engine, engine.device);
}
