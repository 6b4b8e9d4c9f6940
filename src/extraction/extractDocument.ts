/**
 * Reads one document's fields, passage by passage: for each field the passages most likely to
 * hold it come first (ranked by its name, BM25), each request asks one passage for the fields
 * still missing that rank it among their first few, and the first value found for a field is
 * kept with its page. A document that fits one passage takes one request. The engine is
 * injected, so this runs in tests without one. Pure but for the engine.
 */
import { pageAtOffset, type Chunk } from '../documents/chunk';
import { PAGE_SEPARATOR, type ExtractedDocument } from '../documents/types';
import type { FinishReason, JsonSchema } from '../engine/protocol';
import { isRecord } from '../lib/isRecord';
import { extractionPrompt } from '../prompts/extraction';
import type { Field } from './fields';
import {
  answerTokenBudget,
  extractionSchema,
  ITEMS_KEY,
  itemsSchema,
  itemsTokenBudget,
  MAX_ITEMS_PER_PASSAGE,
} from './schema';
import type { Cell } from './table';
import type { RawValue } from './values';

/** How many passages are asked about one field at most: the best-ranked ones. */
export const TRIES_PER_FIELD = 3;

export interface ExtractionEngine {
  answer(
    request: { prompt: string; schema: JsonSchema; maxTokens: number },
    signal: AbortSignal,
  ): Promise<{ text: string; finishReason: FinishReason }>;
}

/** Why a document could not be read, as the sentence its row shows. */
export class ExtractionFailure extends Error {}

export class ExtractionCancelled extends Error {}

/** The chunk's text with a "[page N]" mark at its start and where each further page starts. */
export function markPages(document: ExtractedDocument, chunk: Chunk): string {
  if (document.pageCount === null) return chunk.text;
  const end = chunk.start + chunk.text.length;
  const marks: { at: number; page: number }[] = [];
  let offset = 0;
  for (const page of document.pages) {
    if (offset > chunk.start && offset < end)
      marks.push({ at: offset - chunk.start, page: page.number });
    offset += page.text.length + PAGE_SEPARATOR.length;
  }
  let text = chunk.text;
  for (const { at, page } of marks.reverse()) {
    text = `${text.slice(0, at)}[page ${page}]\n${text.slice(at)}`;
  }
  return `[page ${chunk.pages[0]}]\n${text}`;
}

/** The page the model named, if it is one of the passage's; else the passage's only page. */
function pageWithin(page: unknown, [first, last]: [number, number], paged: boolean): number | null {
  if (!paged) return null;
  if (typeof page === 'number' && Number.isInteger(page) && page >= first && page <= last) {
    return page;
  }
  return first === last ? first : null;
}

function rawValue(value: unknown): RawValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(String);
  return null;
}

/** The answer as JSON; the failure sentence when it is cut off or not whole JSON. */
function parseAnswer(answer: { text: string; finishReason: FinishReason }): unknown {
  if (answer.finishReason === 'length') {
    throw new ExtractionFailure('The model’s answer was cut off before it was complete.');
  }
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new ExtractionFailure('The model’s answer was not the JSON it was asked for.');
  }
}

/** One object's cells for `fields` (anything else reads as empty cells). */
function cellsOf(
  object: unknown,
  fields: readonly Field[],
  pages: [number, number],
  paged: boolean,
): Cell[] {
  const record = isRecord(object) ? object : {};
  return fields.map((field) => {
    const entry = record[field.name];
    const value = rawValue(isRecord(entry) ? entry.value : null);
    return {
      value,
      page: value === null ? null : pageWithin(isRecord(entry) ? entry.page : null, pages, paged),
    };
  });
}

/** The answer's cells for `fields`; the failure sentence when the answer is not whole JSON. */
export function readAnswer(
  answer: { text: string; finishReason: FinishReason },
  fields: readonly Field[],
  pages: [number, number],
  paged: boolean,
): Cell[] {
  return cellsOf(parseAnswer(answer), fields, pages, paged);
}

/**
 * A per-item answer's items, each its cells (an item with no value at all is left out), and
 * whether the answer listed as many as it may: the passage may then hold more.
 */
export function readItems(
  answer: { text: string; finishReason: FinishReason },
  fields: readonly Field[],
  pages: [number, number],
  paged: boolean,
): { items: Cell[][]; full: boolean } {
  const parsed = parseAnswer(answer);
  const items = isRecord(parsed) && Array.isArray(parsed[ITEMS_KEY]) ? parsed[ITEMS_KEY] : [];
  return {
    items: items
      .map((item) => cellsOf(item, fields, pages, paged))
      .filter((cells) => cells.some((cell) => cell.value !== null)),
    full: items.length >= MAX_ITEMS_PER_PASSAGE,
  };
}

const found = (cell: Cell | null) => cell !== null && cell.value !== null;

/**
 * For each field, the passages in the order to try them (the best few by its name first). The
 * ranking code (MiniSearch with it) loads with the first table, not with the app.
 */
async function passageOrder(
  chunks: readonly Chunk[],
  fields: readonly Field[],
): Promise<number[][]> {
  const { buildRetrievalIndex } = await import('../documents/retrieve');
  const index = buildRetrievalIndex(chunks);
  return fields.map((field) => {
    const ranked = index.search(field.name, TRIES_PER_FIELD).map((c) => c.index);
    const rest = chunks.map((c) => c.index).filter((i) => !ranked.includes(i));
    return [...ranked, ...rest].slice(0, TRIES_PER_FIELD);
  });
}

export interface DocumentProgress {
  /** Requests answered so far, and the most this document can take. */
  asked: number;
  most: number;
}

/**
 * The document's cells, one per field (a value not found is an empty cell). Throws
 * ExtractionFailure with a sentence, or ExtractionCancelled.
 */
export async function extractFields(
  document: ExtractedDocument,
  chunks: readonly Chunk[],
  fields: readonly Field[],
  engine: ExtractionEngine,
  { signal, onProgress }: { signal: AbortSignal; onProgress?: (p: DocumentProgress) => void },
): Promise<Cell[]> {
  if (chunks.length === 0 || !document.text.trim()) {
    throw new ExtractionFailure(`“${document.name}” has no text to read.`);
  }
  const order = await passageOrder(chunks, fields);
  const tried = fields.map(() => new Set<number>());
  const cells: (Cell | null)[] = fields.map(() => null);
  const paged = document.pageCount !== null;
  const most = new Set(order.flat()).size;
  let asked = 0;
  onProgress?.({ asked, most });
  for (;;) {
    const missing = fields.map((_, i) => i).filter((i) => !found(cells[i] ?? null));
    const next = (i: number) => order[i]?.find((p) => !tried[i]?.has(p));
    const wanted = missing.map(next).filter((p): p is number => p !== undefined);
    if (wanted.length === 0) break;
    // The passage the most missing fields try next; ties go to the earlier passage.
    const counts = new Map<number, number>();
    for (const p of wanted) counts.set(p, (counts.get(p) ?? 0) + 1);
    const [passage] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [];
    const chunk = chunks[passage ?? -1];
    if (passage === undefined || !chunk) break;
    const asking = missing.filter((i) => order[i]?.includes(passage) && !tried[i]?.has(passage));
    const askFields = asking.map((i) => fields[i]).filter((f): f is Field => f !== undefined);
    if (signal.aborted) throw new ExtractionCancelled();
    const answer = await engine.answer(
      {
        prompt: extractionPrompt(askFields, {
          documentName: document.name,
          text: markPages(document, chunk),
          paged,
        }),
        schema: extractionSchema(askFields),
        maxTokens: answerTokenBudget(askFields),
      },
      signal,
    );
    if (answer.finishReason === 'abort' || signal.aborted) throw new ExtractionCancelled();
    const answered = readAnswer(answer, askFields, chunk.pages, paged);
    asking.forEach((fieldIndex, i) => {
      tried[fieldIndex]?.add(passage);
      const cell = answered[i];
      if (cell && (cell.value !== null || cells[fieldIndex] === null)) cells[fieldIndex] = cell;
    });
    onProgress?.({ asked: ++asked, most });
  }
  return cells.map((cell) => cell ?? { value: null, page: null });
}

const itemKey = (cells: readonly Cell[]) => JSON.stringify(cells.map((c) => [c.value, c.page]));

/**
 * How many times a passage whose answer was full is halved and asked again, at most. A passage
 * of a table per item is about 600 tokens (store/actions/extractTable), so after two halvings
 * twelve items would share 150 tokens: more than any statement's lines hold.
 */
const MAX_HALVINGS = 2;

/**
 * The passage in two near its middle, where an item is least likely to be cut: at a blank line,
 * else a line break, else a space (within the middle half of the passage); null if it has none.
 */
function halves(chunk: Chunk, pageAt: (offset: number) => number): [Chunk, Chunk] | null {
  const { text } = chunk;
  const middle = text.length >> 1;
  const nearest = (separator: string) =>
    [text.lastIndexOf(separator, middle), text.indexOf(separator, middle)]
      .filter((at) => at > 0 && Math.abs(at - middle) <= text.length / 4)
      .sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))[0];
  const cut = nearest('\n\n') ?? nearest('\n') ?? nearest(' ');
  if (cut === undefined) return null;
  const part = (from: number, to: number): Chunk => ({
    index: chunk.index,
    text: text.slice(from, to),
    start: chunk.start + from,
    pages: [pageAt(chunk.start + from), pageAt(chunk.start + to - 1)],
  });
  return [part(0, cut), part(cut, text.length)];
}

/**
 * The document's items, each its cells, for a table with a row per item: every passage is asked
 * in turn (items are not ranked by a field's name: any passage may hold some), and their items
 * are put one after the other, each with its own page. Passages overlap (documents/chunk.ts), so
 * an item read again from the part a passage shares with the one before is left out. An answer
 * lists MAX_ITEMS_PER_PASSAGE items at most, so a passage whose answer is full is halved and each
 * half asked again: a dense page loses none of its items. Throws
 * ExtractionFailure with a sentence, or ExtractionCancelled.
 */
export async function extractItems(
  document: ExtractedDocument,
  chunks: readonly Chunk[],
  fields: readonly Field[],
  engine: ExtractionEngine,
  { signal, onProgress }: { signal: AbortSignal; onProgress?: (p: DocumentProgress) => void },
): Promise<Cell[][]> {
  if (chunks.length === 0 || !document.text.trim()) {
    throw new ExtractionFailure(`“${document.name}” has no text to read.`);
  }
  const paged = document.pageCount !== null;
  const pageAt = pageAtOffset(document);
  /** The passage's items; a full answer may have left some out, so its halves are asked instead. */
  const itemsIn = async (chunk: Chunk, halvings: number): Promise<Cell[][]> => {
    if (signal.aborted) throw new ExtractionCancelled();
    const answer = await engine.answer(
      {
        prompt: extractionPrompt(
          fields,
          { documentName: document.name, text: markPages(document, chunk), paged },
          'item',
        ),
        schema: itemsSchema(fields),
        maxTokens: itemsTokenBudget(fields),
      },
      signal,
    );
    if (answer.finishReason === 'abort' || signal.aborted) throw new ExtractionCancelled();
    const { items, full } = readItems(answer, fields, chunk.pages, paged);
    const parts = full && halvings < MAX_HALVINGS ? halves(chunk, pageAt) : null;
    if (!parts) return items;
    const [first, second] = parts;
    return [...(await itemsIn(first, halvings + 1)), ...(await itemsIn(second, halvings + 1))];
  };
  const items: Cell[][] = [];
  let previous: { end: number; keys: Set<string> } | null = null;
  onProgress?.({ asked: 0, most: chunks.length });
  for (const [asked, chunk] of chunks.entries()) {
    const read = await itemsIn(chunk, 0);
    const overlaps = previous !== null && chunk.start < previous.end;
    const seen = overlaps ? (previous?.keys ?? new Set<string>()) : new Set<string>();
    items.push(...read.filter((cells) => !seen.has(itemKey(cells))));
    previous = { end: chunk.start + chunk.text.length, keys: new Set(read.map(itemKey)) };
    onProgress?.({ asked: asked + 1, most: chunks.length });
  }
  return items;
}
