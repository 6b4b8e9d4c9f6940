/**
 * zustand `persist` storage over IndexedDB (idb-keyval). Values are stored as structured clones,
 * not JSON strings. Write failures (a full disk, a blocked database) are reported to the caller
 * instead of being lost in a console. The only module besides persistence/ tests that may import
 * idb-keyval; must not import the store or any view.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export interface IdbStorageOptions {
  onWriteError?: (error: unknown) => void;
  /** Database name; tests pass their own. */
  databaseName?: string;
}

export function createIdbStorage<S>(options: IdbStorageOptions = {}): PersistStorage<S> {
  let store: UseStore | undefined;
  const getStore = () => (store ??= createStore(options.databaseName ?? 'nook', 'keyval'));
  return {
    async getItem(name) {
      return (await get<StorageValue<S>>(name, getStore())) ?? null;
    },
    async setItem(name, value) {
      try {
        await set(name, value, getStore());
      } catch (error) {
        options.onWriteError?.(error);
      }
    },
    async removeItem(name) {
      await del(name, getStore());
    },
  };
}
