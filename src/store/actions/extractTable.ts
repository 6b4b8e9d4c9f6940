/**
 * Fills an extraction table from a chat's documents: a reply that carries the table is added at
 * once with a waiting row per document, then each document is read in turn (its own passages
 * and requests; extraction/extractDocument.ts) and its row is stored as soon as it is done (in
 * a table per item, its rows: one per item it holds). A
 * document that fails says why in its row and the others go on; Cancel stops the document being
 * read and leaves the rest cancelled, with every row done so far kept. Corrections by hand are
 * kept beside the model's values.
 */
import {
  extractFields,
  extractItems,
  ExtractionCancelled,
  ExtractionFailure,
  type DocumentProgress,
  type ExtractionEngine,
} from '../../extraction/extractDocument';
import { cleanFields, fieldListProblem, type Field, type RowsPer } from '../../extraction/fields';
import { answerTokenBudget, itemsTokenBudget } from '../../extraction/schema';
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

/**
 * A passage's length at most in a table per item: a dozen or so lines of a statement, so that a
 * passage rarely holds more items than one answer may list (MAX_ITEMS_PER_PASSAGE).
 */
const ITEM_PASSAGE_TOKENS = 600;

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

function tableHeading(fields: readonly Field[], documents: number, rowsPer: RowsPer): string {
  const names = fields.map((f) => f.name).join(', ');
  const perItem = rowsPer === 'item' ? ', a row per item' : '';
  return `**Table from ${documents} document${documents === 1 ? '' : 's'}${perItem}**: ${names}`;
}

/** Puts the rows `rows` makes from the document's waiting row where that row was. */
function setDocumentRows(
  conversationId: string,
  messageId: string,
  documentId: string,
  rows: (row: ExtractionRow) => ExtractionRow[],
) {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) =>
      m.id === messageId && m.table
        ? {
            ...m,
            table: {
              ...m.table,
              rows: m.table.rows.flatMap((r) => (r.documentId === documentId ? rows(r) : [r])),
            },
          }
        : m,
    ),
  }));
}

/** In a table per item, a document's rows once read: one per item, or one that says none. */
function itemRows(row: ExtractionRow, items: readonly Cell[][]): ExtractionRow[] {
  const done = { ...row, status: 'done' as const };
  if (items.length === 0) return [{ ...done, problem: `No items found in “${row.documentName}”.` }];
  return items.map((cells, i) => ({ ...done, item: i + 1, cells }));
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
  rowsPer: RowsPer = 'document',
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
    rowsPer,
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
    content: tableHeading(fields, documents.length, rowsPer),
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
    for (const meta of documents) {
      const setRow = (patch: Partial<ExtractionRow>) =>
        setDocumentRows(conversationId, messageId, meta.id, (row) => [{ ...row, ...patch }]);
      if (controller.signal.aborted) cancelled = true;
      if (cancelled) {
        setRow({ status: 'cancelled' });
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
        const answerBudget =
          rowsPer === 'item' ? itemsTokenBudget(fields) : answerTokenBudget(fields);
        const room = Math.max(256, contextWindowOf(modelId) - answerBudget - PROMPT_TOKENS);
        const budget = rowsPer === 'item' ? Math.min(room, ITEM_PASSAGE_TOKENS) : room;
        const chunks = await documentParts(meta.id, budget, retrievalEngine(modelId));
        const reading = {
          signal: controller.signal,
          onProgress: ({ asked, most }: DocumentProgress) => {
            requests = asked;
            job({ asked, most });
          },
        };
        if (rowsPer === 'item') {
          const items = await extractItems(document, chunks, fields, engine, reading);
          setDocumentRows(conversationId, messageId, meta.id, (row) => itemRows(row, items));
        } else {
          const cells = await extractFields(document, chunks, fields, engine, reading);
          setRow({ status: 'done', cells });
        }
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
          setRow({ status: 'cancelled' });
        } else {
          setRow({ status: 'failed', problem: problemOf(error) });
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
export function saveTemplate(
  name: string,
  fields: readonly Field[],
  rowsPer: RowsPer = 'document',
): string | null {
  const clean = name.trim();
  if (!clean) return 'Name the template first.';
  const problem = fieldListProblem(fields);
  if (problem) return problem;
  const template = { name: clean, fields: cleanFields(fields), rowsPer };
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
