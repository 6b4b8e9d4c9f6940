import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { readStorageStatus, requestPersistentStorage } from '../../persistence/storageQuota';
import { findCatalogEntry, getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { notify, useRuntimeStore } from '../runtimeStore';
import { engineModelId } from '../selectors';
import { inflight } from './inflight';
import { generateReply } from './generateReply';
import { loadModel } from './loadModel';
import { unloadSearchModel } from './searchModel';
import { engineTabLock } from './tabLock';

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

/** Frees the GPU memory the models hold (chat and search); the downloads stay on the device. */
export async function unloadModel(): Promise<void> {
  if (useRuntimeStore.getState().generation) return;
  await getEngine().unload();
  await unloadSearchModel();
  engineTabLock.release();
  useRuntimeStore.setState({ engine: { status: 'idle' } });
}

/** Another tab asked for the GPU: stop what this tab is doing (keeping it), unload, let go. */
export async function releaseToOtherTab(): Promise<void> {
  inflight.generation?.abort();
  inflight.load?.abort();
  await getEngine()
    .unload()
    .catch(() => undefined);
  await unloadSearchModel();
  engineTabLock.release();
  useRuntimeStore.setState({ engine: { status: 'elsewhere' } });
}

/**
 * Takes the GPU from the tab that holds it, loads this tab's model, and answers the question that
 * was waiting for it, if any.
 */
export async function takeOverFromOtherTab(): Promise<void> {
  const { selectedModelId, activeConversationId, conversations } = useChatStore.getState();
  useRuntimeStore.setState({ engine: { status: 'idle' } });
  await engineTabLock.takeOver();
  if (!selectedModelId || !(await loadModel(selectedModelId))) return;
  const waiting = activeConversationId ? conversations[activeConversationId] : undefined;
  if (waiting?.messages.at(-1)?.role === 'user') await generateReply(waiting.id);
}

/** Deletes a model's weights, library and config from this device (unloading it first). */
export async function deleteDownloadedModel(modelId: string): Promise<void> {
  const entry = findCatalogEntry(modelId);
  const { engine, generation } = useRuntimeStore.getState();
  if (!entry || generation) return;
  if (engineModelId(engine) === modelId) await unloadModel();
  try {
    await getEngine().deleteFromCache(entry.record);
  } catch (err) {
    notify('error', `Could not delete ${modelId}: ${classifyError(err).detail}`);
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
