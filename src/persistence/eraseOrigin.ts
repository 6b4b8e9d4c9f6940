/**
 * Erases what this origin keeps in the browser: every IndexedDB database (Nook's chats, settings,
 * custom models and documents; WebLLM's model cache), Cache Storage (the offline app shell, and
 * WebLLM's cache if it ever used the Cache API), the origin private file system, localStorage and
 * sessionStorage, and the service worker registration.
 * The caller first closes what holds databases open (shutDownPersistence, the engine worker): an
 * open connection holds `deleteDatabase` back until it closes.
 * Must not import the store or any view.
 */

/** Databases deleted even where `indexedDB.databases()` is missing (older browsers). */
export const KNOWN_DATABASES = [
  'nook',
  'nook-documents',
  'nook-images',
  'webllm/model',
  'webllm/config',
  'webllm/wasm',
] as const;

export interface DeleteDatabasesOptions {
  /** Names to delete besides those the browser lists. */
  known?: readonly string[];
  /** Called with a database's name when an open connection (another tab) holds its deletion back. */
  onBlocked?: (name: string) => void;
  /**
   * How long to wait for a blocked deletion before moving on; it stays queued in the browser and
   * completes when the connection closes. Undefined: wait as long as it takes.
   */
  blockedTimeoutMs?: number;
}

export interface DeleteDatabasesResult {
  deleted: string[];
  /** Still waiting for a connection to close when the timeout ran out. */
  blocked: string[];
}

async function databaseNames(known: readonly string[]): Promise<string[]> {
  let listed: string[] = [];
  try {
    const infos = (await indexedDB.databases?.()) ?? [];
    listed = infos.map((info) => info.name).filter((name): name is string => Boolean(name));
  } catch {
    // Some browsers (and private windows) refuse to list: the known names still go.
  }
  return [...new Set([...listed, ...known])];
}

function deleteDatabase(
  name: string,
  onBlocked: (() => void) | undefined,
  blockedTimeoutMs: number | undefined,
): Promise<'deleted' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve('deleted');
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`Could not delete the database ${name}`));
    };
    request.onblocked = () => {
      onBlocked?.();
      if (blockedTimeoutMs !== undefined && timer === undefined) {
        timer = setTimeout(() => resolve('blocked'), blockedTimeoutMs);
      }
    };
  });
}

/** Deletes every IndexedDB database of this origin. */
export async function deleteAllDatabases(
  options: DeleteDatabasesOptions = {},
): Promise<DeleteDatabasesResult> {
  const names = await databaseNames(options.known ?? KNOWN_DATABASES);
  const outcomes = await Promise.all(
    names.map(async (name) => ({
      name,
      outcome: await deleteDatabase(
        name,
        options.onBlocked && (() => options.onBlocked?.(name)),
        options.blockedTimeoutMs,
      ),
    })),
  );
  return {
    deleted: outcomes.filter((o) => o.outcome === 'deleted').map((o) => o.name),
    blocked: outcomes.filter((o) => o.outcome === 'blocked').map((o) => o.name),
  };
}

export async function deleteCacheStorage(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}

/** The origin private file system (WebLLM can keep resumable sessions and caches there). */
export async function clearPrivateFileSystem(): Promise<void> {
  const root = await navigator.storage?.getDirectory?.().catch(() => undefined);
  if (!root) return;
  // keys() is missing from TypeScript's DOM types, which lack async iteration here.
  const directory = root as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
  const names: string[] = [];
  for await (const name of directory.keys()) names.push(name);
  await Promise.all(names.map((name) => root.removeEntry(name, { recursive: true })));
}

export function clearWebStorage(): void {
  localStorage.clear();
  sessionStorage.clear();
}

/** The app shell's service worker (and any other this origin registered). */
export async function unregisterServiceWorkers(): Promise<void> {
  const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
  await Promise.all(registrations.map((registration) => registration.unregister()));
}
