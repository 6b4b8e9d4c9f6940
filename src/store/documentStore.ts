/**
 * Which documents are attached to which chat, and what they are (metadata only; the text lives in
 * persistence/documentText). Persisted in IndexedDB; small, so it loads with the app.
 */
import { DEFAULT_OCR_LANGUAGE, ocrLanguage, type OcrLanguage } from '../documents/ocrLanguages';
import type { DocumentKind } from '../documents/types';
import { FIELD_TYPES, fieldListProblem, ROWS_PER, type Field } from '../extraction/fields';
import type { Template } from '../extraction/templates';
import { isRecord } from '../lib/isRecord';
import { createPersistedStore } from './persistedStore';
import { restored } from './preserve';
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
  /** What scanned pages and images attached as documents are written in, for OCR (all chats). */
  ocrLanguage: OcrLanguage;
  /** Field lists the user saved for extraction tables (the built-in ones are not stored). */
  tableTemplates: Template[];
}

const DOCUMENT_FIELDS: Record<keyof DocumentMeta, true> = {
  id: true,
  conversationId: true,
  name: true,
  kind: true,
  pageCount: true,
  chars: true,
  preview: true,
  addedAt: true,
};

const KINDS: readonly DocumentKind[] = ['pdf', 'docx', 'html', 'markdown', 'text', 'image'];

function restoreMeta(v: unknown): DocumentMeta | null {
  if (!isRecord(v)) return null;
  const kind = KINDS.find((k) => k === v.kind);
  if (
    typeof v.id !== 'string' ||
    !isSafeKey(v.id) ||
    typeof v.conversationId !== 'string' ||
    !kind
  ) {
    return null;
  }
  return restored(
    v,
    {
      id: v.id,
      conversationId: v.conversationId,
      name: typeof v.name === 'string' ? v.name : 'Document',
      kind,
      pageCount: typeof v.pageCount === 'number' ? v.pageCount : null,
      chars: typeof v.chars === 'number' ? v.chars : 0,
      preview: typeof v.preview === 'string' ? v.preview : '',
      addedAt: typeof v.addedAt === 'number' ? v.addedAt : 0,
    },
    DOCUMENT_FIELDS,
  );
}

function restoreTemplate(v: unknown): Template | null {
  if (!isRecord(v) || typeof v.name !== 'string' || !v.name.trim() || !Array.isArray(v.fields)) {
    return null;
  }
  const fields = v.fields.flatMap((f): Field[] =>
    isRecord(f) && typeof f.name === 'string' && FIELD_TYPES.includes(f.type as Field['type'])
      ? [{ name: f.name, type: f.type as Field['type'] }]
      : [],
  );
  // A template saved before rows per item existed (or with an unknown choice) has a row per document.
  const rowsPer = ROWS_PER.find((r) => r === v.rowsPer) ?? 'document';
  return fieldListProblem(fields) === null ? { name: v.name, fields, rowsPer } : null;
}

export function restoreDocumentState(persisted: unknown): PersistedDocumentState {
  const documents: Record<string, DocumentMeta> = {};
  const stored = isRecord(persisted) ? persisted : {};
  if (isRecord(stored.documents)) {
    for (const value of Object.values(stored.documents)) {
      const meta = restoreMeta(value);
      if (meta) documents[meta.id] = meta;
    }
  }
  return {
    ...stored,
    documents,
    // A language this version does not ship (or none yet) reads as the default.
    ocrLanguage: ocrLanguage(stored.ocrLanguage) ?? DEFAULT_OCR_LANGUAGE,
    tableTemplates: (Array.isArray(stored.tableTemplates) ? stored.tableTemplates : [])
      .map(restoreTemplate)
      .filter((t): t is Template => t !== null),
  };
}

const documentStore = createPersistedStore<PersistedDocumentState>({
  name: 'nook-documents',
  version: 1,
  initial: { documents: {}, ocrLanguage: DEFAULT_OCR_LANGUAGE, tableTemplates: [] },
  restore: restoreDocumentState,
  storage: { debounceMs: 0 },
});

export const useDocumentStore = documentStore.useStore;
export const documentHydration = documentStore.hydration;

export function documentsOf(state: PersistedDocumentState, conversationId: string): DocumentMeta[] {
  return Object.values(state.documents)
    .filter((d) => d.conversationId === conversationId)
    .sort((a, b) => a.addedAt - b.addedAt);
}
