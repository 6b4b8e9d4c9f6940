/**
 * The origin's storage: how much is used, how much the browser allows, and whether it will keep
 * our data when space runs low (persistent storage). persist() exists only on the UI thread and
 * is best asked right after the user did something that needs it, like downloading a model.
 */
import { storedImageBytes } from './imageStore';

export interface StorageStatus {
  usageBytes: number | null;
  /** Of that, the images of chats (persistence/imageStore). */
  imageBytes: number | null;
  quotaBytes: number | null;
  persistent: boolean | null;
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage as StorageManager | undefined;
  const imageBytes = await storedImageBytes().catch(() => null);
  if (!storage) return { usageBytes: null, imageBytes, quotaBytes: null, persistent: null };
  const [estimate, persistent] = await Promise.all([
    storage.estimate().catch(() => undefined),
    storage.persisted?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  return {
    usageBytes: estimate?.usage ?? null,
    imageBytes,
    quotaBytes: estimate?.quota ?? null,
    persistent,
  };
}

/** Asks the browser to keep our data; resolves whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
