import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { readStorageStatus, requestPersistentStorage } from '../../persistence/storageQuota';
import { findCatalogEntry, getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { loadModel } from './loadModel';

/** Asks the worker what of each model is downloaded, and the browser how much room is used. */
export async function refreshModelCache(): Promise<void> {
  const catalog = getCatalog();
  const [modelCache, storage] = await Promise.all([
    catalog ? getEngine().cacheStatus(catalog.map((e) => e.record)) : null,
    readStorageStatus(),
  ]);
  useRuntimeStore.setState({ ...(modelCache && { modelCache }), storage });
}

/** After a model is on the device: ask once to keep it (persistent storage), then refresh. */
export async function afterModelCached(): Promise<void> {
  const storage = useRuntimeStore.getState().storage ?? (await readStorageStatus());
  if (storage.persistent === false) await requestPersistentStorage();
  await refreshModelCache();
}

export async function askForPersistentStorage(): Promise<void> {
  await requestPersistentStorage();
  useRuntimeStore.setState({ storage: await readStorageStatus() });
}

/** Frees the GPU memory the loaded model holds; the download stays on the device. */
export async function unloadModel(): Promise<void> {
  if (useRuntimeStore.getState().generation) return;
  await getEngine().unload();
  useRuntimeStore.setState({ engine: { status: 'idle' } });
}

/** Deletes a model's weights, library and config from this device (unloading it first). */
export async function deleteDownloadedModel(modelId: string): Promise<void> {
  const entry = findCatalogEntry(modelId);
  const { engine, generation } = useRuntimeStore.getState();
  if (!entry || generation) return;
  if (engine.status !== 'idle' && engine.modelId === modelId) await unloadModel();
  try {
    await getEngine().deleteFromCache(entry.record);
  } catch (err) {
    useRuntimeStore.setState({
      notice: { kind: 'error', text: `Could not delete ${modelId}: ${classifyError(err).detail}` },
    });
  }
  await refreshModelCache();
}

/** A broken or half-finished download: delete what is cached and download it again. */
export async function repairModel(modelId: string): Promise<void> {
  await deleteDownloadedModel(modelId);
  await loadModel(modelId);
}

/** Makes a model the one chats use, and loads it now unless a reply is being written. */
export async function switchToModel(modelId: string): Promise<void> {
  if (useRuntimeStore.getState().generation) return;
  useChatStore.setState({ selectedModelId: modelId });
  await loadModel(modelId);
}
