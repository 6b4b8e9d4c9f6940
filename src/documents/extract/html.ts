/**
 * HTML to plain text with htmlparser2 (workers have no DOMParser). Text only: scripts, styles and
 * other non-content elements are dropped, block elements become line breaks (paragraph-like ones a
 * blank line, so the chunker sees paragraphs), whitespace collapses as a browser would render it
 * except inside <pre>. Pure: unit-tested in Node.
 */
import { Parser } from 'htmlparser2';

/** Elements whose contents are never text for the reader. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'canvas',
  'iframe',
  'object',
  'select',
  'button',
]);
/** Elements that end a paragraph: a blank line before and after. */
const PARAGRAPHS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dl',
  'hr',
  'figure',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'address',
  'details',
  'form',
  'fieldset',
  'title',
]);
/** Elements that start a new line. */
const LINES = new Set([
  'br',
  'div',
  'li',
  'tr',
  'dt',
  'dd',
  'figcaption',
  'summary',
  'caption',
  'legend',
  'option',
]);
const CELLS = new Set(['td', 'th']);

export function htmlToText(html: string): string {
  const out: string[] = [];
  /** 0: none, 1: new line, 2: blank line, pending until the next text. */
  let pendingBreak = 0;
  /** What the last emitted character was: whitespace needs no separator before the next word. */
  let atSpace = true;
  let skipDepth = 0;
  let preDepth = 0;
  /** The document's <title>, kept although <head> is skipped. */
  let inTitle = false;
  let title = '';
  let pendingCell = false;

  const breakAtLeast = (level: number) => {
    if (out.length > 0) pendingBreak = Math.min(2, Math.max(pendingBreak, level));
  };

  const emit = (raw: string) => {
    const text = preDepth > 0 ? raw : raw.replace(/\s+/g, ' ');
    if (text === '') return;
    if (preDepth === 0 && text === ' ') {
      if (!atSpace && pendingBreak === 0 && !pendingCell) {
        out.push(' ');
        atSpace = true;
      }
      return;
    }
    let piece = text;
    if (pendingBreak > 0) {
      // Trailing spaces before a break and leading ones after it are layout, not text.
      const previous = out.pop();
      if (previous !== undefined) out.push(previous.replace(/[ \t]+$/, ''));
      out.push(pendingBreak === 2 ? '\n\n' : '\n');
      pendingBreak = 0;
      pendingCell = false;
      if (preDepth === 0) piece = piece.replace(/^ /, '');
    } else if (pendingCell) {
      const previous = out.pop();
      if (previous !== undefined) out.push(previous.replace(/[ \t]+$/, ''));
      out.push('\t');
      pendingCell = false;
      if (preDepth === 0) piece = piece.replace(/^ /, '');
    } else if (atSpace && preDepth === 0) {
      piece = piece.replace(/^ /, '');
    }
    if (piece === '') return;
    out.push(piece);
    atSpace = /\s$/.test(piece);
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (SKIPPED.has(name)) skipDepth++;
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth++;
        if (PARAGRAPHS.has(name)) breakAtLeast(2);
        // Two <br> in a row are how much of the web separates paragraphs.
        else if (name === 'br') breakAtLeast(pendingBreak + 1);
        else if (LINES.has(name)) breakAtLeast(1);
        else if (CELLS.has(name) && pendingBreak === 0 && out.length > 0) pendingCell = true;
        if (name === 'li') {
          emit('- ');
          atSpace = true;
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (skipDepth === 0) emit(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPHS.has(name)) breakAtLeast(2);
        else if (LINES.has(name) && name !== 'br') breakAtLeast(1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  const body = out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const heading = title.replace(/\s+/g, ' ').trim();
  // The title usually repeats the first heading; keep it only when it adds something.
  if (heading && !body.startsWith(heading)) return body ? `${heading}\n\n${body}` : heading;
  return body;
}
