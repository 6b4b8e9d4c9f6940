import { useCatalog } from '../../store/catalog';
import { useModelStore } from '../../store/modelStore';
import { friendlyName } from './modelNames';

/** The name to show for a model id: friendly, a custom model's own, or the id if unknown. */
export function useModelName(modelId: string | null): string | null {
  const catalog = useCatalog();
  const customName = useModelStore((s) => (modelId ? s.customModels[modelId]?.name : undefined));
  const entry = catalog?.find((e) => e.id === modelId);
  return entry ? friendlyName(entry, customName) : modelId;
}
