import { describe, expect, it } from 'vitest';
import { joinTextItems, type PdfTextItem } from './pdfText';

/** A horizontal item at (x, y) in a 10-point font; width defaults to 5 points per character. */
function item(str: string, x: number, y: number, options: Partial<PdfTextItem> = {}): PdfTextItem {
  return {
    str,
    transform: [10, 0, 0, 10, x, y],
    width: str.length * 5,
    height: 10,
    hasEOL: false,
    ...options,
  };
}

describe('joinTextItems', () => {
  it('follows hasEOL and keeps items of one line together', () => {
    expect(
      joinTextItems([
        item('Hello', 0, 700),
        item(' ', 25, 700),
        item('world', 30, 700, { hasEOL: true }),
        item('Next line', 0, 688),
      ]),
    ).toBe('Hello world\nNext line');
  });

  it('puts a space between items that are apart on a line, none between touching ones', () => {
    expect(joinTextItems([item('Trace', 0, 700), item('Monkey', 40, 700)])).toBe('Trace Monkey');
    expect(joinTextItems([item('Trace', 0, 700), item('Monkey', 25, 700)])).toBe('TraceMonkey');
  });

  it('breaks the line when the baseline moves without hasEOL', () => {
    expect(joinTextItems([item('first', 0, 700), item('second', 0, 688)])).toBe('first\nsecond');
  });

  it('starts a paragraph after a large gap or a jump up to the next column', () => {
    expect(
      joinTextItems([
        item('end of paragraph.', 0, 700, { hasEOL: true }),
        item('New paragraph', 0, 670),
      ]),
    ).toBe('end of paragraph.\n\nNew paragraph');
    expect(
      joinTextItems([item('bottom of column one', 0, 80), item('top of column two', 300, 700)]),
    ).toBe('bottom of column one\n\ntop of column two');
  });

  it('treats empty items with hasEOL as line ends and ignores marked-content items', () => {
    expect(
      joinTextItems([
        { type: 'beginMarkedContent', id: 'x' },
        item('a', 0, 700),
        item('', 5, 700, { hasEOL: true }),
        { type: 'endMarkedContent' },
        item('b', 0, 688),
      ]),
    ).toBe('a\nb');
  });

  it('rejoins words hyphenated across a line break, not across a paragraph', () => {
    expect(
      joinTextItems([item('type spe-', 0, 700, { hasEOL: true }), item('cialization', 0, 688)]),
    ).toBe('type specialization');
    expect(joinTextItems([item('well-', 0, 700, { hasEOL: true }), item('Known', 0, 688)])).toBe(
      'well-\nKnown',
    );
    expect(joinTextItems([item('spe-', 0, 700, { hasEOL: true }), item('cial', 0, 600)])).toBe(
      'spe-\n\ncial',
    );
  });

  it('reads rotated text along its own baseline', () => {
    // Text rotated 90° anticlockwise: the baseline runs up the page, the next line is to the right.
    const rotated = (str: string, x: number, y: number): PdfTextItem => ({
      str,
      transform: [0, 10, -10, 0, x, y],
      width: str.length * 5,
      height: 10,
      hasEOL: false,
    });
    expect(
      joinTextItems([rotated('one', 100, 0), rotated('two', 100, 40), rotated('three', 112, 0)]),
    ).toBe('one two\nthree');
  });

  it('removes soft hyphens and trims', () => {
    expect(joinTextItems([item('  co\u00adop  ', 0, 700)])).toBe('coop');
    expect(joinTextItems([])).toBe('');
  });
});
