import { recommendModel } from '../../engine/catalog';
import { getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useModelStore } from '../modelStore';
import { useRuntimeStore } from '../runtimeStore';
import { engineModelId } from '../selectors';
import { unloadModel } from '../session/modelSession';

/**
 * Removes a custom model from the list (its downloaded files stay until deleted). If chats were
 * using it, they switch to the recommended model; if it is loaded, it is unloaded first.
 */
export async function removeCustomModel(id: string): Promise<void> {
  const { engine, generation, gpu } = useRuntimeStore.getState();
  if (!(id in useModelStore.getState().customModels) || generation) return;
  if (engineModelId(engine) === id) await unloadModel();
  useModelStore.setState((s) => {
    const { [id]: _removed, ...customModels } = s.customModels;
    return { customModels };
  });
  if (useChatStore.getState().selectedModelId === id && gpu) {
    useChatStore.setState({ selectedModelId: recommendModel(getCatalog() ?? [], gpu)?.id ?? null });
  }
}
