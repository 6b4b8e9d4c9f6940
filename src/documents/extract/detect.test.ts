import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  declaredHtmlCharset,
  decodeText,
  detectKind,
  extensionOf,
  isEncryptedOfficeFile,
  looksBinary,
  sniffSignature,
} from './detect';

const fixture = (name: string) => new Uint8Array(readFileSync(`e2e/fixtures/documents/${name}`));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('extensionOf', () => {
  it('lower-cases the last extension and ignores dot-files and trailing dots', () => {
    expect(extensionOf('Report.Final.PDF')).toBe('pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('odd.')).toBe('');
  });
});

describe('sniffSignature', () => {
  it('recognises PDF, ZIP and OLE files by their first bytes', () => {
    expect(sniffSignature(fixture('tracemonkey.pdf'))).toBe('pdf');
    expect(sniffSignature(fixture('report.docx'))).toBe('zip');
    expect(
      sniffSignature(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
    ).toBe('ole');
    expect(sniffSignature(bytes('plain text'))).toBe('none');
    expect(sniffSignature(new Uint8Array())).toBe('none');
  });

  it('finds %PDF- after junk in the first kilobyte, as pdf.js does', () => {
    expect(sniffSignature(bytes(`${' '.repeat(500)}%PDF-1.7`))).toBe('pdf');
    expect(sniffSignature(bytes(`${' '.repeat(2000)}%PDF-1.7`))).toBe('none');
  });
});

describe('detectKind', () => {
  it('reads each fixture as its kind', () => {
    expect(detectKind('notes.txt', fixture('notes.txt'))).toEqual({ ok: true, kind: 'text' });
    expect(detectKind('notes.md', fixture('notes.md'))).toEqual({ ok: true, kind: 'markdown' });
    expect(detectKind('page.html', fixture('page.html'))).toEqual({ ok: true, kind: 'html' });
    expect(detectKind('report.docx', fixture('report.docx'))).toEqual({ ok: true, kind: 'docx' });
    expect(detectKind('paper.pdf', fixture('tracemonkey.pdf'))).toEqual({ ok: true, kind: 'pdf' });
  });

  it('accepts the other spellings of the extensions', () => {
    expect(detectKind('a.MARKDOWN', bytes('# x'))).toMatchObject({ kind: 'markdown' });
    expect(detectKind('a.htm', bytes('<p>x'))).toMatchObject({ kind: 'html' });
    expect(detectKind('a.xhtml', bytes('<p>x'))).toMatchObject({ kind: 'html' });
  });

  it('lets the content win when it is unambiguous', () => {
    expect(detectKind('paper.txt', fixture('tracemonkey.pdf'))).toMatchObject({ kind: 'pdf' });
    expect(detectKind('download', fixture('tracemonkey.pdf'))).toMatchObject({ kind: 'pdf' });
  });

  it('reads unknown names as text when the bytes are text, by MIME type when there is no extension', () => {
    expect(detectKind('data.csv', bytes('a,b\n1,2'))).toMatchObject({ kind: 'text' });
    expect(detectKind('main.py', bytes('print(1)'))).toMatchObject({ kind: 'text' });
    expect(detectKind('README', bytes('# Title'), 'text/markdown')).toMatchObject({
      kind: 'markdown',
    });
    expect(detectKind('index', bytes('<p>x'), 'text/html')).toMatchObject({ kind: 'html' });
  });

  it('calls a text-named file of random bytes binary, an unknown one unsupported', () => {
    expect(detectKind('binary.txt', fixture('binary.txt'))).toEqual({ ok: false, code: 'binary' });
    expect(detectKind('notes.md', fixture('report.docx'))).toEqual({ ok: false, code: 'binary' });
    expect(detectKind('photo.png', fixture('binary.txt'))).toEqual({
      ok: false,
      code: 'unsupported-type',
    });
  });

  it('refuses a .pdf that is not a PDF as damaged', () => {
    expect(detectKind('fake.pdf', bytes('hello'))).toEqual({ ok: false, code: 'corrupt' });
  });

  it('tells a password-protected .docx from an old .doc and from a damaged file', () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encryptedName = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
    const encrypted = new Uint8Array([...ole, ...new Array(100).fill(1), ...encryptedName, 0, 0]);
    expect(detectKind('secret.docx', encrypted)).toEqual({
      ok: false,
      code: 'encrypted',
      context: { reason: 'office-encrypted' },
    });
    const legacy = new Uint8Array([...ole, ...new Array(100).fill(0)]);
    expect(detectKind('old.doc', legacy)).toMatchObject({
      code: 'unsupported-type',
      context: { reason: 'legacy-word' },
    });
    expect(detectKind('renamed.docx', legacy)).toMatchObject({
      context: { reason: 'legacy-word' },
    });
    expect(detectKind('broken.docx', bytes('not a zip'))).toEqual({ ok: false, code: 'corrupt' });
    expect(detectKind('misnamed.doc', fixture('report.docx'))).toMatchObject({ kind: 'docx' });
  });

  it('refuses formats that are not ours by name', () => {
    for (const name of ['slides.pptx', 'sheet.xlsx', 'book.epub', 'letter.rtf', 'doc.odt']) {
      expect(detectKind(name, bytes('whatever'))).toEqual({ ok: false, code: 'unsupported-type' });
    }
  });
});

describe('isEncryptedOfficeFile', () => {
  it('finds the UTF-16 stream name anywhere, and nothing in ordinary files', () => {
    const name = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(isEncryptedOfficeFile(new Uint8Array([1, 2, 3, ...name]))).toBe(true);
    expect(isEncryptedOfficeFile(bytes('EncryptedPackage'))).toBe(false);
    expect(isEncryptedOfficeFile(fixture('report.docx'))).toBe(false);
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and many control characters, not text', () => {
    expect(looksBinary(fixture('binary.txt'))).toBe(true);
    expect(looksBinary(new Uint8Array([104, 105, 0, 33]))).toBe(true);
    expect(looksBinary(fixture('long.txt'))).toBe(false);
    expect(looksBinary(bytes('tab\there\r\nform\ffeed \u001b[1m bold'))).toBe(false);
  });

  it('tolerates a stray control character in a long text', () => {
    expect(looksBinary(bytes(`${'text '.repeat(100)}\u0007${'text '.repeat(100)}`))).toBe(false);
    expect(looksBinary(bytes('\u0001\u0002\u0003\u0004 a few letters'))).toBe(true);
  });

  it('accepts UTF-16 with a byte-order mark, which is full of NULs', () => {
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 104, 0, 105, 0]))).toBe(false);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8, with or without a BOM', () => {
    expect(decodeText(bytes('café — ok'))).toBe('café — ok');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('bom')]))).toBe('bom');
  });

  it('decodes UTF-16 little- and big-endian with a BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 104, 0, 0xe9, 0]))).toBe('hé');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0, 104, 0, 0xe9]))).toBe('hé');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 instead of refusing them', () => {
    // "café naïve" in Latin-1 / Windows-1252. (Browsers also map 0x80-0x9F as Windows-1252
    // does, € for 0x80; Node 20's decoder treats the label as Latin-1, so that is not asserted.)
    expect(
      decodeText(new Uint8Array([...bytes('caf'), 0xe9, 32, ...bytes('na'), 0xef, ...bytes('ve')])),
    ).toBe('café naïve');
  });

  it('normalises line endings and drops control characters', () => {
    expect(decodeText(bytes('a\r\nb\rc\fd\u0000e\u0007f'))).toBe('a\nb\nc\n\ndef');
  });
});

describe('declaredHtmlCharset', () => {
  it('reads <meta charset> and the http-equiv form, when the label is known', () => {
    expect(declaredHtmlCharset(bytes('<html><head><meta charset="utf-8">'))).toBe('utf-8');
    expect(declaredHtmlCharset(bytes("<meta charset='Shift_JIS'>"))).toBe('shift_jis');
    expect(
      declaredHtmlCharset(
        bytes('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'),
      ),
    ).toBe('iso-8859-2');
    expect(declaredHtmlCharset(bytes('<meta charset="no-such-encoding">'))).toBeUndefined();
    expect(declaredHtmlCharset(bytes('<meta charset="utf-16">'))).toBeUndefined();
    expect(declaredHtmlCharset(bytes('<p>no declaration</p>'))).toBeUndefined();
  });

  it('decodes a page in the encoding it declares', () => {
    // "Łódź" in ISO-8859-2.
    const page = new Uint8Array([
      ...bytes('<meta charset="iso-8859-2"><p>'),
      0xa3,
      0xf3,
      0x64,
      0xbc,
      ...bytes('</p>'),
    ]);
    expect(decodeText(page, declaredHtmlCharset(page))).toContain('Łódź');
  });
});
