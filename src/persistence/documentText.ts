/**
 * The extracted text of attached documents, kept in its own IndexedDB database: documents can be
 * megabytes, so they never ride along with the chats' frequent writes. Must not import the store.
 */
import { del, get, set, type UseStore } from 'idb-keyval';
import { createKeyvalStore } from './idbStorage';

export interface StoredDocumentText {
  pages: { number: number; text: string }[];
}

let store: UseStore | undefined;
// Closed by shutDownPersistence(), so "Erase all data" can delete the database for good.
const documents = () => (store ??= createKeyvalStore('nook-documents', 'text'));

export function saveDocumentText(id: string, text: StoredDocumentText): Promise<void> {
  return set(id, text, documents());
}

export async function loadDocumentText(id: string): Promise<StoredDocumentText | undefined> {
  return get<StoredDocumentText>(id, documents());
}

export function deleteDocumentText(id: string): Promise<void> {
  return del(id, documents());
}
