/**
 * Joins the text items pdf.js returns for one page into readable text. pdf.js already inserts
 * spaces it infers from glyph gaps and marks line ends (`hasEOL`); this adds what it leaves to the
 * caller: a line break when the baseline moves without `hasEOL`, a space when two items on one
 * line are apart, a blank line where the gap between lines (or a jump to the next column) says a
 * new paragraph starts, and words hyphenated across a line break rejoined. Works in the text's own
 * direction, so rotated pages read the same. Pure and free of pdf.js: unit-tested in Node.
 */

/** The fields of pdf.js's TextItem this needs (marked-content items have no `str`). */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Placed {
  /** Position along the baseline and across it ("up" is positive). */
  along: number;
  across: number;
  width: number;
  size: number;
}

function place(item: PdfTextItem): Placed {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const scale = Math.hypot(a, b) || 1;
  // Unit vector along the baseline, and the normal pointing to the top of the glyphs.
  const ux = a / scale;
  const uy = b / scale;
  return {
    along: e * ux + f * uy,
    across: -e * uy + f * ux,
    width: item.width,
    size: Math.hypot(c, d) || item.height || 1,
  };
}

/** A gap between lines larger than this many line heights starts a paragraph. */
const PARAGRAPH_GAP = 1.6;
/** A horizontal gap larger than this share of the font size separates two words. */
const WORD_GAP = 0.15;

export function joinTextItems(items: readonly (PdfTextItem | object)[]): string {
  let out = '';
  let last: Placed | null = null;
  /** The line's first item, for measuring the gap to the next line. */
  let lineStart: Placed | null = null;
  let eol = false;

  for (const raw of items) {
    if (!('str' in raw)) continue;
    const item = raw as PdfTextItem;
    const text = item.str;
    if (text === '' || !/\S/.test(text)) {
      // Empty items carry line ends; whitespace items are spaces pdf.js inferred.
      if (item.hasEOL) eol = true;
      else if (text !== '' && out !== '' && !/\s$/.test(out)) out += ' ';
      continue;
    }
    const here = place(item);
    let newLine = eol;
    if (!newLine && last) {
      newLine = Math.abs(here.across - last.across) > 0.5 * Math.max(here.size, last.size);
    }
    if (out !== '' && newLine && lineStart) {
      const size = Math.max(here.size, lineStart.size);
      const drop = lineStart.across - here.across;
      // Far below the last line, or back up (the next column, a sidebar): a new paragraph.
      const paragraph = drop > PARAGRAPH_GAP * size || drop < -size;
      out = out.replace(/[ \t]+$/, '');
      if (!paragraph && /\p{L}-$/u.test(out) && /^\p{Ll}/u.test(text)) {
        out = out.slice(0, -1); // "spe-" + "cialization"
      } else {
        out += paragraph ? '\n\n' : '\n';
      }
      lineStart = here;
    } else if (last && !newLine) {
      const gap = here.along - (last.along + last.width);
      if (
        gap > WORD_GAP * Math.min(here.size, last.size) &&
        !/\s$/.test(out) &&
        !/^\s/.test(text)
      ) {
        out += ' ';
      }
    } else {
      lineStart = here;
    }
    lineStart ??= here;
    out += text;
    last = here;
    eol = item.hasEOL;
  }
  return out.replace(/\u00ad/g, '').trim();
}
