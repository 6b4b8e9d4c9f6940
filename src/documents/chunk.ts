/**
 * Splits a document's text into chunks that fit a token budget, for summaries (map-reduce) and
 * retrieval. A chunk is an exact slice of `doc.text` (so `start` locates it, for citing or
 * highlighting), never over `maxTokens`, ends where the text breaks best (a paragraph, else a
 * sentence, else a word; inside a word only when that word alone exceeds a chunk), and starts
 * with about `overlapTokens` of the previous chunk's end, from a sentence start where one is
 * close enough. Pure, no I/O; linear in the text's length with the default counter.
 * Where the text may be cut is chunking/boundaries.ts; how chunks are packed between those places
 * is chunking/packing.ts; this module validates, maps chunks to pages, and fits them to a tokenizer.
 */
import { DEFAULT_CHARS_PER_TOKEN } from '../lib/tokenEstimate';
import { findBoundaries, isSpace } from './chunking/boundaries';
import { packChunks, type PackingOptions } from './chunking/packing';
import { PAGE_SEPARATOR, type ExtractedDocument } from './types';

export interface Chunk {
  index: number;
  text: string;
  /** First and last page the chunk covers (page numbers, as in DocumentPage.number). */
  pages: [number, number];
  /** Offset of `text` in the document's text. */
  start: number;
}

export interface ChunkOptions {
  maxTokens: number;
  overlapTokens: number;
  /** Counts tokens; should grow with the text (counts of prefixes never shrink). */
  countTokens?: (text: string) => number;
  /**
   * Instead, tokens of the text before an offset (never decreasing), which measures any span in
   * O(log n). Without either, the estimate of lib/tokenEstimate.ts.
   */
  tokensBefore?: (offset: number) => number;
}

/** The page number at an offset of `doc.text` (1 for a document without pages). */
export function pageAtOffset(doc: ExtractedDocument): (offset: number) => number {
  const offsets: number[] = [];
  const numbers: number[] = [];
  let at = 0;
  for (const page of doc.pages) {
    offsets.push(at);
    numbers.push(page.number);
    at += page.text.length + PAGE_SEPARATOR.length;
  }
  if (doc.pages.length > 0 && at - PAGE_SEPARATOR.length !== doc.text.length) {
    throw new Error('chunkDocument: doc.text is not its pages joined by PAGE_SEPARATOR');
  }
  return (offset) => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((offsets[mid] ?? Infinity) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return numbers[lo] ?? 1;
  };
}

export function chunkDocument(doc: ExtractedDocument, options: ChunkOptions): Chunk[] {
  const { maxTokens, overlapTokens } = options;
  if (!Number.isFinite(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be at least 1 (got ${maxTokens})`);
  }
  if (!(overlapTokens >= 0) || overlapTokens >= maxTokens) {
    throw new RangeError(`overlapTokens must be in [0, maxTokens) (got ${overlapTokens})`);
  }
  const { text } = doc;
  const first = text.search(/\S/);
  if (first < 0) return [];
  let last = text.length;
  while (isSpace(text.charCodeAt(last - 1))) last--;

  const spans = packChunks(text, first, last, findBoundaries(text, first, last), {
    maxTokens,
    overlapTokens,
    ...tokenMeasure(text, options),
  });
  const pageAt = pageAtOffset(doc);
  return spans.map(({ from, to }, index) => ({
    index,
    text: text.slice(from, to),
    pages: [pageAt(from), pageAt(to - 1)],
    start: from,
  }));
}

/** How spans of the text are counted: by the counter given, or by the estimate (O(1) a span). */
function tokenMeasure(
  text: string,
  { countTokens, tokensBefore }: ChunkOptions,
): Pick<PackingOptions, 'measure' | 'charsPerToken'> {
  if (countTokens) return { measure: (from, to) => countTokens(text.slice(from, to)) };
  if (tokensBefore) {
    return { measure: (from, to) => Math.ceil(tokensBefore(to) - tokensBefore(from)) };
  }
  return {
    measure: (from, to) => Math.ceil((to - from) / DEFAULT_CHARS_PER_TOKEN),
    charsPerToken: DEFAULT_CHARS_PER_TOKEN,
  };
}

/** Spans of about this many characters are counted one by one to map where tokens fall. */
const SPAN_CHARS = 64;
/** A chunk over budget makes the next try this much tighter again than the overshoot. */
const MARGIN = 0.98;
const FIT_ATTEMPTS = 4;

/** Offsets that cut `text` into spans of about SPAN_CHARS, at whitespace where there is some. */
function spanBounds(text: string): number[] {
  const bounds = [0];
  let at = 0;
  while (at < text.length) {
    let next = Math.min(text.length, at + SPAN_CHARS);
    const space = text.slice(next, next + SPAN_CHARS).search(/\s/);
    if (space >= 0) next += space;
    else next = Math.min(text.length, next + SPAN_CHARS);
    bounds.push(next);
    at = next;
  }
  return bounds;
}

/**
 * Chunks that fit `maxTokens` by a tokenizer's counts (`measure` counts a batch of texts in one trip
 * to wherever the tokenizer is). The text's short spans are counted to map where its tokens fall,
 * which chunking follows (token counts nearly add up across whitespace), then every chunk is counted
 * and, where one came out over, the text is cut again a little tighter.
 */
export async function chunkToFit(
  doc: ExtractedDocument,
  { maxTokens, overlapTokens }: Pick<ChunkOptions, 'maxTokens' | 'overlapTokens'>,
  measure: (texts: string[]) => Promise<(text: string) => number>,
): Promise<Chunk[]> {
  const { text } = doc;
  const bounds = spanBounds(text);
  const spans = bounds.slice(1).map((to, i) => text.slice(bounds[i], to));
  const spanCount = await measure(spans);
  const before = [0];
  spans.forEach((span, i) => before.push((before[i] ?? 0) + spanCount(span)));
  const tokensBefore = (offset: number) => {
    let lo = 0;
    let hi = bounds.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((bounds[mid] ?? 0) <= offset) lo = mid;
      else hi = mid;
    }
    const start = bounds[lo] ?? 0;
    const end = bounds[lo + 1] ?? start;
    const inside = end > start ? (offset - start) / (end - start) : 0;
    return (before[lo] ?? 0) + inside * ((before[lo + 1] ?? 0) - (before[lo] ?? 0));
  };
  let budget = maxTokens;
  let chunks: Chunk[] = [];
  for (let attempt = 0; attempt < FIT_ATTEMPTS; attempt++) {
    chunks = chunkDocument(doc, {
      maxTokens: budget,
      overlapTokens: Math.min(overlapTokens, budget - 1),
      tokensBefore,
    });
    const count = await measure(chunks.map((c) => c.text));
    const worst = Math.max(0, ...chunks.map((c) => count(c.text)));
    if (worst <= maxTokens) return chunks;
    budget = Math.max(1, Math.floor((budget * maxTokens * MARGIN) / worst));
  }
  return chunks;
}
