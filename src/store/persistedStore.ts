/**
 * One way to make a persisted store: zustand's `persist` on Nook's IndexedDB storage, with a
 * schema version, validation of whatever comes back from disk, unknown stored data kept
 * (store/preserve.ts), and a tab that finds data of a newer version leaving it alone and saying so
 * (runtimeStore.newerData) instead of writing over it.
 */
import { create, type Mutate, type StoreApi, type UseBoundStore } from 'zustand';
import { persist, type PersistOptions } from 'zustand/middleware';
import {
  createIdbStorage,
  watchSaving,
  type IdbPersistStorage,
  type IdbStorageOptions,
} from '../persistence/idbStorage';
import { firstHydration, type Hydration } from './hydration';
import { asStored } from './preserve';
import { useRuntimeStore } from './runtimeStore';

export interface PersistedStoreOptions<S> {
  /** The key in IndexedDB. */
  name: string;
  version: number;
  initial: S;
  /** Validates what comes back from disk (after any migration), keeping what it cannot read. */
  restore(persisted: unknown): S;
  /** Turns data of an older version into this version's; from the version it has. */
  migrate?: (persisted: unknown, fromVersion: number) => unknown;
  /** Joins saved state with this tab's when (re)reading; by default the saved state replaces it. */
  merge?: (stored: S, current: S) => S;
  /** Joins what another tab saved meanwhile with what this tab is about to save. */
  mergeBeforeWrite?: (stored: S, next: S) => S;
  storage?: Pick<
    IdbStorageOptions<unknown>,
    'debounceMs' | 'onStorageError' | 'onWriteSaved' | 'onExternalWrite'
  >;
}

export interface PersistedStore<S> {
  useStore: UseBoundStore<Mutate<StoreApi<S>, [['zustand/persist', unknown]]>>;
  hydration: Hydration;
  storage: IdbPersistStorage<unknown>;
  /**
   * Stores what the store holds now, without waiting for the debounce; true once it is on disk.
   * A user action awaits this before it shows itself done: an unload aborts a running write.
   */
  commit(): Promise<boolean>;
}

watchSaving((saving) => useRuntimeStore.setState({ saving }));

export function createPersistedStore<S extends object>(
  options: PersistedStoreOptions<S>,
): PersistedStore<S> {
  const { name, version, initial, restore, mergeBeforeWrite } = options;
  const storage = createIdbStorage<unknown>({
    ...options.storage,
    version,
    onNewerVersion: () => useRuntimeStore.setState({ newerData: true }),
    mergeBeforeWrite: (stored, next) => ({
      version,
      state: asStored(
        mergeBeforeWrite && stored?.version === version
          ? mergeBeforeWrite(restore(stored.state), next.state as S)
          : next.state,
      ),
    }),
  });
  const persistOptions: PersistOptions<S, unknown> = {
    name,
    version,
    storage: storage as PersistOptions<S, unknown>['storage'],
    // Data of a newer version is read as it is (and never written over).
    migrate: options.migrate ?? ((persisted) => persisted),
    merge: (persisted, current) => {
      const stored = restore(persisted);
      return options.merge ? options.merge(stored, current) : { ...current, ...stored };
    },
  };
  const useStore = create<S>()(persist(() => initial, persistOptions));
  return {
    useStore,
    hydration: firstHydration(useStore.persist),
    storage,
    commit: () => storage.flush(),
  };
}
