import { recommendModel } from '../../engine/catalog';
import { getCatalog } from '../catalog';
import { commitChats, useChatStore } from '../chatStore';
import {
  addedModel,
  commitModels,
  useModelStore,
  type CustomModel,
  type GgufCustomModel,
} from '../modelStore';
import { useRuntimeStore } from '../runtimeStore';
import { engineModelId } from '../selectors';
import { deleteDownloadedModel, unloadModel } from '../session/modelSession';

/**
 * Adds (or replaces) a model the user described; resolves once it is stored (true) or could not
 * be (false, reported as a storage error), so the form closes only when a reload would keep it.
 */
export function saveAddedModel(
  model: { engine: 'webllm'; saved: CustomModel } | { engine: 'llamacpp'; saved: GgufCustomModel },
): Promise<boolean> {
  useModelStore.setState((s) =>
    model.engine === 'webllm'
      ? { customModels: { ...s.customModels, [model.saved.id]: model.saved } }
      : { ggufModels: { ...s.ggufModels, [model.saved.id]: model.saved } },
  );
  return commitModels();
}

/**
 * Removes a custom model from the list. A WebLLM model's downloaded files stay until deleted; a
 * GGUF model's file goes with it (nothing else could reach it). If chats were using it, they
 * switch to the recommended model; if it is loaded, it is unloaded first.
 */
export async function removeCustomModel(id: string): Promise<void> {
  const { engine, generation, gpu } = useRuntimeStore.getState();
  if (!addedModel(useModelStore.getState(), id) || generation) return;
  if (engineModelId(engine) === id) await unloadModel();
  if (Object.hasOwn(useModelStore.getState().ggufModels, id)) await deleteDownloadedModel(id);
  useModelStore.setState(({ customModels, ggufModels }) => {
    const { [id]: _custom, ...otherCustom } = customModels;
    const { [id]: _gguf, ...otherGguf } = ggufModels;
    return { customModels: otherCustom, ggufModels: otherGguf };
  });
  if (useChatStore.getState().selectedModelId === id && gpu) {
    useChatStore.setState({ selectedModelId: recommendModel(getCatalog() ?? [], gpu)?.id ?? null });
    void commitChats();
  }
  await commitModels();
}
