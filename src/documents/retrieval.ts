/**
 * The passages of a chat's documents that answer a question: each document cut into parts that
 * fit a token budget (by the chat model's tokenizer), ranked by words (BM25) and, where a search
 * model is at hand, by meaning, the two fused by rank. Parts, word indexes and passage vectors are
 * kept per document for the session. The engine is injected, so this runs in tests without one.
 */
import { chunkToFit, type Chunk } from './chunk';
import type { RetrievalIndex } from './retrieve';
import type { ExtractedDocument } from './types';

/** What retrieval needs to know of an attached document. */
export interface RetrievableDocument {
  id: string;
  addedAt: number;
}

export interface RetrievalEngine {
  loadDocument(id: string): Promise<ExtractedDocument | null>;
  /** Counts a batch of texts by the chat model's tokenizer (or its estimate). */
  measure(texts: string[]): Promise<(text: string) => number>;
  /** What counts come from: parts cut for one tokenizer are kept apart from another's. */
  tokenizerId: string;
  /** Embeds texts by meaning; absent without a search model; may throw. */
  embed?: (texts: string[]) => Promise<number[][]>;
}

export interface Passage<D extends RetrievableDocument> {
  document: D;
  chunk: Chunk;
}

export interface Retrieved<D extends RetrievableDocument> {
  /** The best passages, in document order. */
  passages: Passage<D>[];
  /** Why search by meaning failed, if it did (the passages then come from words alone). */
  meaningFailure?: unknown;
}

/** snowflake-arctic-embed, WebLLM's embedding models, expect this before a query (not passages). */
const QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';
/** Below this similarity a passage is not counted as a match. */
const MIN_SIMILARITY = 0.3;
const PASSAGES = 4;

const chunkCache = new Map<string, Promise<Chunk[]>>();
const indexCache = new Map<string, RetrievalIndex>();

/** The ranking code (MiniSearch with it) loads with the first question, not with the app. */
const ranking = () => import('./retrieve');
const vectorCache = new Map<string, number[][]>();

/** The document cut into parts of at most `maxTokens`, cached for the session. */
export function documentParts(
  documentId: string,
  maxTokens: number,
  engine: RetrievalEngine,
): Promise<Chunk[]> {
  const key = `${documentId}:${maxTokens}:${engine.tokenizerId}`;
  let parts = chunkCache.get(key);
  if (!parts) {
    parts = (async () => {
      const document = await engine.loadDocument(documentId);
      if (!document) return [];
      return chunkToFit(
        document,
        { maxTokens, overlapTokens: Math.round(maxTokens / 20) },
        (texts) => engine.measure(texts),
      );
    })();
    parts.catch(() => chunkCache.delete(key));
    chunkCache.set(key, parts);
  }
  return parts;
}

/** Drops what is kept for a document that was removed. */
export function forgetDocument(documentId: string): void {
  for (const cache of [chunkCache, indexCache, vectorCache]) {
    for (const key of cache.keys()) if (key.startsWith(`${documentId}:`)) cache.delete(key);
  }
}

async function rankByMeaning(
  key: string,
  chunks: readonly Chunk[],
  question: string,
  embed: (texts: string[]) => Promise<number[][]>,
): Promise<Chunk[]> {
  let passages = vectorCache.get(key);
  if (!passages) {
    passages = await embed(chunks.map((c) => c.text));
    vectorCache.set(key, passages);
  }
  const [query] = await embed([QUERY_PREFIX + question]);
  const { rankBySimilarity } = await ranking();
  return query ? rankBySimilarity(query, passages, chunks, PASSAGES * 2, MIN_SIMILARITY) : [];
}

/** The passages that best answer `question`, within `budgetTokens` in all. */
export async function retrievePassages<D extends RetrievableDocument>(
  documents: readonly D[],
  question: string,
  budgetTokens: number,
  engine: RetrievalEngine,
): Promise<Retrieved<D>> {
  const { buildRetrievalIndex, fuseRankings } = await ranking();
  // Parts small enough that several fit in the budget.
  const partTokens = Math.max(128, Math.floor(budgetTokens / PASSAGES) - 20);
  const hits: { document: D; chunk: Chunk; rank: number }[] = [];
  let meaningFailure: unknown;
  for (const document of documents) {
    const chunks = await documentParts(document.id, partTokens, engine);
    const key = `${document.id}:${partTokens}:${engine.tokenizerId}`;
    let index = indexCache.get(key);
    if (!index) {
      index = buildRetrievalIndex(chunks);
      indexCache.set(key, index);
    }
    const byWords = index.search(question, PASSAGES * 2);
    let byMeaning: Chunk[] | null = null;
    if (engine.embed && chunks.length > 0 && meaningFailure === undefined) {
      try {
        byMeaning = await rankByMeaning(key, chunks, question, engine.embed);
      } catch (error) {
        meaningFailure = error;
      }
    }
    const ranked = byMeaning ? fuseRankings([byWords, byMeaning], PASSAGES) : byWords;
    ranked.slice(0, PASSAGES).forEach((chunk, rank) => hits.push({ document, chunk, rank }));
  }
  const chosen = hits.sort((a, b) => a.rank - b.rank).slice(0, PASSAGES);
  // In document order, which reads better than rank order.
  chosen.sort((a, b) => a.document.addedAt - b.document.addedAt || a.chunk.index - b.chunk.index);
  return {
    passages: chosen.map(({ document, chunk }) => ({ document, chunk })),
    ...(meaningFailure !== undefined && { meaningFailure }),
  };
}
