import type { CatalogEntry } from '../../models/catalog';
import { useCatalog } from '../../store/catalog';
import { addedModel, useModelStore, type PersistedModelState } from '../../store/modelStore';
import { distinguishNames, friendlyName } from '../../models/names';

function nameIn(
  catalog: readonly CatalogEntry[],
  added: PersistedModelState,
  modelId: string,
): string {
  const entry = catalog.find((e) => e.id === modelId);
  return entry ? friendlyName(entry, addedModel(added, modelId)?.name) : modelId;
}

/** The name to show for a model id: friendly, a custom model's own, or the id if unknown. */
export function useModelName(modelId: string | null): string | null {
  const [name] = useModelNames(modelId === null ? [] : [modelId]);
  return name ?? null;
}

/** The names to show for several model ids, in their order, each telling its build apart. */
export function useModelNames(modelIds: readonly string[]): string[] {
  const catalog = useCatalog();
  const added = useModelStore();
  return distinguishNames(
    modelIds.map((id) => catalog.find((e) => e.id === id)),
    modelIds.map((id) => nameIn(catalog, added, id)),
  );
}
