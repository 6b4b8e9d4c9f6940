import { describe, expect, it } from 'vitest';
import { urlTransform, webUrl } from './safeUrl';

const transform = (url: string, tagName = 'a') =>
  urlTransform(url, tagName === 'img' ? 'src' : 'href', {
    type: 'element',
    tagName,
    properties: {},
    children: [],
  });

describe('the link policy: which addresses may be links', () => {
  it('keeps absolute http and https addresses', () => {
    expect(webUrl('https://example.com/docs')?.href).toBe('https://example.com/docs');
    expect(webUrl('http://example.com')?.href).toBe('http://example.com/');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in any case', 'JaVaScRiPt:alert(1)'],
    ['javascript: split by a tab or a newline', 'java\tscript:alert(1)'],
    ['javascript: behind leading spaces', '  javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a data: image', 'data:image/png;base64,AAAA'],
    ['blob:', 'blob:https://evil.example/3f1c'],
    ['file:', 'file:///etc/passwd'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['mailto:', 'mailto:leak@evil.example?body=secret'],
    ['tel:', 'tel:+15550100'],
    ['ftp:', 'ftp://evil.example/'],
    ['ws:', 'ws://evil.example/'],
    ['about:', 'about:blank'],
    ['a relative path (it would open Nook itself)', '/settings?x=1'],
    ['a protocol-relative address', '//evil.example/leak'],
    ['a bare host', 'www.example.com'],
    ['an address the browser cannot read', 'https://exa mple.com'],
    ['a host with a right-to-left override in it', 'https://evil\u202Egoogle.com'],
  ])('makes no link of %s', (_, url) => {
    expect(webUrl(url)).toBeNull();
    expect(transform(url)).toBeUndefined();
  });

  it('gives images the same rule: web addresses only', () => {
    expect(transform('https://evil.example/p.png?q=secret', 'img')).toBe(
      'https://evil.example/p.png?q=secret',
    );
    expect(transform('data:image/png;base64,AAAA', 'img')).toBeUndefined();
    expect(transform('blob:https://nook.example/1', 'img')).toBeUndefined();
  });

  it('hands the address back as the browser will open it', () => {
    expect(transform('HTTPS://Evil.Example:443/a b?q=ü')).toBe(
      'https://evil.example/a%20b?q=%C3%BC',
    );
    expect(transform('https://аpple.com/')).toBe('https://xn--pple-43d.com/');
    // A backslash is a slash to the browser: the host is evil.example, whatever follows.
    expect(transform('https://evil.example\\@google.com')).toBe('https://evil.example/@google.com');
  });
});
