/**
 * zustand `persist` storage over IndexedDB (idb-keyval), built to lose nothing:
 * - values are stored as structured clones, in transactions with strict durability;
 * - writes are debounced (tokens never reach here, but checkpoints and typing do) and flushed at
 *   once when the page is hidden or closed;
 * - each write first reads what is stored and lets the caller merge, so two tabs never overwrite
 *   each other's chats; other tabs are told about every write over a BroadcastChannel.
 * - write failures (a full disk, a blocked database) are reported instead of lost in a console.
 * The only module that may import idb-keyval; must not import the store or any view.
 */
import { get, del, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { onPageHide } from './lifecycle';

export interface IdbStorageOptions<S> {
  databaseName?: string;
  /** Combines what another tab may have stored since with what this tab is about to write. */
  mergeBeforeWrite?: (stored: StorageValue<S> | null, next: StorageValue<S>) => StorageValue<S>;
  onWriteError?: (error: unknown) => void;
  onWriteSuccess?: () => void;
  /** Called when another tab has written. */
  onExternalWrite?: () => void;
  debounceMs?: number;
}

export interface IdbPersistStorage<S> extends PersistStorage<S> {
  /** Writes any pending value now. */
  flush(): Promise<void>;
}

/** Like idb-keyval's createStore, but every write transaction asks for strict durability. */
function createDurableStore(databaseName: string, storeName: string): UseStore {
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    const request = indexedDB.open(databaseName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    return promisifyRequest(request);
  };
  return (mode, callback) =>
    (database ??= open()).then((db) =>
      callback(
        db
          .transaction(storeName, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' })
          .objectStore(storeName),
      ),
    );
}

export function createIdbStorage<S>(options: IdbStorageOptions<S> = {}): IdbPersistStorage<S> {
  const databaseName = options.databaseName ?? 'nook';
  let store: UseStore | undefined;
  const getStore = () => (store ??= createDurableStore(databaseName, 'keyval'));
  const channel =
    typeof BroadcastChannel === 'undefined'
      ? undefined
      : new BroadcastChannel(`${databaseName}-writes`);
  channel?.addEventListener('message', () => options.onExternalWrite?.());

  let pending: { name: string; value: StorageValue<S> } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(name: string, value: StorageValue<S>): Promise<void> {
    try {
      const stored = options.mergeBeforeWrite
        ? ((await get<StorageValue<S>>(name, getStore())) ?? null)
        : null;
      const merged = options.mergeBeforeWrite ? options.mergeBeforeWrite(stored, value) : value;
      await set(name, merged, getStore());
      channel?.postMessage({ type: 'written', name });
      options.onWriteSuccess?.();
    } catch (error) {
      options.onWriteError?.(error);
    }
  }

  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const next = pending;
    pending = undefined;
    // Writes are chained so an older value can never land after a newer one.
    if (next) writing = writing.then(() => write(next.name, next.value));
    return writing;
  }

  onPageHide(() => void flush());

  return {
    async getItem(name) {
      await flush();
      return (await get<StorageValue<S>>(name, getStore())) ?? null;
    },
    setItem(name, value) {
      pending = { name, value };
      timer ??= setTimeout(() => void flush(), options.debounceMs ?? 300);
    },
    async removeItem(name) {
      pending = undefined;
      await del(name, getStore());
    },
    flush,
  };
}
