import {
  documentParts,
  forgetDocument,
  retrievePassages,
  type RetrievalEngine,
} from '../../documents/retrieval';
import { extractDocument, ExtractFailure } from '../../documents/extract/extractClient';
import { addressesTheModel } from '../../documents/instructions';
import { chunkBudget, summarizeChunks, type SummarizeEngine } from '../../documents/summarize';
import type { OcrLanguage } from '../../documents/ocrLanguages';
import { PAGE_SEPARATOR, type ExtractedDocument } from '../../documents/types';
import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { newId } from '../../lib/ids';
import {
  deleteDocumentText,
  loadDocumentText,
  saveDocumentText,
} from '../../persistence/documentText';
import { SUMMARY_STYLES, type Excerpt, type SummaryStyle } from '../../prompts/documents';
import { contextWindowOf } from '../catalog';
import { appendMessage, updateMessage, useChatStore } from '../chatStore';
import { documentsOf, useDocumentStore, type DocumentMeta } from '../documentStore';
import type { MessageSource } from '../schema';
import { setDraft, useRuntimeStore } from '../runtimeStore';
import { ensureActiveConversation } from './conversations';
import { inflight } from '../inflight';
import { ensureModelLoaded } from '../session/loadModel';
import { searchByMeaningFailed, searchEmbedder } from '../session/searchModel';
import { countTokens } from '../session/tokenCounts';

const PREVIEW_CHARS = 1500;
/** Pasted text longer than this becomes a document instead of a message. */
export const PASTE_AS_DOCUMENT_CHARS = 20_000;

function setJob(job: ReturnType<typeof useRuntimeStore.getState>['documentJob']): void {
  useRuntimeStore.setState({ documentJob: job });
}

/** Reads a file (off the UI thread) and attaches it to the open chat. Bad files explain themselves. */
export async function attachDocument(file: File): Promise<void> {
  if (useRuntimeStore.getState().documentJob) return;
  const conversationId = ensureActiveConversation();
  const controller = new AbortController();
  inflight.document = controller;
  useRuntimeStore.setState({ documentError: null });
  setJob({ kind: 'extract', conversationId, name: file.name, done: 0, total: 0 });
  const language = useDocumentStore.getState().ocrLanguage;
  try {
    const document = await extractDocument(file, {
      signal: controller.signal,
      language,
      onProgress: (done, total, ocr) =>
        setJob({
          kind: 'extract',
          conversationId,
          name: file.name,
          done,
          total,
          ...(ocr && { ocr: language }),
        }),
    });
    const id = newId();
    await saveDocumentText(id, { pages: document.pages });
    const meta: DocumentMeta = {
      id,
      conversationId,
      name: document.name,
      kind: document.kind,
      pageCount: document.pageCount,
      chars: document.chars,
      preview: document.text.slice(0, PREVIEW_CHARS),
      addedAt: Date.now(),
    };
    useDocumentStore.setState((s) => ({ documents: { ...s.documents, [id]: meta } }));
  } catch (error) {
    if (error instanceof ExtractFailure && error.error.code === 'aborted') return;
    const message =
      error instanceof ExtractFailure
        ? error.error.message
        : `“${file.name}” could not be saved on this device: ${classifyError(error).detail}`;
    useRuntimeStore.setState({ documentError: { conversationId, message } });
  } finally {
    if (inflight.document === controller) inflight.document = null;
    setJob(null);
  }
}

/** The language OCR reads scanned pages and images in, from the next document on. */
export function setDocumentLanguage(language: OcrLanguage): void {
  useDocumentStore.setState({ ocrLanguage: language });
}

/** Long pasted text is attached as a text document, which can be summarized and questioned. */
export function attachPastedText(text: string): Promise<void> {
  const name = `Pasted text ${new Date().toLocaleString('en-GB')}.txt`;
  return attachDocument(new File([text], name, { type: 'text/plain' }));
}

/** Cancels reading a document, or the summary being written. */
export function cancelDocumentJob(): void {
  const job = useRuntimeStore.getState().documentJob;
  if (job?.kind === 'extract') inflight.document?.abort();
  if (job?.kind === 'summarize') inflight.generation?.abort();
}

export async function removeDocument(id: string): Promise<void> {
  useDocumentStore.setState((s) => {
    const { [id]: _removed, ...documents } = s.documents;
    return { documents };
  });
  forgetDocument(id);
  await deleteDocumentText(id);
}

/** Documents of chats that no longer exist (deleted, and past Undo) are removed. */
export async function removeOrphanDocuments(): Promise<void> {
  const { conversations } = useChatStore.getState();
  const lastDeleted = useRuntimeStore.getState().lastDeleted?.id;
  const orphans = Object.values(useDocumentStore.getState().documents).filter(
    (d) => !conversations[d.conversationId] && d.conversationId !== lastDeleted,
  );
  await Promise.all(orphans.map((d) => removeDocument(d.id)));
}

/** A document's text as extracted, from this device; null when it is no longer there. */
export async function loadDocument(id: string): Promise<ExtractedDocument | null> {
  const meta = useDocumentStore.getState().documents[id];
  const stored = meta && (await loadDocumentText(id));
  if (!meta || !stored) return null;
  return {
    name: meta.name,
    kind: meta.kind,
    pages: stored.pages,
    pageCount: meta.pageCount,
    text: stored.pages.map((p) => p.text).join(PAGE_SEPARATOR),
    chars: meta.chars,
  };
}

/** Counts by `modelId`'s tokenizer (or its estimate), for the document functions that take one. */
const measureWith = (modelId: string) => async (texts: string[]) =>
  (await countTokens(modelId, texts)).count;

export function retrievalEngine(modelId: string): RetrievalEngine {
  return { loadDocument, measure: measureWith(modelId), tokenizerId: modelId };
}

function engineForSummaries(): SummarizeEngine {
  return {
    async complete(messages, { maxTokens, signal, onText }) {
      let text = '';
      await getEngine().call.chat(
        { messages, options: { max_tokens: maxTokens, temperature: 0.3 } },
        {
          signal,
          onTokens: (batch) => {
            text += batch;
            onText?.(text);
          },
        },
      );
      return text;
    },
  };
}

function summaryHeading(meta: DocumentMeta, style: SummaryStyle, instruction: string): string {
  const focus = instruction.trim() ? `, focusing on ${instruction.trim()}` : '';
  return `**Summary of “${meta.name}”** (${SUMMARY_STYLES[style].label.toLowerCase()}${focus})`;
}

/**
 * Summarizes a document into its chat, by map-reduce when it is longer than the context window.
 * Progress shows every step; Stop or Cancel keeps the parts summarized so far.
 */
export async function summarizeDocument(
  documentId: string,
  style: SummaryStyle,
  instruction: string,
): Promise<void> {
  const meta = useDocumentStore.getState().documents[documentId];
  const modelId = useChatStore.getState().selectedModelId;
  const runtime = useRuntimeStore.getState();
  if (!meta || !modelId || runtime.generation || runtime.documentJob) return;
  const { conversationId } = meta;
  const messageId = newId();
  const controller = new AbortController();
  inflight.generation = controller;
  useRuntimeStore.setState({ generation: { conversationId, messageId } });
  setJob({ kind: 'summarize', conversationId, documentId, name: meta.name, progress: null });
  const heading = summaryHeading(meta, style, instruction);
  try {
    if (!(await ensureModelLoaded(modelId)) || controller.signal.aborted) return;
    const contextWindow = contextWindowOf(modelId);
    const chunks = await documentParts(
      meta.id,
      chunkBudget(contextWindow),
      retrievalEngine(modelId),
    );
    // The summary is made from all of it, so any of it that addresses the model counts.
    const instructs = chunks.some((chunk) => addressesTheModel(chunk.text));
    appendMessage(conversationId, {
      id: messageId,
      role: 'assistant',
      content: heading,
      createdAt: Date.now(),
      status: 'streaming',
      modelId,
      ...(instructs && { instructionsIn: [meta.name] }),
    });
    const result = await summarizeChunks(chunks, {
      name: meta.name,
      paged: meta.pageCount !== null,
      style,
      instruction,
      contextWindow,
      countTokens: measureWith(modelId),
      engine: engineForSummaries(),
      signal: controller.signal,
      onProgress: (progress) =>
        setJob({ kind: 'summarize', conversationId, documentId, name: meta.name, progress }),
      onFinalText: (text) => setDraft(messageId, `${heading}\n\n${text}`),
    });
    updateMessage(
      conversationId,
      messageId,
      result.complete
        ? { content: `${heading}\n\n${result.summary}`, status: 'done' }
        : {
            content: `${heading}\n\n_Partial: cancelled after ${result.parts.length} of ${result.partsTotal} parts._\n\n${result.parts.join('\n\n')}`,
            status: 'stopped',
          },
    );
  } catch (error) {
    updateMessage(conversationId, messageId, { status: 'error', error: classifyError(error) });
  } finally {
    setDraft(messageId, undefined);
    useRuntimeStore.setState({ generation: null, documentJob: null });
    if (inflight.generation === controller) inflight.generation = null;
  }
}

/**
 * The passages of a chat's documents that best match a question, within a token budget, the
 * sources to show under the reply, and the documents whose passages address the model. null when
 * the chat has no documents.
 */
export async function retrieveExcerpts(
  conversationId: string,
  question: string,
  budgetTokens: number,
  modelId: string,
): Promise<{ excerpts: Excerpt[]; sources: MessageSource[]; instructionsIn?: string[] } | null> {
  const documents = documentsOf(useDocumentStore.getState(), conversationId);
  if (documents.length === 0) return null;
  const embed = await searchEmbedder();
  const found = await retrievePassages(documents, question, budgetTokens, {
    ...retrievalEngine(modelId),
    ...(embed && { embed }),
  });
  if (found.meaningFailure !== undefined) searchByMeaningFailed(found.meaningFailure);
  const paged = (meta: DocumentMeta) => meta.pageCount !== null;
  const instructing = found.passages
    .filter(({ chunk }) => addressesTheModel(chunk.text))
    .map(({ document }) => document.name);
  return {
    excerpts: found.passages.map(({ document, chunk }) => ({
      documentName: document.name,
      pages: chunk.pages,
      paged: paged(document),
      text: chunk.text,
    })),
    sources: found.passages.map(({ document, chunk }) => ({
      documentName: document.name,
      pages: paged(document) ? chunk.pages : null,
    })),
    ...(instructing.length > 0 && { instructionsIn: [...new Set(instructing)] }),
  };
}
