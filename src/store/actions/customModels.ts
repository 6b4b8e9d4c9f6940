import { recommendModel } from '../../models/catalog';
import { getEngine } from '../../engine/client';
import { classifyError, type EngineError } from '../../engine/errors';
import { getCatalog, ggufCustomModel } from '../catalog';
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
import { refreshModelCache } from '../session/modelFiles';
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
 * Copies a GGUF file chosen on this computer into llama.cpp's store, as the model's, so it loads
 * (and works offline) as a downloaded one does. A file that is not a whole GGUF is refused, with
 * nothing stored.
 */
export async function storeModelFile(
  model: Omit<GgufCustomModel, 'addedAt'>,
  file: File,
  signal: AbortSignal,
): Promise<{ ok: true; bytes: number } | { ok: false; error: EngineError }> {
  try {
    const info = await getEngine().call.storeModelFile(
      { model: ggufCustomModel(model), file },
      { signal },
    );
    return { ok: true, bytes: info.bytes };
  } catch (error) {
    return { ok: false, error: classifyError(error) };
  } finally {
    await refreshModelCache();
  }
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
    useChatStore.setState({ selectedModelId: recommendModel(getCatalog(), gpu)?.id ?? null });
    void commitChats();
  }
  await commitModels();
}
