/**
 * Which documents are attached to which chat, and what they are (metadata only; the text lives in
 * persistence/documentText). Persisted in IndexedDB; small, so it loads with the app.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { DocumentKind } from '../documents/types';
import { createIdbStorage } from '../persistence/idbStorage';
import { firstHydration } from './hydration';
import { isSafeKey } from './schema';

export interface DocumentMeta {
  id: string;
  conversationId: string;
  name: string;
  kind: DocumentKind;
  /** null when the format has no pages. */
  pageCount: number | null;
  chars: number;
  /** The first characters, for the preview without loading the whole text. */
  preview: string;
  addedAt: number;
}

export interface PersistedDocumentState {
  documents: Record<string, DocumentMeta>;
}

const KINDS: readonly DocumentKind[] = ['pdf', 'docx', 'html', 'markdown', 'text'];

function restoreMeta(value: unknown): DocumentMeta | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const kind = KINDS.find((k) => k === v.kind);
  if (
    typeof v.id !== 'string' ||
    !isSafeKey(v.id) ||
    typeof v.conversationId !== 'string' ||
    !kind
  ) {
    return null;
  }
  return {
    id: v.id,
    conversationId: v.conversationId,
    name: typeof v.name === 'string' ? v.name : 'Document',
    kind,
    pageCount: typeof v.pageCount === 'number' ? v.pageCount : null,
    chars: typeof v.chars === 'number' ? v.chars : 0,
    preview: typeof v.preview === 'string' ? v.preview : '',
    addedAt: typeof v.addedAt === 'number' ? v.addedAt : 0,
  };
}

export function restoreDocumentState(persisted: unknown): PersistedDocumentState {
  const documents: Record<string, DocumentMeta> = {};
  const raw = (persisted as { documents?: unknown } | null)?.documents;
  if (typeof raw === 'object' && raw !== null) {
    for (const value of Object.values(raw)) {
      const meta = restoreMeta(value);
      if (meta) documents[meta.id] = meta;
    }
  }
  return { documents };
}

export const useDocumentStore = create<PersistedDocumentState>()(
  persist(() => ({ documents: {} }) as PersistedDocumentState, {
    name: 'nook-documents',
    version: 1,
    storage: createIdbStorage<unknown>({ debounceMs: 0 }),
    merge: (persisted, current) => ({ ...current, ...restoreDocumentState(persisted) }),
  }),
);

export const documentHydration = firstHydration(useDocumentStore.persist);

export function documentsOf(state: PersistedDocumentState, conversationId: string): DocumentMeta[] {
  return Object.values(state.documents)
    .filter((d) => d.conversationId === conversationId)
    .sort((a, b) => a.addedAt - b.addedAt);
}
