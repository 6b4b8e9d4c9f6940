import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorageValue } from 'zustand/middleware';

// Each test gets a fresh module: shutDownPersistence() stops everything the module made, for good.
async function freshModule() {
  vi.resetModules();
  return import('./idbStorage');
}

let counter = 0;
const uniqueName = () => `test-db-${++counter}`;

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

function deleteDatabase(name: string): Promise<'deleted' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve('deleted');
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve('blocked');
  });
}

const value = (n: number): StorageValue<{ n: number }> => ({ state: { n }, version: 1 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createIdbStorage', () => {
  let stop: () => Promise<void> = async () => undefined;
  beforeEach(() => {
    stop = async () => undefined;
  });
  afterEach(() => stop());

  it('reading a database that does not exist does not create it', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    const storage = createIdbStorage<{ n: number }>({ databaseName });
    expect(await storage.getItem('key')).toBeNull();
    expect(await databaseNames()).not.toContain(databaseName);
  });

  it('writes after the debounce, and reads back what it wrote', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    const storage = createIdbStorage<{ n: number }>({ databaseName, debounceMs: 5 });
    await storage.setItem('key', value(1));
    await sleep(30);
    await storage.flush();
    expect(await databaseNames()).toContain(databaseName);
    expect(await storage.getItem('key')).toEqual(value(1));
  });

  it('says it is saving from a change until the write is stored, and flush tells whether it was', async () => {
    const { createIdbStorage, shutDownPersistence, watchSaving } = await freshModule();
    stop = shutDownPersistence;
    const saving: boolean[] = [];
    watchSaving((now) => saving.push(now));
    const onStorageError = vi.fn();
    const storage = createIdbStorage<{ n: number }>({
      databaseName: uniqueName(),
      debounceMs: 1000,
      onStorageError,
    });
    await storage.setItem('key', value(1));
    await storage.setItem('key', value(2));
    expect(saving).toEqual([true]);
    // Without waiting for the debounce: a user action is shown done once this resolves.
    expect(await storage.flush()).toBe(true);
    expect(saving).toEqual([true, false]);
    expect(await storage.getItem('key')).toEqual(value(2));

    // A value IndexedDB cannot store (a function cannot be cloned) fails the write.
    await storage.setItem('key', { state: { n: () => 3 }, version: 1 } as never);
    expect(await storage.flush()).toBe(false);
    expect(onStorageError).toHaveBeenCalledOnce();
    expect(saving).toEqual([true, false, true, false]);
  });

  it('after shutDownPersistence, the database can be deleted and no pending write brings it back', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    const databaseName = uniqueName();
    const storage = createIdbStorage<{ n: number }>({ databaseName, debounceMs: 20 });
    await storage.setItem('key', value(1));
    await storage.flush();
    // A change still waiting for its debounced write when the erase begins.
    await storage.setItem('key', value(2));

    await shutDownPersistence();
    expect(await deleteDatabase(databaseName)).toBe('deleted');

    await sleep(60);
    await storage.setItem('key', value(3));
    await storage.flush();
    expect(await storage.getItem('key')).toBeNull();
    expect(await databaseNames()).not.toContain(databaseName);
  });

  it('a write already running finishes before the connection closes', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    const databaseName = uniqueName();
    const onStorageError = vi.fn();
    const storage = createIdbStorage<{ n: number }>({ databaseName, onStorageError });
    await storage.setItem('key', value(1));
    const writing = storage.flush();
    await shutDownPersistence();
    await writing;
    expect(onStorageError).not.toHaveBeenCalled();
    expect(await deleteDatabase(databaseName)).toBe('deleted');
  });

  it('a database that failed to open is tried again on the next write', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    const onStorageError = vi.fn();
    const storage = createIdbStorage<{ n: number }>({ databaseName, onStorageError });
    const open = vi.spyOn(indexedDB, 'open').mockImplementationOnce(() => {
      throw new DOMException('IndexedDB is not available', 'InvalidStateError');
    });
    await storage.setItem('key', value(1));
    await storage.flush();
    expect(onStorageError).toHaveBeenCalledOnce();
    open.mockRestore();
    await storage.setItem('key', value(2));
    await storage.flush();
    expect(await storage.getItem('key')).toEqual(value(2));
  });

  it('another tab deleting the database is not held back by an open connection', async () => {
    const { createIdbStorage, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    const storage = createIdbStorage<{ n: number }>({ databaseName });
    await storage.setItem('key', value(1));
    await storage.flush();
    expect(await deleteDatabase(databaseName)).toBe('deleted');
  });

  it('after a look ahead found no database, reads do not look again, and nothing is created', async () => {
    const { createIdbStorage, openSharedDatabase, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    await openSharedDatabase(databaseName);
    const open = vi.spyOn(indexedDB, 'open');
    const storage = createIdbStorage<{ n: number }>({ databaseName });
    expect(await storage.getItem('key')).toBeNull();
    expect(open).not.toHaveBeenCalled();
    expect(await databaseNames()).not.toContain(databaseName);
  });

  it('after a look ahead found no database, this tab can still write and read back', async () => {
    const { createIdbStorage, openSharedDatabase, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    await openSharedDatabase(databaseName);
    const storage = createIdbStorage<{ n: number }>({ databaseName });
    await storage.setItem('key', value(1));
    await storage.flush();
    expect(await storage.getItem('key')).toEqual(value(1));
  });

  it('a write that starts while the look ahead is still open is not taken back by it', async () => {
    const { createIdbStorage, openSharedDatabase, shutDownPersistence } = await freshModule();
    stop = shutDownPersistence;
    const databaseName = uniqueName();
    const storage = createIdbStorage<{ n: number }>({ databaseName });
    const looking = openSharedDatabase(databaseName);
    await storage.setItem('key', value(1));
    const written = storage.flush();
    await looking;
    expect(await written).toBe(true);
    expect(await storage.getItem('key')).toEqual(value(1));
  });

  it('after a look ahead found no database, a read sees what another tab wrote since', async () => {
    const here = await freshModule();
    const databaseName = uniqueName();
    await here.openSharedDatabase(databaseName);
    let told: () => void = () => undefined;
    const toldOfWrite = new Promise<void>((resolve) => (told = resolve));
    const storage = here.createIdbStorage<{ n: number }>({
      databaseName,
      onExternalWrite: () => told(),
    });
    const otherTab = await freshModule();
    stop = async () => {
      await here.shutDownPersistence();
      await otherTab.shutDownPersistence();
    };
    const theirs = otherTab.createIdbStorage<{ n: number }>({ databaseName });
    await theirs.setItem('key', value(7));
    await theirs.flush();
    await toldOfWrite;
    expect(await storage.getItem('key')).toEqual(value(7));
  });

  it('a store is told of the writes of other tabs, not of other stores in its own tab', async () => {
    const here = await freshModule();
    const databaseName = uniqueName();
    const onExternalWrite = vi.fn();
    here.createIdbStorage<{ n: number }>({ databaseName, onExternalWrite });
    const sameTab = here.createIdbStorage<{ n: number }>({ databaseName });
    const otherTab = await freshModule();
    stop = async () => {
      await here.shutDownPersistence();
      await otherTab.shutDownPersistence();
    };
    // A third party hears both writes; once it has, the store has had its chance to hear them.
    const listener = new BroadcastChannel(`${databaseName}-writes`);
    let heard = 0;
    listener.onmessage = () => (heard += 1);
    await sameTab.setItem('other-key', value(1));
    await sameTab.flush();
    const theirs = otherTab.createIdbStorage<{ n: number }>({ databaseName });
    await theirs.setItem('key', value(2));
    await theirs.flush();
    await vi.waitFor(() => expect(heard).toBe(2));
    await sleep(10);
    listener.close();
    expect(onExternalWrite).toHaveBeenCalledTimes(1);
  });
});

describe('createKeyvalStore', () => {
  it('is closed by shutDownPersistence, and refuses to open the database again', async () => {
    const { createKeyvalStore, shutDownPersistence } = await freshModule();
    const { get, set } = await import('idb-keyval');
    const databaseName = uniqueName();
    const store = createKeyvalStore(databaseName, 'text');
    await set('a', 1, store);
    expect(await get('a', store)).toBe(1);
    await shutDownPersistence();
    expect(await deleteDatabase(databaseName)).toBe('deleted');
    await expect(set('a', 2, store)).rejects.toThrow(/shut down/);
    expect(await databaseNames()).not.toContain(databaseName);
  });
});
