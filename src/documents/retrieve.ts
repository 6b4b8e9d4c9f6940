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

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const WORDS = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');
const CJK_RUN = new RegExp(`^[${CJK}]`, 'u');

/**
 * Chinese, Japanese and Korean put no spaces between words, so their runs are indexed as
 * overlapping pairs of characters (the usual way to search them without a dictionary):
 * "乌龙茶" is found in "乌龙茶的产地" through "乌龙" and "龙茶".
 */
function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => `${chars[i]}${c}`);
}

function terms(text: string): string[] {
  return (text.toLowerCase().match(WORDS) ?? []).flatMap((t) =>
    CJK_RUN.test(t) ? pairs(t) : STOP_WORDS.has(t) ? [] : [stem(t)],
  );
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

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Chunks by closeness of their embedding to the question's, best first, above `minScore`. */
export function rankBySimilarity(
  question: readonly number[],
  vectors: readonly (readonly number[])[],
  chunks: readonly Chunk[],
  limit: number,
  minScore: number,
): Chunk[] {
  return vectors
    .map((v, i) => ({ chunk: chunks[i], score: cosine(question, v) }))
    .filter(
      (s): s is { chunk: Chunk; score: number } => s.chunk !== undefined && s.score >= minScore,
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.chunk);
}

/**
 * Reciprocal rank fusion: a chunk ranked high by keywords or by meaning (or both) comes first,
 * without having to compare BM25 scores with cosine similarities.
 */
export function fuseRankings(rankings: readonly Chunk[][], limit: number, k = 60): Chunk[] {
  const scores = new Map<number, { chunk: Chunk; score: number }>();
  for (const ranking of rankings) {
    ranking.forEach((chunk, rank) => {
      const entry = scores.get(chunk.index) ?? { chunk, score: 0 };
      entry.score += 1 / (k + rank + 1);
      scores.set(chunk.index, entry);
    });
  }
  return [...scores.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((e) => e.chunk);
}
