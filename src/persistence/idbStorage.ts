/**
 * zustand `persist` storage over IndexedDB (idb-keyval), built to lose nothing:
 * - values are stored as structured clones, in transactions with strict durability;
 * - writes are debounced (tokens never reach here, but checkpoints and typing do) and flushed at
 *   once when the page is hidden or closed;
 * - each write first reads what is stored and lets the caller merge, so two tabs never overwrite
 *   each other's chats; other tabs are told about every write over a BroadcastChannel.
 * - write failures (a full disk, a blocked database) are reported instead of lost in a console;
 * - a write can be waited for (`flush`), so a user action is shown as done only once it is stored:
 *   a transaction still running when the page unloads is aborted, and what it held is lost; and
 *   `watchSaving` tells whether any write is still on its way, for a "Saving…" note;
 * - data stored by a newer version of the schema is never written over: a tab of an older
 *   version says so (`onNewerVersion`) and stops saving, so the newer tab's data survives.
 * And built to be erased: reading never creates a database (only writing does), a connection
 * closes when another tab deletes its database, and `shutDownPersistence()` stops every storage
 * and store made here for good (see store/actions/eraseAllData).
 * The only module that may import idb-keyval; must not import the store or any view.
 */
import { get, del, type UseStore } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { onPageHide } from './lifecycle';

export interface IdbStorageOptions<S> {
  databaseName?: string;
  /** Combines what another tab may have stored since with what this tab is about to write. */
  mergeBeforeWrite?: (stored: StorageValue<S> | null, next: StorageValue<S>) => StorageValue<S>;
  /** Reading or writing failed: the user must be told that chats are not being saved. */
  onStorageError?: (error: unknown) => void;
  onWriteSaved?: () => void;
  /** Called when another tab has written. */
  onExternalWrite?: () => void;
  debounceMs?: number;
  /** The schema version this tab writes; stored data of a higher one is left alone. */
  version?: number;
  /** What is stored has a higher version than this tab's: nothing more is saved. */
  onNewerVersion?: () => void;
}

export interface IdbPersistStorage<S> extends PersistStorage<S> {
  /**
   * Writes any pending value now; resolves once every write issued so far has settled: true when
   * the last one was stored, false when it failed (the failure was reported to onStorageError).
   */
  flush(): Promise<boolean>;
}

/** How many storages have a write pending or under way, and who wants to know. */
let unsettledStorages = 0;
const savingListeners = new Set<(saving: boolean) => void>();

/** Calls `listener` whenever writes start or stop being on their way to disk (in any storage). */
export function watchSaving(listener: (saving: boolean) => void): () => void {
  savingListeners.add(listener);
  return () => savingListeners.delete(listener);
}

function countUnsettled(change: 1 | -1) {
  const before = unsettledStorages > 0;
  unsettledStorages += change;
  if (before !== unsettledStorages > 0) {
    for (const listener of savingListeners) listener(unsettledStorages > 0);
  }
}

/** Everything made here that holds a connection or may still write, so it can all be stopped. */
const stoppables = new Set<() => Promise<void>>();

/**
 * Stops every storage and store made by this module, for good (until the page reloads): pending
 * writes are dropped, a write already running finishes, connections close, and nothing opens (or
 * re-creates) a database afterwards. Erasing all data needs this first: an open connection holds
 * `deleteDatabase` back, and a late debounced write would bring the database back.
 */
export async function shutDownPersistence(): Promise<void> {
  await Promise.all([...stoppables].map((stop) => stop()));
}

class StoppedError extends Error {
  constructor(databaseName: string) {
    super(`Storage of ${databaseName} has been shut down`);
    this.name = 'StoppedError';
  }
}

/**
 * One database with one object store and at most one open connection. Writes open it, creating it
 * when missing; reads use it only if it exists.
 */
class Database {
  private connection: Promise<IDBDatabase | undefined> | undefined;
  private stopped = false;
  /**
   * Set when a look ahead of the first reads (`openSharedDatabase`) found no database: the reads
   * then need not look again. Each look that finds none aborts an upgrade, and on a first visit
   * that answer waited behind the app's start-up work for up to 50 ms. Forgotten when this tab
   * writes, or another tab says it wrote.
   */
  private foundMissing = false;
  /** Counts what makes a missing answer stale: this tab about to write, another tab's write. */
  private changes = 0;

  constructor(
    readonly name: string,
    private readonly storeName: string,
  ) {}

  private open(create: boolean): Promise<IDBDatabase | undefined> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(this.name);
      let missing = false;
      request.onupgradeneeded = (event) => {
        if (!create && event.oldVersion === 0) {
          // Only reading, and there is nothing to read: do not leave an empty database behind.
          missing = true;
          request.transaction?.abort();
          return;
        }
        request.result.createObjectStore(this.storeName);
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab deleting (erasing) or upgrading the database must not wait for this tab.
        db.onversionchange = () => {
          db.close();
          this.connection = undefined;
        };
        resolve(db);
      };
      request.onerror = (event) => {
        if (!missing) return reject(request.error);
        event.preventDefault();
        resolve(undefined);
      };
    });
  }

  /** The open connection; undefined when `create` is false and the database does not exist. */
  async connect(create: boolean): Promise<IDBDatabase | undefined> {
    if (create) this.forgetMissing();
    else if (this.foundMissing) return undefined;
    for (;;) {
      if (this.stopped) throw new StoppedError(this.name);
      const opening = (this.connection ??= this.open(create));
      let db: IDBDatabase | undefined;
      try {
        db = await opening;
      } catch (error) {
        // A failed open (a private mode without IndexedDB, a full disk) is tried again next time.
        if (this.connection === opening) this.connection = undefined;
        throw error;
      }
      if (this.stopped) {
        db?.close();
        throw new StoppedError(this.name);
      }
      if (db) return db;
      // It did not exist (a read looked): forget that, so a write can create it.
      if (this.connection === opening) this.connection = undefined;
      if (!create) return undefined;
    }
  }

  /** idb-keyval's store interface; every write transaction asks for strict durability. */
  readonly useStore: UseStore = async (mode, callback) => {
    const db = (await this.connect(true)) as IDBDatabase;
    return callback(
      db
        .transaction(this.storeName, mode, {
          durability: mode === 'readwrite' ? 'strict' : 'default',
        })
        .objectStore(this.storeName),
    );
  };

  /** Like `useStore`, but never creates the database: undefined when it does not exist. */
  async ifExists<T>(read: (store: UseStore) => Promise<T>): Promise<T | undefined> {
    if (!(await this.connect(false))) return undefined;
    return read(this.useStore);
  }

  /** Opens the database ahead of the reads that will need it, remembering when it is missing. */
  async lookAhead(): Promise<void> {
    const changes = this.changes;
    if (!(await this.connect(false)) && changes === this.changes) this.foundMissing = true;
  }

  forgetMissing(): void {
    this.foundMissing = false;
    this.changes += 1;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const opening = this.connection;
    this.connection = undefined;
    (await opening?.catch(() => undefined))?.close();
  }
}

/**
 * A key-value store in its own database, like idb-keyval's createStore (any use opens the
 * database, creating it when missing), for modules that keep data outside the zustand stores; the
 * difference is that `shutDownPersistence()` closes it and stops it for good, and that another
 * tab deleting the database is not held back by it.
 */
export function createKeyvalStore(databaseName: string, storeName: string): UseStore {
  return createReadOnlyIfMissingStore(databaseName, storeName).useStore;
}

/** The same, for data read often and written rarely: reading never creates the database. */
export function createReadOnlyIfMissingStore(
  databaseName: string,
  storeName: string,
): Pick<Database, 'useStore' | 'ifExists'> {
  const database = new Database(databaseName, storeName);
  stoppables.add(() => database.stop());
  return database;
}

/**
 * The stores persisted in one database share its connection. Three connections each opened the
 * same database at start, and on a first visit IndexedDB ran their opens (each finding no database)
 * one after the other: about 60 ms before the app could render, measured here.
 */
interface SharedDatabase {
  database: Database;
  /**
   * Where this tab tells the others it wrote, and hears that they did. One per tab: with one per
   * store, every store heard the others' writes in its own tab, and the chats were read again
   * after each write of the models or documents.
   */
  channel: BroadcastChannel | undefined;
}

const sharedDatabases = new Map<string, SharedDatabase>();

/** The database the app's persisted stores share unless told otherwise. */
const APP_DATABASE = 'nook';

function sharedDatabase(name: string): SharedDatabase {
  let shared = sharedDatabases.get(name);
  if (!shared) {
    const database = new Database(name, 'keyval');
    const channel =
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`${name}-writes`);
    // Another tab's write makes a missing database found by a look ahead stale.
    channel?.addEventListener('message', () => database.forgetMissing());
    stoppables.add(async () => channel?.close());
    shared = { database, channel };
    sharedDatabases.set(name, shared);
  }
  return shared;
}

/**
 * Starts opening a shared database (never creating it) for the stores that will read it. A failure
 * is left for their own reads to meet and report.
 */
export function openSharedDatabase(name = APP_DATABASE): Promise<void> {
  return sharedDatabase(name)
    .database.lookAhead()
    .catch(() => undefined);
}

export function createIdbStorage<S>(options: IdbStorageOptions<S> = {}): IdbPersistStorage<S> {
  const { database, channel } = sharedDatabase(options.databaseName ?? APP_DATABASE);
  const onMessage = () => options.onExternalWrite?.();
  channel?.addEventListener('message', onMessage);

  let pending: { name: string; value: StorageValue<S> } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<boolean> = Promise.resolve(true);
  /** Writes issued and not yet settled. */
  let inFlight = 0;
  let unsettled = false;
  let stopped = false;
  /** What this tab last read or wrote, for the write made as the page goes away. */
  let lastStored: StorageValue<S> | null = null;

  const merge = (stored: StorageValue<S> | null, next: StorageValue<S>) =>
    options.mergeBeforeWrite ? options.mergeBeforeWrite(stored, next) : next;
  /** Set once stored data turns out newer than this tab: from then on nothing is written. */
  let newerStored = false;
  const checkVersion = (stored: StorageValue<S> | null) => {
    const newer =
      options.version !== undefined &&
      typeof stored?.version === 'number' &&
      stored.version > options.version;
    if (newer && !newerStored) {
      newerStored = true;
      options.onNewerVersion?.();
    }
    return newer;
  };

  /**
   * Reads, merges and writes in one transaction: transactions on a store run in the order they
   * were made, so no older write can land after a newer one, and no other tab's write can slip in
   * between the read and the write.
   */
  function markUnsettled(now: boolean) {
    if (now === unsettled) return;
    unsettled = now;
    countUnsettled(now ? 1 : -1);
  }

  function write(name: string, value: StorageValue<S>, fromMemory: boolean): Promise<boolean> {
    if (stopped || newerStored) return Promise.resolve(false);
    inFlight += 1;
    return database
      .useStore('readwrite', (store) => {
        // put() can throw (a full disk, a value it cannot clone) as well as fail the transaction.
        let failure: unknown;
        const putMerged = (stored: StorageValue<S> | null) => {
          if (checkVersion(stored)) return;
          try {
            const merged = merge(stored, value);
            store.put(merged, name);
            lastStored = merged;
          } catch (error) {
            failure = error;
            store.transaction.abort();
          }
        };
        if (fromMemory) {
          // The page is going away: no time to wait for a read, so merge with what was last seen.
          putMerged(lastStored);
          if (failure === undefined) store.transaction.commit();
        } else {
          const read = store.get(name);
          read.onsuccess = () => putMerged((read.result as StorageValue<S> | undefined) ?? null);
        }
        return new Promise<void>((resolve, reject) => {
          store.transaction.oncomplete = () => resolve();
          store.transaction.onabort = store.transaction.onerror = () =>
            reject(failure ?? store.transaction.error ?? new Error('The save was aborted'));
        });
      })
      .then(() => {
        if (newerStored) return false;
        channel?.postMessage({ type: 'written', name });
        options.onWriteSaved?.();
        return true;
      })
      .catch((error: unknown) => {
        if (!stopped) options.onStorageError?.(error);
        return false;
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0 && !pending) markUnsettled(false);
      });
  }

  function takePending() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const next = pending;
    pending = undefined;
    return next;
  }

  function flush(): Promise<boolean> {
    const next = takePending();
    // Chained as well, so the success and error reports come in order.
    if (next) writing = writing.then(() => write(next.name, next.value, false));
    return writing;
  }

  // Issued at once, not chained behind a write under way: the transaction it makes is ordered
  // after that write's by IndexedDB itself.
  const stopListening = onPageHide(() => {
    const next = takePending();
    if (next) writing = write(next.name, next.value, true);
  });

  stoppables.add(async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
    if (inFlight === 0) markUnsettled(false);
    stopListening();
    channel?.removeEventListener('message', onMessage);
    await writing;
    await database.stop();
  });

  return {
    async getItem(name) {
      if (stopped) return null;
      await flush();
      try {
        lastStored =
          (await database.ifExists((store) => get<StorageValue<S>>(name, store))) ?? null;
        checkVersion(lastStored);
        return lastStored;
      } catch (error) {
        // No storage (some private modes, a broken profile): the app still opens, from memory,
        // and the user is told that nothing is being saved.
        if (!(error instanceof StoppedError)) options.onStorageError?.(error);
        return null;
      }
    },
    setItem(name, value) {
      if (stopped) return;
      pending = { name, value };
      markUnsettled(true);
      timer ??= setTimeout(() => void flush(), options.debounceMs ?? 300);
    },
    async removeItem(name) {
      if (stopped) return;
      pending = undefined;
      if (inFlight === 0) markUnsettled(false);
      await database.ifExists((store) => del(name, store));
    },
    flush,
  };
}
