/**
 * Packs a text into chunks between its boundaries (boundaries.ts): each chunk as long as the
 * token budget allows, ending at the best boundary of its second half, and starting with about
 * `overlapTokens` of the previous chunk's end. Pure.
 */
import { isSpace, PARAGRAPH, SENTENCE, type Boundaries } from './boundaries';

/** A chunk as offsets into the text: content in [from, to). */
export interface Span {
  from: number;
  to: number;
}

export interface PackingOptions {
  maxTokens: number;
  overlapTokens: number;
  /** Tokens in text.slice(from, to). */
  measure(from: number, to: number): number;
  /**
   * Characters per token when `measure` is the plain estimate: a word longer than a chunk is
   * then cut by arithmetic instead of by bisection.
   */
  charsPerToken?: number;
}

class Packer {
  private readonly lastBoundary: number;

  constructor(
    private readonly text: string,
    /** Where the content ends (trailing whitespace excluded). */
    private readonly last: number,
    private readonly boundaries: Boundaries,
    private readonly options: PackingOptions,
  ) {
    this.lastBoundary = boundaries.ends.length - 1;
  }

  // Indexes stay within [0, lastBoundary]; the fallbacks only satisfy the type checker.
  private endOf = (k: number) => this.boundaries.ends[k] ?? this.last;
  private startOf = (k: number) => this.boundaries.starts[k] ?? this.text.length;
  private strengthOf = (k: number) => this.boundaries.strengths[k] ?? PARAGRAPH;

  private fits(from: number, to: number): boolean {
    return this.options.measure(from, to) <= this.options.maxTokens;
  }

  private skipSpaces(at: number): number {
    while (at < this.last && isSpace(this.text.charCodeAt(at))) at++;
    return at;
  }

  /** Chunks from `first` on. */
  pack(first: number): Span[] {
    const spans: Span[] = [];
    let pos = first;
    /** Where the previous chunk ended: new content starts there. */
    let previousEnd = first;
    let b0 = 0;
    while (pos < this.last) {
      while (this.endOf(b0) <= pos) b0++;
      if (!this.fits(pos, this.endOf(b0))) {
        // The word at `pos` alone is longer than a chunk.
        const cut = this.longestFit(pos, this.endOf(b0));
        spans.push({ from: pos, to: cut });
        pos = previousEnd = this.skipSpaces(cut);
        continue;
      }
      const kMax = this.furthestFitting(pos, b0);
      if (kMax < this.lastBoundary && !this.fits(this.startOf(kMax), this.endOf(kMax + 1))) {
        // Next comes a word longer than a chunk: fill this chunk with its beginning.
        const cut = this.longestFit(pos, this.endOf(kMax + 1));
        spans.push({ from: pos, to: cut });
        pos = previousEnd = this.skipSpaces(cut);
        continue;
      }
      const best =
        kMax < this.lastBoundary ? this.bestEnding(b0, kMax, Math.max(previousEnd, pos)) : kMax;
      const end = this.endOf(best);
      spans.push({ from: pos, to: end });
      if (best === this.lastBoundary) break;
      pos = this.nextStart(b0, best);
      previousEnd = end;
    }
    return spans;
  }

  /** The furthest boundary from `b0` on whose end still fits a chunk from `pos`: gallop, then bisect. */
  private furthestFitting(pos: number, b0: number): number {
    let lo = b0;
    let hi = b0 + 1;
    for (let step = 1; hi <= this.lastBoundary && this.fits(pos, this.endOf(hi)); step *= 2) {
      lo = hi;
      hi = lo + step * 2;
    }
    hi = Math.min(hi, this.lastBoundary + 1);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.fits(pos, this.endOf(mid))) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The boundary to end at, of b0..kMax: the strongest in the second half of the new content
   * (from `newFrom`), and of equals the latest.
   */
  private bestEnding(b0: number, kMax: number, newFrom: number): number {
    let best = kMax;
    const halfway = newFrom + (this.endOf(kMax) - newFrom) / 2;
    for (let k = kMax - 1; k >= b0 && this.endOf(k) >= halfway; k--) {
      if (this.strengthOf(k) > this.strengthOf(best)) best = k;
    }
    return best;
  }

  /**
   * Where the chunk after the one ending at boundary `best` starts: far enough back to repeat
   * about `overlapTokens` of it, at a sentence start where there is one in that stretch.
   */
  private nextStart(b0: number, best: number): number {
    const next = this.startOf(best);
    const { overlapTokens, measure } = this.options;
    if (overlapTokens <= 0 || best <= b0) return next;
    const end = this.endOf(best);
    // Earliest word start whose tail of this chunk fits the overlap budget (bisect: later starts
    // leave less).
    let j = best;
    let lo = b0;
    let hi = best - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (measure(this.startOf(mid), end) <= overlapTokens) {
        j = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (j >= best) return next;
    let chosen = j;
    for (let k = j; k < best; k++) {
      if (this.strengthOf(k) >= SENTENCE) {
        chosen = k;
        break;
      }
    }
    // Keep the overlap only if the next chunk can still take a step past this one.
    return this.fits(this.startOf(chosen), this.endOf(best + 1)) ? this.startOf(chosen) : next;
  }

  /** The furthest cut in (from, to] that fits (a prefix of a word), not splitting a surrogate pair. */
  private longestFit(from: number, to: number): number {
    const { maxTokens, charsPerToken } = this.options;
    let lo = from;
    if (charsPerToken !== undefined) {
      lo = Math.min(to, from + charsPerToken * Math.floor(maxTokens));
    } else {
      let hi = to + 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (this.fits(from, mid)) lo = mid;
        else hi = mid;
      }
    }
    if (lo > from + 1 && /[\ud800-\udbff]/.test(this.text[lo - 1] ?? '')) lo--;
    // A cut that reaches the space before the long word ends at the word before it.
    while (lo > from && isSpace(this.text.charCodeAt(lo - 1))) lo--;
    if (lo <= from) {
      throw new RangeError(`maxTokens ${maxTokens} is less than one character's count`);
    }
    return lo;
  }
}

/** The chunks of text[first, last) as spans, in order. */
export function packChunks(
  text: string,
  first: number,
  last: number,
  boundaries: Boundaries,
  options: PackingOptions,
): Span[] {
  return new Packer(text, last, boundaries, options).pack(first);
}
