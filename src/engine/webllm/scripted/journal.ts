/**
 * TEST BUILD ONLY. The scripted engine's stand-in for WebLLM's resumable-generation journal, kept in
 * IndexedDB: the request, the reply's tokens and how many were emitted, written after every token,
 * and how the reply ended.
 */
import type { ChatCompletionMessageParam } from '@mlc-ai/web-llm';

export interface JournalEntry {
  sessionId: string;
  modelId: string;
  messages: ChatCompletionMessageParam[];
  promptTokens: number;
  /** The whole reply the scripted engine will write, token by token. */
  tokens: string[];
  emitted: number;
  /**
   * running: being written (or cut off by a crash). aborted: stopped, or failed (WebLLM's
   * closeStreamJournal records an abort after an engine error). finished: complete; never resumable.
   */
  state: 'running' | 'aborted' | 'finished';
}

const DB = 'nook-scripted-journal';
const STORE = 'sessions';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let database: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
  database ??= (() => {
    const opening = indexedDB.open(DB, 2);
    opening.onupgradeneeded = () => {
      if (opening.result.objectStoreNames.contains(STORE)) opening.result.deleteObjectStore(STORE);
      opening.result.createObjectStore(STORE, { keyPath: 'sessionId' });
    };
    return request(opening).then((db) => {
      // Let "Erase all data" delete the database.
      db.onversionchange = () => {
        db.close();
        database = undefined;
      };
      return db;
    });
  })();
  return database;
}

async function withStore<T>(
  mode: IDBTransactionMode,
  operate: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  return request(operate(db.transaction(STORE, mode).objectStore(STORE)));
}

export const journal = {
  save: (entry: JournalEntry) => withStore('readwrite', (s) => s.put(entry)).then(() => undefined),
  list: () => withStore('readonly', (s) => s.getAll() as IDBRequest<JournalEntry[]>),
  get: (sessionId: string) =>
    withStore('readonly', (s) => s.get(sessionId) as IDBRequest<JournalEntry | undefined>),
  remove: (sessionId: string) =>
    withStore('readwrite', (s) => s.delete(sessionId)).then(() => undefined),
};
