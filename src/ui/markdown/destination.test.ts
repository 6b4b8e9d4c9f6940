import { domainToASCII, domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDestination, showInvisible } from './destination';
import { decodePunycode } from './punycode';

describe('describeDestination', () => {
  it('gives the host the browser contacts, and the whole address', () => {
    expect(describeDestination('https://Example.com:8443/a?q=1#top')).toEqual({
      href: 'https://example.com:8443/a?q=1#top',
      host: 'example.com:8443',
      writtenAs: null,
      userName: null,
    });
  });

  it('is null for an address that may not be a link', () => {
    expect(describeDestination('javascript:alert(1)')).toBeNull();
    expect(describeDestination('/relative')).toBeNull();
  });

  it('names a site name put before "@" as not where the link goes', () => {
    const destination = describeDestination('https://accounts.google.com@evil.example/login');
    expect(destination?.host).toBe('evil.example');
    expect(destination?.userName).toBe('accounts.google.com');
  });

  it('shows a look-alike international host as the browser sends it and as it was written', () => {
    // The first letter is Cyrillic: the browser goes to xn--pple-43d.com, not apple.com.
    const destination = describeDestination('https://\u0430pple.com/login');
    expect(destination?.host).toBe('xn--pple-43d.com');
    expect(destination?.writtenAs).toEqual(['\u0430pple', 'com']);
  });

  it('keeps the labels of a right-to-left host apart, in the order the browser reads them', () => {
    const destination = describeDestination('https://مثال.إختبار/');
    expect(destination?.host).toBe('xn--mgbh0fb.xn--kgbechtv');
    expect(destination?.writtenAs).toEqual(['مثال', 'إختبار']);
  });

  it('keeps the address free of characters that hide or reorder text', () => {
    const destination = describeDestination('https://evil.example/\u202Egpj.exe?q=\u200Bsecret');
    expect(destination?.href).toBe('https://evil.example/%E2%80%AEgpj.exe?q=%E2%80%8Bsecret');
    // ASCII only: nothing in it can be invisible or change the direction of the text.
    expect(destination?.href).toMatch(/^[\x21-\x7e]+$/);
  });

  it('spells out invisible and direction characters where it shows text as written', () => {
    expect(showInvisible('a\u202Eb\u200Bc d')).toBe('a⟨U+202E⟩b⟨U+200B⟩c d');
    expect(describeDestination('https://%E2%80%AEgoogle.com@evil.example/')?.userName).toBe(
      '⟨U+202E⟩google.com',
    );
  });
});

describe('decodePunycode', () => {
  it('decodes the examples of RFC 3492', () => {
    expect(decodePunycode('egbpdaj6bu4bxfgehfvwxn')).toBe('ليهمابتكلموشعربي؟');
    expect(decodePunycode('ihqwcrb4cv8a8dqg056pqjye')).toBe('他们为什么不说中文');
    expect(decodePunycode('b1abfaaepdrnnbgefbaDotcwatmq2g4l')).toBe('почемужеонинеговорятпорусски');
    expect(decodePunycode('Hello-Another-Way--fc4qua05auwb3674vfr0b')).toBe(
      'Hello-Another-Way-それぞれの場所',
    );
  });

  it('refuses what is not punycode', () => {
    expect(decodePunycode('abc!')).toBeNull();
    expect(decodePunycode('99999999999999')).toBeNull();
    expect(decodePunycode('ü-abc')).toBeNull();
    expect(decodePunycode('a-')).toBe('a');
  });

  it('agrees with the browser engine’s own decoder for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (name) => {
        const ascii = domainToASCII(`${name}.example`);
        if (!ascii) return;
        const labels = ascii
          .split('.')
          .map((label) => (label.startsWith('xn--') ? decodePunycode(label.slice(4)) : label));
        expect(labels.join('.')).toBe(domainToUnicode(ascii));
      }),
      { numRuns: 500 },
    );
  });
});
