/**
 * TEST BUILD ONLY. The scripted engine's stand-in for WebLLM's resumable-generation journal: the
 * tokens of a reply and how many were emitted, saved every few tokens in IndexedDB, so a reply cut
 * off by a closed tab or a crash can be resumed exactly where the journal stopped.
 */
export interface JournalEntry {
  sessionId: string;
  modelId: string;
  tokens: string[];
  emitted: number;
}

const DB = 'nook-scripted-journal';
const STORE = 'sessions';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  operate: (store: IDBObjectStore) => IDBRequest<T>,
) {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'sessionId' });
  const db = await request(open);
  try {
    return await request(operate(db.transaction(STORE, mode).objectStore(STORE)));
  } finally {
    db.close();
  }
}

export const journal = {
  save: (entry: JournalEntry) => withStore('readwrite', (s) => s.put(entry)).then(() => undefined),
  list: () => withStore('readonly', (s) => s.getAll() as IDBRequest<JournalEntry[]>),
  get: (sessionId: string) =>
    withStore('readonly', (s) => s.get(sessionId) as IDBRequest<JournalEntry | undefined>),
  remove: (sessionId: string) =>
    withStore('readwrite', (s) => s.delete(sessionId)).then(() => undefined),
};
