/**
 * Where a document's text may be cut into chunks, and how good a cut each place is: between
 * paragraphs, between sentences, between words. Pure.
 */

/** How good a place to end a chunk a boundary is: higher is better. */
export type Strength = 0 | 1 | 2 | 3;
/** Between words (and inside a word, for words longer than a chunk). */
export const WORD: Strength = 1;
export const SENTENCE: Strength = 2;
export const PARAGRAPH: Strength = 3;

/**
 * The places text may be cut: boundary k sits between content ending at `ends[k]` and content
 * starting at `starts[k]` (the whitespace between them belongs to no chunk). The last boundary is
 * the end of the text.
 */
export interface Boundaries {
  ends: number[];
  starts: number[];
  strengths: Strength[];
}

export function isSpace(c: number): boolean {
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

/** Every place text[first, last) may be cut: each run of whitespace, and after a CJK full stop. */
export function findBoundaries(text: string, first: number, last: number): Boundaries {
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
