import type { CatalogEntry } from '../../engine/catalog';
import { useCatalog } from '../../store/catalog';
import { useModelStore, type CustomModel } from '../../store/modelStore';
import { friendlyName } from './modelNames';

function nameIn(
  catalog: readonly CatalogEntry[] | null,
  customModels: Record<string, CustomModel>,
  modelId: string,
): string {
  const entry = catalog?.find((e) => e.id === modelId);
  return entry ? friendlyName(entry, customModels[modelId]?.name) : modelId;
}

/** The name to show for a model id: friendly, a custom model's own, or the id if unknown. */
export function useModelName(modelId: string | null): string | null {
  const [name] = useModelNames(modelId === null ? [] : [modelId]);
  return name ?? null;
}

/** The names to show for several model ids, in their order. */
export function useModelNames(modelIds: readonly string[]): string[] {
  const catalog = useCatalog();
  const customModels = useModelStore((s) => s.customModels);
  return modelIds.map((id) => nameIn(catalog, customModels, id));
}
