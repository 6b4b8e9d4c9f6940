/**
 * Splits a document's text into chunks that fit a token budget, for summaries (map-reduce) and
 * retrieval. A chunk is an exact slice of `doc.text` (so `start` locates it, for citing or
 * highlighting), never over `maxTokens`, ends where the text breaks best (a paragraph, else a
 * sentence, else a word; inside a word only when that word alone exceeds a chunk), and starts
 * with about `overlapTokens` of the previous chunk's end, from a sentence start where one is
 * close enough. Pure, no I/O; linear in the text's length with the default counter.
 */
import { DEFAULT_CHARS_PER_TOKEN } from '../lib/tokenEstimate';
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

/** How good a place to end a chunk a boundary is: higher is better. */
type Strength = 0 | 1 | 2 | 3;
/** Inside a word: only for words longer than a chunk. */
const WORD: Strength = 1;
const SENTENCE: Strength = 2;
const PARAGRAPH: Strength = 3;

/**
 * The places text may be cut: boundary k sits between content ending at `ends[k]` and content
 * starting at `starts[k]` (the whitespace between them belongs to no chunk). The last boundary is
 * the end of the text.
 */
interface Boundaries {
  ends: number[];
  starts: number[];
  strengths: Strength[];
}

function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028
  );
}

/** Closing quotes and brackets that may follow a sentence's final punctuation. */
const CLOSERS = new Set([...'"\'”’»)]}'].map((c) => c.charCodeAt(0)));
const TERMINATORS = new Set([...'.!?…'].map((c) => c.charCodeAt(0)));
/** Full-width terminators end sentences without a following space. */
const CJK_TERMINATORS = new Set([...'。！？'].map((c) => c.charCodeAt(0)));

/** Does a sentence end just before `end`, given the next content starts at `next`? */
function endsSentence(text: string, end: number, next: number): boolean {
  let i = end - 1;
  while (i > 0 && CLOSERS.has(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  if (CJK_TERMINATORS.has(c)) return true;
  if (!TERMINATORS.has(c)) return false;
  // "e.g. the", "etc. and": a lowercase letter next means the period was an abbreviation's.
  const following = text[next] ?? '';
  if (following !== following.toUpperCase()) return false;
  // "J. Smith": a single capital before the period is an initial.
  if (
    c === 46 &&
    i >= 1 &&
    /\p{Lu}/u.test(text[i - 1] ?? '') &&
    (i === 1 || isSpace(text.charCodeAt(i - 2)))
  ) {
    return false;
  }
  return true;
}

function findBoundaries(text: string, first: number, last: number): Boundaries {
  const ends: number[] = [];
  const starts: number[] = [];
  const strengths: Strength[] = [];
  let i = first;
  while (i < last) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      const runStart = i;
      let newlines = 0;
      while (isSpace(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === 10) newlines++;
        i++;
      }
      ends.push(runStart);
      starts.push(i);
      strengths.push(newlines >= 2 ? PARAGRAPH : endsSentence(text, runStart, i) ? SENTENCE : WORD);
    } else {
      i++;
      if (
        CJK_TERMINATORS.has(c) &&
        i < last &&
        !isSpace(text.charCodeAt(i)) &&
        !CLOSERS.has(text.charCodeAt(i))
      ) {
        ends.push(i);
        starts.push(i);
        strengths.push(SENTENCE);
      }
    }
  }
  ends.push(last);
  starts.push(text.length);
  strengths.push(PARAGRAPH);
  return { ends, starts, strengths };
}

/** Page number at each offset: the start offset of every page of `doc.text`. */
function pageMap(doc: ExtractedDocument): (offset: number) => number {
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
  const { maxTokens, overlapTokens, countTokens, tokensBefore } = options;
  if (!Number.isFinite(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be at least 1 (got ${maxTokens})`);
  }
  if (!(overlapTokens >= 0) || overlapTokens >= maxTokens) {
    throw new RangeError(`overlapTokens must be in [0, maxTokens) (got ${overlapTokens})`);
  }
  const text = doc.text;
  const first = text.search(/\S/);
  if (first < 0) return [];
  let last = text.length;
  while (isSpace(text.charCodeAt(last - 1))) last--;

  /** Tokens in text.slice(from, to); O(1) with the estimate. */
  const measure = countTokens
    ? (from: number, to: number) => countTokens(text.slice(from, to))
    : tokensBefore
      ? (from: number, to: number) => Math.ceil(tokensBefore(to) - tokensBefore(from))
      : (from: number, to: number) => Math.ceil((to - from) / DEFAULT_CHARS_PER_TOKEN);
  const fits = (from: number, to: number) => measure(from, to) <= maxTokens;

  /** The furthest cut in (from, to] that fits (a prefix of a word), not splitting a surrogate pair. */
  const longestFit = (from: number, to: number): number => {
    let lo = from;
    if (!countTokens && !tokensBefore) {
      lo = Math.min(to, from + DEFAULT_CHARS_PER_TOKEN * Math.floor(maxTokens));
    } else {
      let hi = to + 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (fits(from, mid)) lo = mid;
        else hi = mid;
      }
    }
    if (lo > from + 1 && /[\ud800-\udbff]/.test(text[lo - 1] ?? '')) lo--;
    // A cut that reaches the space before the long word ends at the word before it.
    while (lo > from && isSpace(text.charCodeAt(lo - 1))) lo--;
    if (lo <= from) {
      throw new RangeError(`maxTokens ${maxTokens} is less than one character's count`);
    }
    return lo;
  };

  const { ends, starts, strengths } = findBoundaries(text, first, last);
  const lastBoundary = ends.length - 1;
  // Indexes stay within [0, lastBoundary]; the fallbacks only satisfy the type checker.
  const endOf = (k: number) => ends[k] ?? last;
  const startOf = (k: number) => starts[k] ?? text.length;
  const strengthOf = (k: number) => strengths[k] ?? PARAGRAPH;
  const pageAt = pageMap(doc);
  const chunks: Chunk[] = [];
  const emit = (from: number, to: number) => {
    chunks.push({
      index: chunks.length,
      text: text.slice(from, to),
      pages: [pageAt(from), pageAt(to - 1)],
      start: from,
    });
  };
  const skipSpaces = (at: number) => {
    while (at < last && isSpace(text.charCodeAt(at))) at++;
    return at;
  };

  let pos = first;
  /** Where the previous chunk ended: new content starts there. */
  let previousEnd = first;
  let b0 = 0;
  while (pos < last) {
    while (endOf(b0) <= pos) b0++;
    if (!fits(pos, endOf(b0))) {
      // The word at `pos` alone is longer than a chunk.
      const cut = longestFit(pos, endOf(b0));
      emit(pos, cut);
      pos = previousEnd = skipSpaces(cut);
      continue;
    }
    // The furthest boundary that still fits: gallop, then bisect.
    let lo = b0;
    let hi = b0 + 1;
    for (let step = 1; hi <= lastBoundary && fits(pos, endOf(hi)); step *= 2) {
      lo = hi;
      hi = lo + step * 2;
    }
    hi = Math.min(hi, lastBoundary + 1);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (fits(pos, endOf(mid))) lo = mid;
      else hi = mid;
    }
    const kMax = lo;

    if (kMax < lastBoundary && !fits(startOf(kMax), endOf(kMax + 1))) {
      // Next comes a word longer than a chunk: fill this chunk with its beginning.
      const cut = longestFit(pos, endOf(kMax + 1));
      emit(pos, cut);
      pos = previousEnd = skipSpaces(cut);
      continue;
    }

    // The best boundary in the second half of the new content: strongest, then latest.
    let best = kMax;
    if (kMax < lastBoundary) {
      const newFrom = Math.max(previousEnd, pos);
      const halfway = newFrom + (endOf(kMax) - newFrom) / 2;
      for (let k = kMax - 1; k >= b0 && endOf(k) >= halfway; k--) {
        if (strengthOf(k) > strengthOf(best)) best = k;
      }
    }
    const end = endOf(best);
    emit(pos, end);
    if (best === lastBoundary) break;

    let next = startOf(best);
    if (overlapTokens > 0 && best > b0) {
      // Earliest word start whose tail of this chunk fits the overlap budget (bisect: later
      // starts leave less), then the first sentence start from there if there is one.
      let j = best;
      let l = b0;
      let h = best - 1;
      while (l <= h) {
        const mid = (l + h) >> 1;
        if (measure(startOf(mid), end) <= overlapTokens) {
          j = mid;
          h = mid - 1;
        } else l = mid + 1;
      }
      if (j < best) {
        let chosen = j;
        for (let k = j; k < best; k++) {
          if (strengthOf(k) >= SENTENCE) {
            chosen = k;
            break;
          }
        }
        // Keep the overlap only if the next chunk can still take a step past this one.
        if (fits(startOf(chosen), endOf(best + 1))) next = startOf(chosen);
      }
    }
    pos = next;
    previousEnd = end;
  }
  return chunks;
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
