import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { findCatalogEntry } from '../catalog';
import { useChatStore } from '../chatStore';
import { inflight } from '../inflight';
import { notify, useRuntimeStore } from '../runtimeStore';
import { engineModelId } from '../selectors';
import { loadModel } from './loadModel';
import { refreshModelCache } from './modelFiles';
import { unloadSearchModel } from './searchModel';
import { engineTabLock } from './tabLock';
import { startWarmStart } from './warmStart';

/** Frees the GPU memory the models hold (chat and search); the downloads stay on the device. */
export async function unloadModel(): Promise<void> {
  if (useRuntimeStore.getState().generation) return;
  inflight.warm?.abort();
  inflight.load?.abort();
  await getEngine().call.unload({});
  await unloadSearchModel();
  engineTabLock.release();
  useRuntimeStore.setState({ engine: { status: 'idle' } });
}

/** Another tab asked for the GPU: stop what this tab is doing (keeping it), unload, let go. */
export async function releaseToOtherTab(): Promise<void> {
  inflight.generation?.abort();
  inflight.load?.abort();
  await getEngine()
    .call.unload({})
    .catch(() => undefined);
  await unloadSearchModel();
  engineTabLock.release();
  useRuntimeStore.setState({ engine: { status: 'elsewhere' } });
  // Once that tab lets go, this one's model warms again (when it is on screen).
  startWarmStart();
}

/** Takes the GPU from the tab that holds it and loads this tab's model; false if it did not load. */
export async function takeGpuFromOtherTab(): Promise<boolean> {
  const { selectedModelId } = useChatStore.getState();
  useRuntimeStore.setState({ engine: { status: 'idle' } });
  await engineTabLock.takeOver();
  return selectedModelId !== null && (await loadModel(selectedModelId));
}

/** Deletes a model's weights, library and config from this device (unloading it first). */
export async function deleteDownloadedModel(modelId: string): Promise<void> {
  const entry = findCatalogEntry(modelId);
  const { engine, generation } = useRuntimeStore.getState();
  if (!entry || generation) return;
  if (engineModelId(engine) === modelId) await unloadModel();
  try {
    await getEngine().call.cacheDelete({ model: entry.model });
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
