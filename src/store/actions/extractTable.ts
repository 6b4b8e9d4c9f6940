/**
 * Fills an extraction table from a chat's documents: a reply that carries the table is added at
 * once with a waiting row per document, then each document is read in turn (its own passages
 * and requests; extraction/extractDocument.ts) and its row is stored as soon as it is done. A
 * document that fails says why in its row and the others go on; Cancel stops the document being
 * read and leaves the rest cancelled, with every row done so far kept. Corrections by hand are
 * kept beside the model's values.
 */
import {
  extractFields,
  ExtractionCancelled,
  ExtractionFailure,
  type ExtractionEngine,
} from '../../extraction/extractDocument';
import { cleanFields, fieldListProblem, type Field } from '../../extraction/fields';
import { answerTokenBudget } from '../../extraction/schema';
import type { Cell, ExtractionRow, ExtractionTable } from '../../extraction/table';
import { documentParts } from '../../documents/retrieval';
import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { newId } from '../../lib/ids';
import { quirksFor } from '../../prompts/modelQuirks';
import { contextWindowOf } from '../catalog';
import {
  appendMessage,
  commitChats,
  updateConversation,
  updateMessage,
  useChatStore,
} from '../chatStore';
import { documentsOf, useDocumentStore } from '../documentStore';
import { inflight } from '../inflight';
import { useRuntimeStore } from '../runtimeStore';
import { recoverEngine } from '../session/engineHealth';
import { ensureModelLoaded } from '../session/loadModel';
import { loadDocument, retrievalEngine } from './documents';

/** The prompt's words around the passage, with room to spare. */
const PROMPT_TOKENS = 400;

function structuredEngine(modelId: string): ExtractionEngine {
  const thinking = quirksFor(modelId).thinking === 'toggle';
  return {
    async answer({ prompt, schema, maxTokens }, signal) {
      const { text, finishReason } = await getEngine().call.structured(
        {
          messages: [{ role: 'user', content: prompt }],
          schema,
          // The schema's grammar applies from the first token, so a thinking model cannot think
          // first: it is told not to (see WebLLMBackend.structured).
          options: {
            max_tokens: maxTokens,
            temperature: 0,
            ...(thinking && { enable_thinking: false }),
          },
        },
        { signal },
      );
      return { text, finishReason };
    },
  };
}

function tableHeading(fields: readonly Field[], documents: number): string {
  const names = fields.map((f) => f.name).join(', ');
  return `**Table from ${documents} document${documents === 1 ? '' : 's'}**: ${names}`;
}

function setRow(
  conversationId: string,
  messageId: string,
  index: number,
  row: Partial<ExtractionRow>,
) {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) =>
      m.id === messageId && m.table
        ? {
            ...m,
            table: {
              ...m.table,
              rows: m.table.rows.map((r, i) => (i === index ? { ...r, ...row } : r)),
            },
          }
        : m,
    ),
  }));
}

/** Why a document failed, in a sentence its row can show. */
function problemOf(error: unknown): string {
  if (error instanceof ExtractionFailure) return error.message;
  const { detail } = classifyError(error);
  return `The model could not read it: ${detail || 'the engine failed'}.`;
}

/**
 * Reads the fields from every document of the chat into a new table reply. Returns a sentence
 * when the fields cannot make a table (nothing is started then), or null.
 */
export async function extractTable(
  conversationId: string,
  asked: readonly Field[],
): Promise<string | null> {
  const problem = fieldListProblem(asked);
  if (problem) return problem;
  const fields = cleanFields(asked);
  const modelId = useChatStore.getState().selectedModelId;
  if (!modelId) return 'Choose a model first.';
  if (useRuntimeStore.getState().extraction) return 'A table is being filled already.';
  const documents = documentsOf(useDocumentStore.getState(), conversationId);
  if (documents.length === 0) return 'Attach a document first.';

  const messageId = newId();
  const controller = new AbortController();
  inflight.extraction = controller;
  const table: ExtractionTable = {
    fields,
    rows: documents.map((d) => ({
      documentId: d.id,
      documentName: d.name,
      status: 'waiting',
      cells: fields.map(() => null),
    })),
  };
  appendMessage(conversationId, {
    id: messageId,
    role: 'assistant',
    content: tableHeading(fields, documents.length),
    createdAt: Date.now(),
    status: 'streaming',
    modelId,
    table,
  });
  const job = (
    patch: Partial<NonNullable<ReturnType<typeof useRuntimeStore.getState>['extraction']>>,
  ) =>
    useRuntimeStore.setState(({ extraction }) => ({
      extraction: {
        conversationId,
        messageId,
        documentId: null,
        asked: 0,
        most: 0,
        ...extraction,
        ...patch,
      },
    }));
  job({});
  const engine = structuredEngine(modelId);
  let cancelled = false;
  try {
    for (const [index, meta] of documents.entries()) {
      if (controller.signal.aborted) cancelled = true;
      if (cancelled) {
        setRow(conversationId, messageId, index, { status: 'cancelled' });
        continue;
      }
      job({ documentId: meta.id, asked: 0, most: 0 });
      const started = performance.now();
      let requests = 0;
      try {
        // Loaded again if the last document's failure unloaded it (a lost GPU, a crash).
        if (!(await ensureModelLoaded(modelId))) {
          if (controller.signal.aborted) throw new ExtractionCancelled();
          throw new ExtractionFailure('The model could not be loaded.');
        }
        const document = await loadDocument(meta.id);
        if (!document) {
          throw new ExtractionFailure(
            `The text of “${meta.name}” is no longer on this device; attach it again.`,
          );
        }
        const budget = Math.max(
          256,
          contextWindowOf(modelId) - answerTokenBudget(fields) - PROMPT_TOKENS,
        );
        const chunks = await documentParts(meta.id, budget, retrievalEngine(modelId));
        const cells: Cell[] = await extractFields(document, chunks, fields, engine, {
          signal: controller.signal,
          onProgress: ({ asked, most }) => {
            requests = asked;
            job({ asked, most });
          },
        });
        setRow(conversationId, messageId, index, { status: 'done', cells });
        void commitChats();
        // Exposed through the User Timing API for `npm run bench` and the browser's profiler.
        performance.measure('nook:table-document', {
          start: started,
          end: performance.now(),
          detail: { fields: fields.length, requests, chars: document.chars },
        });
      } catch (error) {
        if (error instanceof ExtractionCancelled || controller.signal.aborted) {
          cancelled = true;
          setRow(conversationId, messageId, index, { status: 'cancelled' });
        } else {
          setRow(conversationId, messageId, index, { status: 'failed', problem: problemOf(error) });
          // A lost GPU or a crashed llama.cpp took the model with it: load it again for the next.
          const { code } = classifyError(error);
          if (code === 'device-lost' || code === 'engine-crashed') {
            await recoverEngine(modelId, classifyError(error));
          }
        }
      }
    }
  } finally {
    updateMessage(conversationId, messageId, { status: cancelled ? 'stopped' : 'done' });
    useRuntimeStore.setState({ extraction: null });
    if (inflight.extraction === controller) inflight.extraction = null;
  }
  return null;
}

/** Cancel: the document being read stops, the ones after it are not read. */
export function cancelExtraction(): void {
  inflight.extraction?.abort();
}

/** Writes the user's text over a cell (the model's value stays beside it); empty text undoes it. */
export function correctCell(
  conversationId: string,
  messageId: string,
  rowIndex: number,
  fieldIndex: number,
  text: string,
): void {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) => {
      const table = m.id === messageId ? m.table : undefined;
      if (!table) return m;
      const rows = table.rows.map((row, r) => {
        if (r !== rowIndex) return row;
        const cells = table.fields.map((_, f) => {
          const cell = row.cells[f] ?? null;
          if (f !== fieldIndex) return cell;
          const base: Cell = { value: cell?.value ?? null, page: cell?.page ?? null };
          return text.trim() ? { ...base, correction: text.trim() } : base;
        });
        return { ...row, cells };
      });
      return { ...m, table: { ...table, rows } };
    }),
  }));
  void commitChats();
}

/**
 * Saves a field list as a template of the user's, replacing one of the same name. Returns a
 * sentence when it cannot be saved, or null.
 */
export function saveTemplate(name: string, fields: readonly Field[]): string | null {
  const clean = name.trim();
  if (!clean) return 'Name the template first.';
  const problem = fieldListProblem(fields);
  if (problem) return problem;
  const template = { name: clean, fields: cleanFields(fields) };
  useDocumentStore.setState((s) => ({
    tableTemplates: [...s.tableTemplates.filter((t) => t.name !== clean), template],
  }));
  return null;
}

export function deleteTemplate(name: string): void {
  useDocumentStore.setState((s) => ({
    tableTemplates: s.tableTemplates.filter((t) => t.name !== name),
  }));
}
