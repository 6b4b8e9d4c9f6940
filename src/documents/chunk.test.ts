import { describe, expect, it, vi } from 'vitest';
import { estimateTokens } from '../lib/tokenEstimate';
import { chunkDocument, chunkToFit, type Chunk, type ChunkOptions } from './chunk';
import { PAGE_SEPARATOR, type ExtractedDocument } from './types';

function makeDoc(pages: string[], firstPage = 1): ExtractedDocument {
  const text = pages.join(PAGE_SEPARATOR);
  return {
    name: 'test.txt',
    kind: pages.length > 1 ? 'pdf' : 'text',
    pages: pages.map((page, i) => ({ number: firstPage + i, text: page })),
    pageCount: pages.length > 1 ? pages.length : null,
    text,
    chars: text.length,
  };
}

/** A deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const end = (chunk: Chunk) => chunk.start + chunk.text.length;

/** Every invariant a chunking must keep, whatever the text. */
function checkInvariants(doc: ExtractedDocument, chunks: Chunk[], options: ChunkOptions) {
  const count = options.countTokens ?? estimateTokens;
  const text = doc.text;
  // Page of an offset, computed independently of the chunker.
  const pageOf = (offset: number) => {
    let at = 0;
    for (const page of doc.pages) {
      if (offset < at + page.text.length + PAGE_SEPARATOR.length) return page.number;
      at += page.text.length + PAGE_SEPARATOR.length;
    }
    return doc.pages.at(-1)!.number;
  };
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  /** The whitespace-free run around offset `at`. */
  const wordAround = (at: number) => {
    let a = at;
    let b = at;
    while (a > 0 && !isSpace(text[a - 1])) a--;
    while (b < text.length && !isSpace(text[b])) b++;
    return text.slice(a, b);
  };
  const cjkBreak = (at: number) => /[。！？]/.test(text[at - 1] ?? '');

  let covered = text.search(/\S/);
  chunks.forEach((chunk, i) => {
    expect(chunk.index).toBe(i);
    expect(chunk.text).toBe(text.slice(chunk.start, end(chunk)));
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(count(chunk.text)).toBeLessThanOrEqual(options.maxTokens);
    expect(chunk.pages).toEqual([pageOf(chunk.start), pageOf(end(chunk) - 1)]);
    // Cut inside a word only when that word is longer than a chunk.
    for (const cut of [chunk.start, end(chunk)]) {
      if (cut > 0 && cut < text.length && !isSpace(text[cut - 1]) && !isSpace(text[cut])) {
        if (!cjkBreak(cut)) {
          expect(count(wordAround(cut))).toBeGreaterThan(options.maxTokens);
        }
      }
    }
    // No gap: this chunk starts at or before the first character the previous one left out.
    const nextContent = /\S/g;
    nextContent.lastIndex = covered;
    expect(chunk.start).toBeLessThanOrEqual(nextContent.exec(text)?.index ?? text.length);
    if (i > 0) {
      const previous = chunks[i - 1]!;
      expect(chunk.start).toBeGreaterThan(previous.start);
      expect(end(chunk)).toBeGreaterThan(end(previous));
      if (chunk.start < end(previous)) {
        expect(count(text.slice(chunk.start, end(previous)))).toBeLessThanOrEqual(
          options.overlapTokens,
        );
      }
    }
    covered = end(chunk);
  });
  if (chunks.length > 0) expect(text.slice(covered).trim()).toBe('');
  else expect(text.trim()).toBe('');
}

function chunk(doc: ExtractedDocument, options: ChunkOptions): Chunk[] {
  const chunks = chunkDocument(doc, options);
  checkInvariants(doc, chunks, options);
  return chunks;
}

describe('estimateTokens', () => {
  it('counts 3 characters per token, rounded up, unless told another ratio', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcd')).toBe(2);
    expect(estimateTokens('x'.repeat(3000))).toBe(1000);
    expect(estimateTokens('x'.repeat(3000), 4.5)).toBe(667);
  });
});

describe('chunkToFit', () => {
  // A tokenizer that counts every CJK character as a token and English words as tokens: the
  // estimate's 3 characters a token is far off both ways.
  const tokens = (t: string) => (t.match(/\p{Script=Han}|[a-z]+/giu) ?? []).length;
  const measure = vi.fn(async () => tokens);

  it('cuts every chunk to fit by the tokenizer’s counts, in few trips to it', async () => {
    const mixed = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? '文档的摘要需要准确。'.repeat(12) : 'words of a plain english sentence. '.repeat(12),
    );
    const doc = makeDoc([mixed.join('\n\n')]);
    measure.mockClear();
    const chunks = await chunkToFit(doc, { maxTokens: 100, overlapTokens: 5 }, measure);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(tokens(c.text)).toBeLessThanOrEqual(100);
    expect(measure.mock.calls.length).toBeLessThanOrEqual(4);
    // Not cut needlessly small either: the chunks use most of the budget.
    const mean = chunks.reduce((sum, c) => sum + tokens(c.text), 0) / chunks.length;
    expect(mean).toBeGreaterThan(50);
  });
});

describe('chunkDocument', () => {
  it('returns no chunks for an empty or blank document', () => {
    expect(chunk(makeDoc(['']), { maxTokens: 10, overlapTokens: 2 })).toEqual([]);
    expect(chunk(makeDoc([' \n\n\t ']), { maxTokens: 10, overlapTokens: 2 })).toEqual([]);
    expect(chunk(makeDoc(['', '']), { maxTokens: 10, overlapTokens: 2 })).toEqual([]);
  });

  it('keeps a short document whole, trimmed', () => {
    const doc = makeDoc(['\n  Hello there. A short note.  \n']);
    expect(chunk(doc, { maxTokens: 100, overlapTokens: 10 })).toEqual([
      { index: 0, text: 'Hello there. A short note.', pages: [1, 1], start: 3 },
    ]);
  });

  it('ends a chunk at a paragraph break in preference to a later sentence end', () => {
    const first = 'Alpha one is here. Alpha two is here. Alpha three here.'; // 55 chars
    const second = 'Beta one is here now. Beta two is here now. Beta three is here.';
    const doc = makeDoc([`${first}\n\n${second}`]);
    // 30 tokens = 90 characters: room for the first paragraph and the first sentence of the next.
    const chunks = chunk(doc, { maxTokens: 30, overlapTokens: 0 });
    expect(chunks[0]!.text).toBe(first);
    expect(chunks[1]!.text.startsWith('Beta one')).toBe(true);
  });

  it('ends at a sentence when a paragraph is longer than a chunk', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} ends here.`);
    const doc = makeDoc([sentences.join(' ')]);
    const chunks = chunk(doc, { maxTokens: 40, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.text).toMatch(/^Sentence number \d+ ends here\./);
      expect(c.text).toMatch(/ends here\.$/);
    }
  });

  it('does not take an abbreviation or an initial for the end of a sentence', () => {
    const doc = makeDoc([
      'Some fruits, e.g. apples and pears, keep well in a cool cellar over the winter months. J. Smith wrote so.',
    ]);
    const chunks = chunk(doc, { maxTokens: 12, overlapTokens: 0 });
    for (const c of chunks) expect(c.text.endsWith('e.g.')).toBe(false);
  });

  it('ends at a word when a sentence is longer than a chunk', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    const doc = makeDoc([words.join(' ') + '.']);
    const chunks = chunk(doc, { maxTokens: 20, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(10);
    const rebuilt = chunks.map((c) => c.text).join(' ');
    expect(rebuilt).toBe(doc.text);
    for (const c of chunks) expect(c.text).toMatch(/^word\d+( word\d+)*\.?$/);
  });

  it('splits a word longer than a chunk, and only that word', () => {
    const long = 'x'.repeat(100);
    const doc = makeDoc([`short words ${long} more words after`]);
    const chunks = chunk(doc, { maxTokens: 10, overlapTokens: 0 }); // 30 characters each
    const pieces = chunks.map((c) => c.text);
    expect(pieces.join('').replace(/ /g, '')).toBe(doc.text.replace(/ /g, ''));
    expect(pieces.every((p) => p.length <= 30)).toBe(true);
    expect(pieces.at(-1)).toMatch(/words after$/);
    expect(pieces[0]!.startsWith('short words x')).toBe(true);
  });

  it('does not split a surrogate pair inside an overlong word', () => {
    const doc = makeDoc(['😀'.repeat(40)]);
    const chunks = chunk(doc, { maxTokens: 5, overlapTokens: 0 }); // 15 code units: 7 emoji
    expect(chunks.map((c) => c.text).join('')).toBe(doc.text);
    for (const c of chunks) expect(c.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('starts each chunk with an overlap from the end of the previous one, at a sentence', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Fact ${i} is short.`); // 17-18 chars
    const doc = makeDoc([sentences.join(' ')]);
    const chunks = chunk(doc, { maxTokens: 40, overlapTokens: 14 });
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]!;
      const current = chunks[i]!;
      expect(current.start).toBeLessThan(end(previous)); // an overlap exists
      const overlap = doc.text.slice(current.start, end(previous));
      expect(estimateTokens(overlap)).toBeLessThanOrEqual(14);
      expect(overlap).toMatch(/^Fact \d+ is short\./); // begins at a sentence
      expect(previous.text.endsWith(overlap)).toBe(true);
    }
  });

  it('falls back to a word start when no sentence start fits the overlap', () => {
    const doc = makeDoc([Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')]);
    const chunks = chunk(doc, { maxTokens: 20, overlapTokens: 5 });
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.start).toBeLessThan(end(chunks[i - 1]!));
      expect(chunks[i]!.text).toMatch(/^w\d+ /);
    }
  });

  it('makes disjoint chunks when overlapTokens is 0', () => {
    const doc = makeDoc(['One two three. '.repeat(100)]);
    const chunks = chunk(doc, { maxTokens: 25, overlapTokens: 0 });
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.start).toBeGreaterThanOrEqual(end(chunks[i - 1]!));
    }
  });

  it('tracks pages across chunk and page boundaries, with the pages’ own numbers', () => {
    const page = (n: number) =>
      Array.from({ length: 6 }, (_, i) => `Page ${n} sentence ${i} is here.`).join(' ');
    const doc = makeDoc([page(5), page(6), page(7)], 5);
    const chunks = chunk(doc, { maxTokens: 50, overlapTokens: 10 });
    expect(chunks[0]!.pages[0]).toBe(5);
    expect(chunks.at(-1)!.pages[1]).toBe(7);
    for (const c of chunks) {
      const named = [...c.text.matchAll(/Page (\d+)/g)].map((m) => Number(m[1]));
      expect(c.pages).toEqual([Math.min(...named), Math.max(...named)]);
    }
    expect(chunks.some((c) => c.pages[0] !== c.pages[1])).toBe(true);
  });

  it('skips blank pages without giving them chunks', () => {
    const doc = makeDoc(['First page text.', '', '   ', 'Fourth page text.']);
    const chunks = chunk(doc, { maxTokens: 100, overlapTokens: 0 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.pages).toEqual([1, 4]);
    const split = chunk(doc, { maxTokens: 6, overlapTokens: 0 });
    expect(split.map((c) => c.pages)).toEqual([
      [1, 1],
      [4, 4],
    ]);
  });

  it('never exceeds the limit with a custom counter that does not add up', () => {
    // Counts words and punctuation, plus one: like a tokenizer, a join can cost more than its parts.
    const countTokens = (text: string) => (text.match(/\w+|[^\w\s]/g)?.length ?? 0) + 1;
    const doc = makeDoc([
      Array.from({ length: 60 }, (_, i) => `Item ${i}, with a comma; and more.`).join('\n\n'),
    ]);
    const chunks = chunk(doc, { maxTokens: 30, overlapTokens: 8, countTokens });
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('breaks Chinese and Japanese text after full-width sentence marks', () => {
    const doc = makeDoc(['今日は晴れです。明日は雨です。'.repeat(20)]);
    const chunks = chunk(doc, { maxTokens: 10, overlapTokens: 0 });
    for (const c of chunks) expect(c.text.endsWith('。')).toBe(true);
  });

  it('rejects impossible options', () => {
    const doc = makeDoc(['text']);
    expect(() => chunkDocument(doc, { maxTokens: 0, overlapTokens: 0 })).toThrow(RangeError);
    expect(() => chunkDocument(doc, { maxTokens: 10, overlapTokens: 10 })).toThrow(RangeError);
    expect(() => chunkDocument(doc, { maxTokens: 10, overlapTokens: -1 })).toThrow(RangeError);
  });

  it('keeps its invariants on 200 random texts', () => {
    const words = [
      'a',
      'an',
      'the',
      'harbour',
      'lighthouse',
      'e.g.',
      'Dr.',
      'x',
      '—',
      '42',
      'über',
    ];
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
      const pages: string[] = [];
      const pageCount = 1 + Math.floor(random() * 4);
      for (let p = 0; p < pageCount; p++) {
        let text = random() < 0.2 ? '  ' : '';
        const length = Math.floor(random() * 400);
        for (let w = 0; w < length; w++) {
          const roll = random();
          text +=
            roll < 0.02
              ? 'y'.repeat(20 + Math.floor(random() * 150)) // longer than small chunks
              : roll < 0.05
                ? '😀'
                : pick(words);
          const sep = random();
          text +=
            sep < 0.08 ? '. ' : sep < 0.11 ? '.\n\n' : sep < 0.13 ? '\n' : sep < 0.14 ? '。' : ' ';
        }
        pages.push(random() < 0.1 ? '' : text);
      }
      const doc = makeDoc(pages, 1 + Math.floor(random() * 3));
      const maxTokens = 3 + Math.floor(random() * 120);
      const overlapTokens = Math.floor(random() * (maxTokens / 2));
      const countTokens =
        seed % 4 === 0
          ? (t: string) => (t.match(/\S+/g)?.length ?? 0) + Math.ceil(t.length / 10)
          : undefined;
      chunk(doc, { maxTokens, overlapTokens, countTokens });
    }
  });

  it('chunks 1 MB of text in well under a second', () => {
    const random = prng(99);
    const vocabulary = 'the of and to in harbour ship storm keeper lamp records council'.split(' ');
    const parts: string[] = [];
    let size = 0;
    while (size < 1_000_000) {
      const sentence =
        Array.from(
          { length: 5 + Math.floor(random() * 20) },
          () => vocabulary[Math.floor(random() * vocabulary.length)],
        ).join(' ') + (random() < 0.15 ? '.\n\n' : '. ');
      parts.push(sentence);
      size += sentence.length;
    }
    const doc = makeDoc([parts.join('')]);
    const started = performance.now();
    const chunks = chunkDocument(doc, { maxTokens: 512, overlapTokens: 64 });
    const elapsed = performance.now() - started;
    expect(chunks.length).toBeGreaterThan(600);
    expect(elapsed).toBeLessThan(1000);
    checkInvariants(doc, chunks, { maxTokens: 512, overlapTokens: 64 });
  });
});
