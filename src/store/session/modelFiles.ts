import { getEngine } from '../../engine/client';
import { readStorageStatus, requestPersistentStorage } from '../../persistence/storageQuota';
import { getCatalog } from '../catalog';
import { useRuntimeStore } from '../runtimeStore';

/** Asks the worker what of each model is downloaded, and the browser how much room is used. */
export async function refreshModelCache(): Promise<void> {
  const catalog = getCatalog();
  const [modelCache, storage] = await Promise.all([
    getEngine().call.cacheStatus({ models: catalog.map((e) => e.model) }),
    readStorageStatus(),
  ]);
  useRuntimeStore.setState({ modelCache, storage });
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
