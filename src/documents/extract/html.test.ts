import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from './html';

describe('htmlToText', () => {
  it('reads the page fixture without its scripts, styles and templates', () => {
    const html = readFileSync('e2e/fixtures/documents/page.html', 'utf8');
    const text = htmlToText(html);
    expect(text).not.toMatch(/MUST-NOT-APPEAR|font-family|window\.leak/);
    expect(text).toBe(
      [
        'Lighthouse keeping: a short guide',
        '',
        'Lighthouse keeping',
        '',
        'The lamp must be lit half an hour before sunset & put out at sunrise. Keepers log every change of weather.',
        '',
        '- Trim the wick.',
        '- Polish the lens.',
        '',
        'Task\tWhen',
        'Wind the clockwork\tevery 4 hours',
        '',
        'Fog signal:',
        'one blast every 30 seconds.',
      ].join('\n'),
    );
  });

  it('turns blocks into line breaks and paragraphs into blank lines', () => {
    expect(htmlToText('<p>one</p><p>two</p><div>three</div><div>four</div>')).toBe(
      'one\n\ntwo\n\nthree\nfour',
    );
    expect(htmlToText('a<br>b<br><br>c')).toBe('a\nb\n\nc');
    expect(htmlToText('<h2>Title</h2>Body text')).toBe('Title\n\nBody text');
  });

  it('collapses whitespace like a browser, but not inside <pre>', () => {
    expect(htmlToText('<p>  lots \n of\t  space  </p>')).toBe('lots of space');
    expect(htmlToText('<p>x</p><pre>  a\n    b</pre>')).toBe('x\n\n  a\n    b');
    expect(htmlToText('<p>x</p><pre>line 1\n  line 2</pre>')).toBe('x\n\nline 1\n  line 2');
  });

  it('keeps inline elements inside words and decodes entities', () => {
    expect(htmlToText('<p>un<b>break</b>able &amp; caf&eacute; &lt;tag&gt; &#8212;</p>')).toBe(
      'unbreakable & café <tag> —',
    );
  });

  it('drops script, style, noscript, template and svg contents, even unclosed or nested', () => {
    const html =
      '<div>keep<script>if (a < b) { evil() }</script><style>p{}</style>' +
      '<noscript>no</noscript><template><div><p>no</p></div></template><svg><text>no</text></svg>ok</div>';
    expect(htmlToText(html)).toBe('keepok');
  });

  it('keeps the title only when the body does not already start with it', () => {
    expect(htmlToText('<title>Doc</title><h1>Doc</h1><p>x</p>')).toBe('Doc\n\nx');
    expect(htmlToText('<title>Doc</title><p>x</p>')).toBe('Doc\n\nx');
  });

  it('returns an empty string for markup without text', () => {
    expect(htmlToText('<html><head><script>x()</script></head><body> <br> </body></html>')).toBe(
      '',
    );
  });
});
