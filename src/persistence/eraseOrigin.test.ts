// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearWebStorage,
  deleteAllDatabases,
  deleteCacheStorage,
  unregisterServiceWorkers,
} from './eraseOrigin';

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.result.createObjectStore('s');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('deleteAllDatabases', () => {
  it('deletes every database the browser lists, and the known ones', async () => {
    (await openDatabase('nook')).close();
    (await openDatabase('webllm/model')).close();
    (await openDatabase('something-else')).close();
    const result = await deleteAllDatabases({ known: ['nook', 'webllm/wasm'] });
    expect(result.blocked).toEqual([]);
    expect(result.deleted).toEqual(
      expect.arrayContaining(['nook', 'webllm/model', 'something-else', 'webllm/wasm']),
    );
    expect(await names()).toEqual([]);
  });

  it('still deletes the known databases where the browser cannot list them', async () => {
    (await openDatabase('nook')).close();
    const databases = vi.spyOn(indexedDB, 'databases').mockRejectedValue(new Error('no'));
    await deleteAllDatabases({ known: ['nook'] });
    databases.mockRestore();
    expect(await names()).toEqual([]);
  });

  it('reports a database an open connection holds back, and gives up waiting after the timeout', async () => {
    const held = await openDatabase('held');
    const onBlocked = vi.fn();
    const result = await deleteAllDatabases({ known: [], onBlocked, blockedTimeoutMs: 20 });
    expect(onBlocked).toHaveBeenCalledWith('held');
    expect(result.blocked).toEqual(['held']);
    // The deletion stays queued, and completes once the connection closes.
    held.close();
    await vi.waitFor(async () => expect(await names()).toEqual([]));
  });
});

describe('the other stores', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('deletes every Cache Storage cache', async () => {
    const caches = new Map([
      ['workbox-precache-v2', {}],
      ['webllm/model', {}],
    ]);
    vi.stubGlobal('caches', {
      keys: async () => [...caches.keys()],
      delete: async (name: string) => caches.delete(name),
    });
    await deleteCacheStorage();
    expect(caches.size).toBe(0);
  });

  it('clears localStorage and sessionStorage', () => {
    localStorage.setItem('a', '1');
    sessionStorage.setItem('b', '2');
    clearWebStorage();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('unregisters every service worker, and does nothing where there are none', async () => {
    await unregisterServiceWorkers();
    const unregister = vi.fn(async () => true);
    vi.stubGlobal('navigator', {
      serviceWorker: { getRegistrations: async () => [{ unregister }, { unregister }] },
    });
    await unregisterServiceWorkers();
    expect(unregister).toHaveBeenCalledTimes(2);
  });
});
