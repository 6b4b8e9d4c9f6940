/**
 * Finds the parts of a document that answer a question: BM25 ranking over its chunks (MiniSearch),
 * with light stemming and fuzzy matching so "terminated" finds "termination". Pure and in memory; an index is
 * built per document when first asked and kept for the session.
 */
import MiniSearch from 'minisearch';
import type { Chunk } from './chunk';

export interface RetrievalIndex {
  search(question: string, limit: number): Chunk[];
}

/** Short, common words carry no meaning for ranking. */
const STOP_WORDS = new Set(
  'a an and are as at be by does do for from has have how in is it of on or that the this to was what when where which who why with about into than then there these those can could would should will'.split(
    ' ',
  ),
);

const SUFFIXES = ['ations', 'ation', 'ions', 'ion', 'ing', 'ies', 'ed', 'es', 's', 'e'];

/** A light English stemmer, so "terminate", "terminated" and "termination" meet. */
function stem(term: string): string {
  const suffix = SUFFIXES.find((s) => term.length - s.length >= 4 && term.endsWith(s));
  return suffix ? term.slice(0, -suffix.length) : term;
}

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((t) => !STOP_WORDS.has(t))
    .map(stem);
}

export function buildRetrievalIndex(chunks: readonly Chunk[]): RetrievalIndex {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: { prefix: (t) => t.length > 3, fuzzy: (t) => (t.length > 5 ? 0.2 : false) },
  });
  search.addAll(chunks.map((c) => ({ id: c.index, text: c.text })));
  return {
    search(question, limit) {
      if (terms(question).length === 0) return [];
      return search
        .search(question)
        .slice(0, limit)
        .map((hit) => chunks[hit.id as number])
        .filter((c): c is Chunk => c !== undefined);
    },
  };
}
