import { recommendModel } from '../../models/catalog';
import { getEngine } from '../../engine/client';
import { classifyError, type EngineError } from '../../engine/errors';
import type { FolderFile, StoredFolder } from '../../engine/protocol';
import { customModelRecord, getCatalog, ggufCustomModel } from '../catalog';
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
export async function saveAddedModel(
  model: { engine: 'webllm'; saved: CustomModel } | { engine: 'llamacpp'; saved: GgufCustomModel },
): Promise<boolean> {
  const before =
    model.engine === 'webllm' ? useModelStore.getState().customModels[model.saved.id] : undefined;
  useModelStore.setState((s) =>
    model.engine === 'webllm'
      ? { customModels: { ...s.customModels, [model.saved.id]: model.saved } }
      : { ggufModels: { ...s.ggufModels, [model.saved.id]: model.saved } },
  );
  const saved = await commitModels();
  // A folder's copy is found only by the made-up addresses the record had: once the model's
  // files are on the internet instead, nothing else could ever delete that copy.
  const movedOnline = model.engine === 'webllm' && model.saved.folderName === undefined;
  if (saved && before?.folderName !== undefined && movedOnline) {
    await getEngine()
      .call.cacheDelete({ model: { engine: 'webllm', record: customModelRecord(before) } })
      .catch(() => undefined);
    await refreshModelCache();
  }
  return saved;
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
 * Checks an MLC model folder chosen on this computer and stores it in WebLLM's cache as the
 * model's, so it loads (and works offline) as a downloaded one does. A folder that is not a whole
 * MLC model is refused with the sentence saying why, with nothing stored.
 */
export async function storeModelFolder(
  model: Omit<CustomModel, 'addedAt'>,
  files: FolderFile[],
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<{ ok: true; folder: StoredFolder } | { ok: false; error: EngineError }> {
  try {
    const folder = await getEngine().call.storeModelFolder(
      { model: { engine: 'webllm', record: customModelRecord({ ...model, addedAt: 0 }) }, files },
      { signal, onProgress: (progress) => onProgress(progress.fraction) },
    );
    return { ok: true, folder };
  } catch (error) {
    return { ok: false, error: classifyError(error) };
  } finally {
    await refreshModelCache();
  }
}

/**
 * Removes a custom model from the list. A WebLLM model's downloaded files stay until deleted; a
 * GGUF file's or a model folder's copy goes with it (nothing else could reach it). If chats were using it, they
 * switch to the recommended model; if it is loaded, it is unloaded first.
 */
export async function removeCustomModel(id: string): Promise<void> {
  const { engine, generation, gpu } = useRuntimeStore.getState();
  if (!addedModel(useModelStore.getState(), id) || generation) return;
  if (engineModelId(engine) === id) await unloadModel();
  // A GGUF file or a folder chosen on this computer: nothing else could reach its stored copy.
  const { ggufModels, customModels } = useModelStore.getState();
  if (Object.hasOwn(ggufModels, id) || customModels[id]?.folderName !== undefined) {
    await deleteDownloadedModel(id);
  }
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
