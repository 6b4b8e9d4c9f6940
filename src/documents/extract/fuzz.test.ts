/** Property tests for the document front-ends: any bytes, any name, any markup, no throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, detectKind, looksBinary } from './detect';
import { htmlToText } from './html';

describe('document front-ends', () => {
  it('detecting the kind of any file never throws', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.uint8Array({ maxLength: 2048 }),
        fc.string(),
        (name, bytes, mime) => {
          expect(() => detectKind(name, bytes, mime)).not.toThrow();
          expect(() => looksBinary(bytes)).not.toThrow();
          expect(typeof decodeText(bytes)).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('HTML to text never throws and never lets script text through', () => {
    const html = fc
      .array(
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            '<p>',
            '</p>',
            '<div>',
            '<br>',
            '<script>',
            '</script>',
            '<style>',
            '<!--',
            '-->',
            '<',
            '>',
            '&amp;',
            '&#x0;',
          ),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(html, (markup) => {
        expect(typeof htmlToText(markup)).toBe('string');
      }),
      { numRuns: 300 },
    );
    // After markup that leaves no tag or comment open (as a browser would read it), a script's
    // text never shows up.
    const closedText = fc.string().filter((s) => !s.includes('<'));
    fc.assert(
      fc.property(closedText, closedText, (before, after) => {
        expect(
          htmlToText(`<p>${before}</p><script>SECRET_SCRIPT()</script>${after}`),
        ).not.toContain('SECRET_SCRIPT');
      }),
      { numRuns: 300 },
    );
  });
});
